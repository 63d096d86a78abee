package io.relais.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** The resource-sharing API over real HTTP, Redis and PostgreSQL. */
class ResourcesApiTest extends AppTest {

    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ResourceCounters counters;

    @Test
    void every_resources_answer_is_a_typed_schema_in_the_openapi_document() throws Exception {
        JsonNode doc = api.get("/api/openapi.json", null).body();
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/openapi-served.json"), doc.toPrettyString());
        List<String> untyped = new java.util.ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!op.getValue().path("tags").toString().contains("resources")) return;
            JsonNode ok = op.getValue().path("responses").path("200");
            if (ok.isMissingNode()) ok = op.getValue().path("responses").path("201");
            if (ok.path("content").toString().indexOf("$ref") < 0 && ok.path("content").toString().indexOf("\"type\"") < 0) {
                untyped.add(op.getKey().toUpperCase() + " " + path.getKey());
            }
        }));
        assertThat(untyped).as("resources operations without a response schema").isEmpty();
        JsonNode resource = schema(doc, "/api/resources/{id}", "get");
        assertThat(resource.path("properties").has("view_count")).as(resource.toString()).isTrue();
        assertThat(resource.path("properties").has("created_at")).isTrue();
    }

    private static JsonNode schema(JsonNode doc, String path, String method) {
        JsonNode content = doc.path("paths").path(path).path(method).path("responses").path("200").path("content");
        String ref = content.findValue("$ref").asText();
        assertThat(ref).startsWith("#/components/schemas/");
        JsonNode schema = doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        assertThat(schema.isMissingNode()).as("the reference " + ref + " resolves").isFalse();
        return schema;
    }

    @Test
    void owners_change_their_resources_others_get_403_and_counters_reach_postgresql() {
        String alice = api.signup(unique("alice"), "rosebush-42").text("access_token");
        String bob = api.signup(unique("bob"), "rosebush-42").text("access_token");
        var created = api.post("/api/resources", Map.of("title", "Composting 101", "type", "document", "tags", List.of("compost")), alice);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.body().path("id").asText();
        assertThat(api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/resources/" + id))
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\":\"Mine now\"}")), bob)
                .status()).isEqualTo(403);
        var updated = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/resources/" + id))
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\":\"Composting 102\"}")), alice);
        assertThat(updated.body().path("title").asText()).isEqualTo("Composting 102");
        assertThat(jdbc.queryForObject("select count(*) from resources.resource_versions where resource_id = ?::uuid", Long.class, id)).isEqualTo(1);
        assertThat(api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/resources/" + id)).DELETE(), bob)
                .status()).isEqualTo(403);

        for (int i = 0; i < 3; i++) api.get("/api/resources/" + id, null);
        assertThat(api.get("/api/resources/" + id, null).body().path("view_count").asLong()).isEqualTo(4);
        counters.flush();
        assertThat(jdbc.queryForObject("select view_count from resources.resources where id = ?::uuid", Long.class, id)).isGreaterThanOrEqualTo(4);
        assertThat(api.post("/api/resources", Map.of("title", "x", "type", "hologram"), alice).status()).isEqualTo(400);
        var found = api.get("/api/resources?q=Composting&size=5", null);
        assertThat(found.status()).as(found.raw().headers() + " " + found.raw().body()).isEqualTo(200);
        assertThat(found.body().path("total").asLong()).as(found.raw().body()).isPositive();
    }

    @Test
    void the_tag_cache_is_dropped_by_a_write() {
        String alice = api.signup(unique("cache"), "rosebush-42").text("access_token");
        String tag = "zinnia" + unique("t").substring(2, 8);
        api.get("/api/tags", null);
        assertThat(redis.hasKey("relais:resources:cache:tags")).isTrue();
        assertThat(api.get("/api/tags", null).raw().body()).doesNotContain(tag);
        api.post("/api/resources", Map.of("title", "Zinnias", "tags", List.of(tag)), alice);
        assertThat(redis.hasKey("relais:resources:cache:tags")).isFalse();
        assertThat(api.get("/api/tags", null).raw().body()).contains(tag);
    }

    @Test
    void comments_shares_and_votes_notify_people_and_enough_votes_approve_a_suggestion() {
        String alice = api.signup(unique("owner"), "rosebush-42").text("access_token");
        String bob = api.signup(unique("reader"), "rosebush-42").text("access_token");
        String id = api.post("/api/resources", Map.of("title", "Seed saving"), alice).body().path("id").asText();
        assertThat(api.post("/api/resources/" + id + "/comments", Map.of("content", "Thanks!"), bob).status()).isEqualTo(201);
        JsonNode mine = api.get("/api/notifications", alice).body();
        assertThat(mine.get(0).path("type").asText()).isEqualTo("comment");
        assertThat(api.post("/api/notifications/read-all", Map.of(), alice).body().path("marked").asInt()).isPositive();

        String group = api.post("/api/groups", Map.of("name", "Seed savers " + unique("g")), alice).body().path("id").asText();
        api.post("/api/groups/" + group + "/members", Map.of(), bob);
        api.post("/api/resources/" + id + "/shares", Map.of("groupId", group), alice);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/notifications", bob).body().findValuesAsText("type").contains("share"));

        String suggestion = api.post("/api/suggestions", Map.of("kind", "tag", "name", "permaculture"), bob).body().path("id").asText();
        for (int i = 0; i < 3; i++) {
            String voter = api.signup(unique("voter"), "rosebush-42").text("access_token");
            api.post("/api/suggestions/" + suggestion + "/votes", Map.of("vote", 1), voter);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "approved".equals(jdbc.queryForObject(
                "select status::text from resources.category_tag_suggestions where id = ?::uuid", String.class, suggestion)));
        assertThat(api.get("/api/notifications", bob).body().findValuesAsText("type")).contains("suggestion");
        assertThat(api.post("/api/resources/" + id + "/ratings", Map.of("rating", 6), bob).status()).isEqualTo(400);
        assertThat(api.post("/api/resources/" + id + "/ratings", Map.of("rating", 5), bob).body().path("rating").asDouble()).isEqualTo(5.0);
    }
}
