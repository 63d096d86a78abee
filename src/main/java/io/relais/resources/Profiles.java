package io.relais.resources;

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

    public UUID of(String username) {
        if (username == null) throw ApiProblem.unauthorized("sign in first");
        return jdbc.queryForObject("""
                insert into resources.profiles (id, username, display_name) values (?, ?, ?)
                on conflict (username) do update set username = excluded.username returning id""",
                UUID.class, MigrationImport.uuid("profiles", "user:" + username), username, username);
    }
}
