package io.relais.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;

/** One visibility rule: a private resource is not found by anyone but its owner, whatever the path. */
class ResourceVisibilityTest extends AppTest {

    @Test
    void a_private_resource_cannot_be_read_forked_commented_rated_or_collected_by_others() {
        String alice = api.signup(unique("alice"), "rosebush-42").text("access_token");
        String mallory = api.signup(unique("mallory"), "rosebush-42").text("access_token");
        var created = api.post("/api/resources", Map.of("title", "Secret seed list", "description", "only mine",
                "url", "https://example.org/secret", "visibility", "private"), alice);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.text("id");
        api.post("/api/resources/" + id + "/comments", Map.of("content", "note to self"), alice);

        assertThat(api.get("/api/resources/" + id, mallory).status()).isEqualTo(404);
        var fork = api.post("/api/resources/" + id + "/fork", Map.of(), mallory);
        assertThat(fork.status()).isEqualTo(404);
        assertThat(fork.raw().body()).doesNotContain("Secret seed list").doesNotContain("example.org/secret");
        assertThat(api.post("/api/resources/" + id + "/comments", Map.of("content", "hi"), mallory).status()).isEqualTo(404);
        assertThat(api.post("/api/resources/" + id + "/ratings", Map.of("rating", 5), mallory).status()).isEqualTo(404);
        var comments = api.get("/api/resources/" + id + "/comments", null);
        assertThat(comments.status()).isEqualTo(404);
        assertThat(comments.raw().body()).doesNotContain("note to self");
        String collection = api.post("/api/collections", Map.of("name", "loot"), mallory).text("id");
        var collect = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/collections/"
                + collection + "/resources/" + id)).PUT(java.net.http.HttpRequest.BodyPublishers.noBody()), mallory);
        assertThat(collect.status()).isEqualTo(404);

        assertThat(api.get("/api/resources/" + id + "/comments", alice).status()).isEqualTo(200);
        assertThat(api.post("/api/resources/" + id + "/fork", Map.of(), alice).status()).isBetween(200, 201);
    }

    @Test
    void fields_have_types_and_maximum_lengths() {
        String alice = api.signup(unique("alice"), "rosebush-42").text("access_token");
        var huge = api.post("/api/resources", Map.of("title", "x".repeat(1_000_000)), alice);
        assertThat(huge.status()).isIn(400, 413);
        var object = api.post("/api/resources", Map.of("title", Map.of("a", 1)), alice);
        assertThat(object.status()).isEqualTo(400);
        assertThat(object.body().at("/errors/0/field").asText()).isEqualTo("title");
        var tags = api.post("/api/resources", Map.of("title", "Many tags", "tags", java.util.Collections.nCopies(20_000, "t")), alice);
        assertThat(tags.status()).isIn(400, 413);
        var unknownParent = api.post("/api/resources/" + api.post("/api/resources", Map.of("title", "Parent test"), alice).text("id")
                + "/comments", Map.of("content", "reply", "parentId", "00000000-0000-0000-0000-000000000000"), alice);
        assertThat(unknownParent.status()).isEqualTo(404);
        assertThat(unknownParent.body().at("/errors/0/field").asText()).isEqualTo("parentId");
        assertThat(List.of(200, 201)).doesNotContain(api.post("/api/notifications/not-a-uuid/read", Map.of(), alice).status());
    }
}
