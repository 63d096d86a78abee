package io.relais.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.relais.testsupport.AppTest;
import io.relais.testsupport.SocketMessages;
import org.junit.jupiter.api.Test;

/**
 * The realtime channel on one node: notifications, resource changes and suggestion votes reach the sockets that may
 * see them, a reconnect with {@code since} replays what was missed, and there is no socket without a token.
 */
class RealtimeChannelTest extends AppTest {

    private String socketUrl(String token, Long since) {
        return "ws://localhost:" + port + "/api/realtime?access_token=" + token + (since == null ? "" : "&since=" + since);
    }

    @Test
    void events_reach_the_sockets_that_may_see_them_and_a_reconnect_replays_what_was_missed() throws Exception {
        String alice = api.signup(unique("alice"), "rosebush-42").text("access_token");
        String bob = api.signup(unique("bob"), "rosebush-42").text("access_token");
        String open = api.post("/api/resources", Map.of("title", "Seed swap " + unique("o")), alice).text("id");
        String secret = api.post("/api/resources", Map.of("title", "Secret bed " + unique("s"), "visibility", "private"), alice).text("id");

        long last;
        try (var aliceSocket = new SocketMessages(socketUrl(alice, null)); var bobSocket = new SocketMessages(socketUrl(bob, null))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> aliceSocket.ready() && bobSocket.ready());
            assertThat(api.post("/api/resources/" + open + "/comments", Map.of("content", "I'll bring tomatoes"), bob).status()).isEqualTo(201);
            assertThat(api.put("/api/resources/" + secret, Map.of("title", "Secret bed (moved)"), alice).status()).isEqualTo(200);
            assertThat(api.put("/api/resources/" + open, Map.of("title", "Seed swap, Saturday"), alice).status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> aliceSocket.events("notification").size() == 1
                    && aliceSocket.events("resource").size() == 2 && bobSocket.events("resource").size() == 1);
            assertThat(aliceSocket.events("notification").get(0).at("/payload/message").asText()).contains("tomatoes");
            assertThat(bobSocket.events("resource").get(0).at("/payload/title").asText()).isEqualTo("Seed swap, Saturday");
            assertThat(bobSocket.messages.toString()).doesNotContain("Secret bed").doesNotContain(secret);
            assertThat(bobSocket.events("notification")).isEmpty();
            last = aliceSocket.lastEventId();
        }

        // alice is away: a comment and a change happen; she comes back with the last id she saw
        assertThat(api.post("/api/resources/" + open + "/comments", Map.of("content", "Bringing beans too"), bob).status()).isEqualTo(201);
        assertThat(api.put("/api/resources/" + secret, Map.of("title", "Secret bed (watered)"), alice).status()).isEqualTo(200);
        try (var back = new SocketMessages(socketUrl(alice, last))) {
            await().atMost(Duration.ofSeconds(10)).until(back::ready);
            assertThat(back.events("notification")).hasSize(1);
            assertThat(back.events("notification").get(0).at("/payload/message").asText()).contains("beans");
            assertThat(back.events("resource")).extracting(e -> e.at("/payload/title").asText()).containsExactly("Secret bed (watered)");
            assertThat(back.messages.stream().filter(m -> m.path("type").asText().equals("event")).map(m -> m.path("id").asLong()).toList())
                    .isSorted().allMatch(id -> id > last);
            back.send("{\"type\":\"ping\"}");
            await().atMost(Duration.ofSeconds(5)).until(() -> back.messages.stream().anyMatch(m -> m.path("type").asText().equals("pong")));
        }
    }

    @Test
    void writes_through_the_query_builder_keep_versions_notify_and_raise_the_same_events() throws Exception {
        String alice = api.signup(unique("alice"), "rosebush-42").text("access_token");
        String bob = api.signup(unique("bob"), "rosebush-42").text("access_token");
        String open = api.post("/api/resources", Map.of("title", "Mulching " + unique("m")), alice).text("id");
        try (var aliceSocket = new SocketMessages(socketUrl(alice, null)); var bobSocket = new SocketMessages(socketUrl(bob, null))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> aliceSocket.ready() && bobSocket.ready());
            var comment = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/rest/v1/resource_comments"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"resource_id\":\"" + open + "\",\"content\":\"Straw works\"}")), bob);
            assertThat(comment.status()).as(comment.raw().body()).isEqualTo(201);
            var renamed = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/rest/v1/resources?id=eq." + open))
                    .header("Content-Type", "application/json")
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\":\"Mulching with straw\"}")), alice);
            assertThat(renamed.status()).as(renamed.raw().body()).isEqualTo(204);

            await().atMost(Duration.ofSeconds(10)).until(() -> aliceSocket.events("notification").size() == 1
                    && bobSocket.events("resource").size() == 1);
            assertThat(aliceSocket.events("notification").get(0).at("/payload/message").asText()).isEqualTo("Straw works");
            assertThat(bobSocket.events("resource").get(0).at("/payload/title").asText()).isEqualTo("Mulching with straw");
            assertThat(bobSocket.events("notification")).isEmpty();
        }
        assertThat(api.get("/api/notifications", alice).body().toString()).contains("Straw works");
        var versions = api.get("/api/resources/" + open + "/versions", alice).body();
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).path("title").asText()).startsWith("Mulching ");
    }

    @Test
    void there_is_no_socket_without_a_valid_token() {
        assertThatThrownBy(() -> new SocketMessages("ws://localhost:" + port + "/api/realtime")).hasStackTraceContaining("401");
        assertThatThrownBy(() -> new SocketMessages("ws://localhost:" + port + "/api/realtime?access_token=forged")).hasStackTraceContaining("401");
    }
}
