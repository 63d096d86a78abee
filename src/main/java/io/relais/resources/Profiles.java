package io.relais.resources;

import java.util.List;
import java.util.UUID;

import io.relais.platform.web.ApiProblem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The app profile of a signed-in caller: the profile with their username (an imported one, or created on first use).
 */
@Component
public class Profiles {

    private final JdbcTemplate jdbc;

    Profiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A profile's figures: its resources, their views, its comments. */
    ResourceViews.ProfileStats stats(UUID profile) {
        return jdbc.queryForObject("select (select count(*) from resources.resources where user_id = ?) as resources, "
                + "(select coalesce(sum(view_count), 0) from resources.resources where user_id = ?) as views, "
                + "(select count(*) from resources.resource_comments where user_id = ?) as comments", ResourceViews.ProfileStats.ROWS,
                profile, profile, profile);
    }

    public UUID of(io.relais.platform.security.Caller caller) {
        return of(io.relais.platform.security.Caller.nameOf(caller));
    }

    public UUID of(String username) {
        if (username == null) throw ApiProblem.unauthorized("sign in first");
        // a read on every call; the insert only the first time (no row lock for the callers who already have one)
        List<UUID> known = jdbc.queryForList("select id from resources.profiles where username = ?", UUID.class, username);
        if (!known.isEmpty()) return known.get(0);
        jdbc.update("insert into resources.profiles (id, username, display_name) values (?, ?, ?) on conflict (username) do nothing",
                MigrationImport.uuid("profiles", "user:" + username), username, username);
        return jdbc.queryForObject("select id from resources.profiles where username = ?", UUID.class, username);
    }
}
