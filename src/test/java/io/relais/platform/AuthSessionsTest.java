package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.testsupport.Api;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;

/**
 * Sessions: each sign-in is one, listed with its device; ending one refuses its refresh token and its access tokens
 * at once (Redis, so every node); signing out everywhere ends them all, the caller's own included.
 */
class AuthSessionsTest extends AppTest {

    @Test
    void a_user_lists_ends_one_and_then_all_of_their_sessions() throws Exception {
        String user = unique("sessions");
        api.signup(user, "rosebush-42-long");
        JsonNode phone = signin(user, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile/15E148");
        JsonNode laptop = signin(user, "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0");
        String phoneToken = phone.path("access_token").asText(), laptopToken = laptop.path("access_token").asText();

        JsonNode sessions = api.get("/api/auth/sessions", laptopToken).body();
        assertThat(sessions.size()).as(sessions.toString()).isEqualTo(3); // the sign-up is a session too
        assertThat(sessions.toString()).contains("iPhone").contains("Firefox");
        JsonNode current = null, phoneSession = null;
        for (JsonNode s : sessions) {
            if (s.path("current").asBoolean()) current = s;
            if (s.path("device").asText().contains("iPhone")) phoneSession = s;
        }
        assertThat(current.path("device").asText()).contains("Firefox");

        assertThat(send("DELETE", "/api/auth/sessions/" + phoneSession.path("id").asText(), laptopToken).status()).isEqualTo(200);
        assertThat(api.get("/api/auth/session", phoneToken).status()).as("the ended session's access token").isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", Map.of("refresh_token", phone.path("refresh_token").asText()), null).status())
                .as("and its refresh token").isEqualTo(401);
        assertThat(api.get("/api/auth/session", laptopToken).status()).as("the other session lives").isEqualTo(200);
        assertThat(api.get("/api/auth/sessions", laptopToken).body().size()).isEqualTo(2);
        assertThat(send("DELETE", "/api/auth/sessions/" + phoneSession.path("id").asText(), laptopToken).status()).isEqualTo(404);

        JsonNode refreshed = api.post("/api/auth/refresh", Map.of("refresh_token", laptop.path("refresh_token").asText()), null).body();
        String refreshedToken = refreshed.path("access_token").asText();
        assertThat(api.get("/api/auth/sessions", refreshedToken).body().toString()).as("a refresh keeps its session")
                .contains("\"current\":true");

        assertThat(api.post("/api/auth/signout-all", null, refreshedToken).body().path("ended").asInt()).isEqualTo(2);
        assertThat(api.get("/api/auth/session", refreshedToken).status()).isEqualTo(401);
        assertThat(api.get("/api/auth/session", laptopToken).status()).as("older tokens of the session too").isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", Map.of("refresh_token", refreshed.path("refresh_token").asText()), null).status())
                .isEqualTo(401);
        String again = api.signin(user, "rosebush-42-long");
        assertThat(api.get("/api/auth/sessions", again).body().size()).as("a new sign-in after all").isEqualTo(1);
    }

    private JsonNode signin(String user, String device) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/signin"))
                .header("Content-Type", "application/json").header("User-Agent", device)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("username", user, "password", "rosebush-42-long"))));
        Api.Response r = api.send(request, null);
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    private Api.Response send(String method, String path, String token) {
        return api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).method(method, HttpRequest.BodyPublishers.noBody()),
                token);
    }
}
