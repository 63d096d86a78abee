package io.relais.resources;

import java.util.List;
import java.util.UUID;

import io.relais.platform.web.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The app profile of a signed-in caller: the profile with their username (an imported one, or created on first use).
 */
@Component
public class Profiles {

    private final JdbcClient jdbc;

    Profiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A profile's figures: its resources, their views, its comments. */
    ResourceViews.ProfileStats stats(UUID profile) {
        return jdbc.sql("select (select count(*) from resources.resources where user_id = :profile) as resources, "
                        + "(select coalesce(sum(view_count), 0) from resources.resources where user_id = :profile) as views, "
                        + "(select count(*) from resources.resource_comments where user_id = :profile) as comments")
                .param("profile", profile).query(ResourceViews.ProfileStats.ROWS).single();
    }

    public UUID of(io.relais.platform.security.Caller caller) {
        return of(io.relais.platform.security.Caller.nameOf(caller));
    }

    public UUID of(String username) {
        if (username == null) throw ApiProblem.unauthorized("sign in first");
        // a read on every call; the insert only the first time (no row lock for the callers who already have one)
        String byName = "select id from resources.profiles where username = :username";
        List<UUID> known = jdbc.sql(byName).param("username", username).query(UUID.class).list();
        if (!known.isEmpty()) return known.get(0);
        jdbc.sql("insert into resources.profiles (id, username, display_name) values (:id, :username, :username) on conflict (username) do nothing")
                .param("id", MigrationImport.uuid("profiles", "user:" + username)).param("username", username).update();
        return jdbc.sql(byName).param("username", username).query(UUID.class).single();
    }
}
