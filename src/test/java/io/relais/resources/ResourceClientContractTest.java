package io.relais.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.testsupport.Api;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;

/**
 * The resource app's client contract: the endpoints its roadmap lists that Relais lacked or served under other paths,
 * each called with its method and payload as the client sends them, in a session of two users and an admin, and each
 * in the OpenAPI document. ({@code POST /api/auth/oauth/{provider}} is called here to start; its whole round trip is
 * {@code OAuthSigninTest}.)
 */
class ResourceClientContractTest extends AppTest {

    /** The app's list, as its roadmap writes it. */
    static final List<String> CONTRACT = List.of(
            "POST /api/resources/{id}/view", "GET /api/collections/{id}", "PUT /api/collections/{id}", "DELETE /api/collections/{id}",
            "POST /api/collections/{id}/resources", "PUT /api/comments/{id}", "DELETE /api/comments/{id}", "PUT /api/profiles/{id}",
            "GET /api/profiles/{id}/resources", "GET /api/profiles/{id}/stats", "GET /api/admin/stats", "GET /api/admin/config",
            "PUT /api/admin/config", "GET /api/admin/suggestions", "POST /api/resources/{id}/share",
            "DELETE /api/resources/{id}/share/{userId}", "PUT /api/admin/suggestions/{id}/approve",
            "PUT /api/admin/suggestions/{id}/reject", "PUT /api/notifications/{id}/read", "PUT /api/notifications/read-all",
            "POST /api/auth/oauth/{provider}");

    @Test
    void every_endpoint_of_the_client_answers_as_the_client_expects() {
        String admin = api.adminToken();
        String alice = unique("alice"), bob = unique("bob");
        String a = api.signup(alice, "rosebush-42").text("access_token"), b = api.signup(bob, "rosebush-42").text("access_token");
        String resource = ok(api.post("/api/resources", Map.of("title", "Pruning roses", "type", "document"), a), 201).path("id").asText();
        String secret = ok(api.post("/api/resources", Map.of("title", "My grafting notes", "visibility", "private"), a), 201)
                .path("id").asText();
        String aliceProfile = ok(api.get("/api/resources/" + resource, a), 200).path("user_id").asText();

        ok(send("POST", "/api/resources/" + resource + "/view", null, a), 200);
        ok(api.get("/api/collections", b), 200); // bob's profile exists from his first call
        ok(api.post("/api/resources/" + secret + "/share", Map.of("username", bob), a), 200);
        ok(api.get("/api/resources/" + secret, b), 200); // shared: bob sees the private resource
        String bobProfile = MigrationImport.uuid("profiles", "user:" + bob).toString();
        ok(send("DELETE", "/api/resources/" + secret + "/share/" + bobProfile, null, a), 200);
        assertThat(api.get("/api/resources/" + secret, b).status()).as("unshared: private again").isEqualTo(404);

        String collection = ok(api.post("/api/collections", Map.of("name", "Roses"), a), 201).path("id").asText();
        ok(api.post("/api/collections/" + collection + "/resources", Map.of("resourceId", resource), a), 200);
        assertThat(api.get("/api/collections/" + collection, b).status()).as("private collection").isEqualTo(404);
        ok(send("PUT", "/api/collections/" + collection, Map.of("isPublic", true, "description", "All about roses"), a), 200);
        JsonNode read = ok(api.get("/api/collections/" + collection, b), 200);
        assertThat(read.path("is_public").asBoolean()).isTrue();
        assertThat(read.path("resources")).hasSize(1);
        assertThat(send("DELETE", "/api/collections/" + collection, null, b).status()).as("not bob's").isEqualTo(403);
        ok(send("DELETE", "/api/collections/" + collection, null, a), 200);

        String comment = ok(api.post("/api/resources/" + resource + "/comments", Map.of("content", "Which month?"), b), 201).path("id").asText();
        assertThat(ok(send("PUT", "/api/comments/" + comment, Map.of("content", "Which month, in Brittany?"), b), 200).path("content").asText())
                .isEqualTo("Which month, in Brittany?");
        assertThat(send("PUT", "/api/comments/" + comment, Map.of("content", "hijacked"), a).status()).isEqualTo(403);
        ok(send("DELETE", "/api/comments/" + comment, null, b), 200);

        assertThat(ok(send("PUT", "/api/profiles/" + aliceProfile, Map.of("bio", "Roses since 1998"), a), 200).path("bio").asText())
                .isEqualTo("Roses since 1998");
        assertThat(send("PUT", "/api/profiles/" + aliceProfile, Map.of("bio", "hijacked"), b).status()).isEqualTo(403);
        assertThat(ok(api.get("/api/profiles/" + aliceProfile + "/resources", b), 200).toString()).contains(resource);
        assertThat(ok(api.get("/api/profiles/" + aliceProfile + "/stats", b), 200).path("resources").asLong()).isPositive();

        ok(api.get("/api/admin/stats", admin), 200);
        assertThat(api.get("/api/admin/stats", a).status()).isEqualTo(403);
        String key = unique("theme").replace("-", ".");
        ok(send("PUT", "/api/admin/config", Map.of("key", key, "value", Map.of("accent", "green")), admin), 200);
        assertThat(ok(api.get("/api/admin/config", admin), 200).toString()).contains(key).contains("green");
        assertThat(send("PUT", "/api/admin/config", Map.of("key", "bad key!", "value", 1), admin).status()).isEqualTo(400);
        String tag = ok(api.post("/api/suggestions", Map.of("kind", "tag", "name", unique("climbing")), b), 201).path("id").asText();
        String other = ok(api.post("/api/suggestions", Map.of("kind", "tag", "name", unique("weeds")), b), 201).path("id").asText();
        assertThat(ok(api.get("/api/admin/suggestions", admin), 200).toString()).contains(tag).contains(other);
        assertThat(ok(send("PUT", "/api/admin/suggestions/" + tag + "/approve", null, admin), 200).path("status").asText()).isEqualTo("approved");
        assertThat(ok(send("PUT", "/api/admin/suggestions/" + other + "/reject", null, admin), 200).path("status").asText()).isEqualTo("rejected");

        api.post("/api/resources/" + resource + "/comments", Map.of("content", "Lovely"), b); // alice is notified
        String notification = ok(api.get("/api/notifications", a), 200).get(0).path("id").asText();
        ok(send("PUT", "/api/notifications/" + notification + "/read", null, a), 200);
        ok(send("PUT", "/api/notifications/read-all", null, a), 200);
        assertThat(ok(send("POST", "/api/auth/oauth/local", Map.of("codeChallenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"), null), 200)
                .path("url").asText()).contains("code_challenge=");

        JsonNode doc = api.get("/api/openapi.json", null).body();
        List<String> missing = new ArrayList<>();
        for (String endpoint : CONTRACT) {
            String[] mp = endpoint.split(" ");
            if (doc.path("paths").path(mp[1]).path(mp[0].toLowerCase()).isMissingNode()) missing.add(endpoint);
        }
        assertThat(missing).as("client endpoints missing from the OpenAPI document").isEmpty();
    }

    private JsonNode ok(Api.Response response, int status) {
        assertThat(response.status()).as(response.raw().request().method() + " " + response.raw().uri() + ": " + response.raw().body())
                .isEqualTo(status);
        return response.body();
    }

    private Api.Response send(String method, String path, Object body, String token) {
        try {
            String json = body == null ? "" : this.json.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (body != null) request.header("Content-Type", "application/json");
            return api.send(request, token);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
