package io.relais.platform.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.relais.platform.web.ApiProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Users and roles in {@code platform.users}; passwords are bcrypt hashes. */
@Repository
public class UserAccounts {

    private static final String SELECT = """
            select u.id, u.username, u.email, u.display_name, u.enabled, u.created_at, u.password_hash,
                   coalesce(array_agg(r.role order by r.role) filter (where r.role is not null), '{}') as roles
              from platform.users u left join platform.user_roles r on r.user_id = u.id
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder();

    UserAccounts(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates a user; a taken username or email is a 409. */
    @Transactional
    public UserAccount create(String username, String email, String password, String displayName, Set<Role> roles) {
        UUID id;
        try {
            id = jdbc.queryForObject("""
                    insert into platform.users (username, email, password_hash, display_name)
                    values (:username, :email, :hash, :displayName) returning id
                    """, new MapSqlParameterSource()
                    .addValue("username", username).addValue("email", email)
                    .addValue("hash", passwords.encode(password)).addValue("displayName", displayName), UUID.class);
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict("username or email is already taken");
        }
        for (Role role : roles) {
            jdbc.update("insert into platform.user_roles (user_id, role) values (:id, :role)",
                    new MapSqlParameterSource("id", id).addValue("role", role.id()));
        }
        return findById(id).orElseThrow();
    }

    @Transactional
    public void grant(UUID userId, Role role) {
        jdbc.update("insert into platform.user_roles (user_id, role) values (:id, :role) on conflict do nothing",
                new MapSqlParameterSource("id", userId).addValue("role", role.id()));
    }

    public Optional<UserAccount> findById(UUID id) {
        return one(SELECT + " where u.id = :id group by u.id", new MapSqlParameterSource("id", id));
    }

    public Optional<UserAccount> findByEmail(String email) {
        return one(SELECT + " where lower(u.email) = lower(:email) group by u.id", new MapSqlParameterSource("email", email));
    }

    public Optional<UserAccount> findByUsername(String username) {
        return one(SELECT + " where lower(u.username) = lower(:username) group by u.id",
                new MapSqlParameterSource("username", username));
    }

    public List<UserAccount> findAll() {
        return jdbc.query(SELECT + " group by u.id order by u.username", (rs, n) -> map(rs));
    }

    public boolean exists(String username) {
        return findByUsername(username).isPresent();
    }

    /** The account when the password matches an enabled user; bcrypt runs even for unknown users (no timing oracle). */
    public Optional<UserAccount> authenticate(String username, String password) {
        List<Object[]> rows = jdbc.query(SELECT + " where lower(u.username) = lower(:username) group by u.id",
                new MapSqlParameterSource("username", username), (rs, n) -> new Object[] {map(rs), rs.getString("password_hash")});
        if (rows.isEmpty()) {
            passwords.matches(password, DUMMY_HASH);
            return Optional.empty();
        }
        UserAccount account = (UserAccount) rows.get(0)[0];
        boolean matches = passwords.matches(password, (String) rows.get(0)[1]);
        return matches && account.enabled() ? Optional.of(account) : Optional.empty();
    }

    private static final String DUMMY_HASH = new BCryptPasswordEncoder().encode("relais-timing-equaliser");

    private Optional<UserAccount> one(String sql, MapSqlParameterSource params) {
        return jdbc.query(sql, params, (rs, n) -> map(rs)).stream().findFirst();
    }

    private static UserAccount map(ResultSet rs) throws SQLException {
        String[] roles = (String[]) rs.getArray("roles").getArray();
        return new UserAccount(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("email"),
                rs.getString("display_name"), new LinkedHashSet<>(Arrays.asList(roles)), rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant());
    }

}
