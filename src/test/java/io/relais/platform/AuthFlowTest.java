package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;

class AuthFlowTest extends AppTest {

    @Test
    void signup_signin_session_refresh_and_signout_round_trip() {
        String user = unique("gardener");
        var signup = api.signup(user, "rosebush-42");
        assertThat(signup.status()).isEqualTo(201);
        assertThat(signup.text("token_type")).isEqualTo("Bearer");
        assertThat(signup.body().get("user").get("roles").get(0).asText()).isEqualTo("customer");

        var signin = api.post("/api/auth/signin", Map.of("username", user, "password", "rosebush-42"), null);
        assertThat(signin.status()).isEqualTo(200);
        assertThat(signin.body().get("expires_in").asLong()).isBetween(60L, 900L);
        String access = signin.text("access_token");
        String refresh = signin.text("refresh_token");

        var session = api.get("/api/auth/session", access);
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.body().get("user").get("username").asText()).isEqualTo(user);

        var refreshed = api.post("/api/auth/refresh", Map.of("refresh_token", refresh), null);
        assertThat(refreshed.status()).isEqualTo(200);
        String nextRefresh = refreshed.text("refresh_token");
        assertThat(nextRefresh).isNotEqualTo(refresh);
        assertThat(api.get("/api/auth/session", refreshed.text("access_token")).status()).isEqualTo(200);

        var signout = api.post("/api/auth/signout", Map.of("refresh_token", nextRefresh), refreshed.text("access_token"));
        assertThat(signout.status()).isEqualTo(204);

        var revoked = api.post("/api/auth/refresh", Map.of("refresh_token", nextRefresh), null);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/auth/session", refreshed.text("access_token")).status()).isEqualTo(401);
    }

    @Test
    void a_reused_refresh_token_is_refused_and_revokes_its_whole_family() {
        String user = unique("thief-victim");
        String first = api.signup(user, "rosebush-42").text("refresh_token");
        String second = api.post("/api/auth/refresh", Map.of("refresh_token", first), null).text("refresh_token");

        var replay = api.post("/api/auth/refresh", Map.of("refresh_token", first), null);
        assertThat(replay.status()).isEqualTo(401);
        // the rightful holder's current token died with the family
        assertThat(api.post("/api/auth/refresh", Map.of("refresh_token", second), null).status()).isEqualTo(401);
    }

    @Test
    void wrong_password_is_401_and_the_seed_login_path_signs_in_too() {
        String user = unique("farmer");
        api.signup(user, "mulard-duck-1");
        var wrong = api.post("/api/auth/signin", Map.of("username", user, "password", "nope-nope"), null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text("detail")).isEqualTo("unknown user or wrong password");

        var login = api.post("/auth/login", Map.of("username", user, "password", "mulard-duck-1"), null);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text("access_token")).isNotBlank();
    }

    @Test
    void a_tampered_token_is_refused() {
        String token = api.signup(unique("mallory"), "rosebush-42").text("access_token");
        String tampered = token.substring(0, token.length() - 3) + (token.endsWith("A") ? "BBB" : "AAA");
        var r = api.get("/api/auth/session", tampered);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void an_admin_creates_a_manager_and_a_customer_may_not() {
        String customer = api.signup(unique("cust"), "rosebush-42").text("access_token");
        var body = Map.of("username", unique("manager"), "password", "approve-all-1", "roles", java.util.List.of("manager"));
        var forbidden = api.post("/api/admin/users", body, customer);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");

        var created = api.post("/api/admin/users", body, api.adminToken());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("roles").get(0).asText()).isEqualTo("manager");
    }
}
