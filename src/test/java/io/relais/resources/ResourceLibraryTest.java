package io.relais.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;

/**
 * Saved resources, versions (list, restore), templates and the category tree's filters over real HTTP: each with its
 * access rule (what one may see, change or delete) and a 4xx naming the field for a bad body.
 */
class ResourceLibraryTest extends AppTest {

    @Test
    void a_reader_saves_what_they_may_see_and_forgets_it() {
        String alice = api.signup(unique("alice"), "rosebush-42").text("access_token");
        String bob = api.signup(unique("bob"), "rosebush-42").text("access_token");
        String open = api.post("/api/resources", Map.of("title", "Paillage d'automne"), alice).body().path("id").asText();
        String closed = api.post("/api/resources", Map.of("title", "Brouillon", "visibility", "private"), alice).body().path("id").asText();

        assertThat(api.post("/api/resources/" + open + "/save", Map.of(), bob).status()).isEqualTo(200);
        assertThat(api.post("/api/resources/" + open + "/save", Map.of(), bob).body().path("saved").asBoolean()).as("again: no change").isTrue();
        assertThat(api.post("/api/resources/" + closed + "/save", Map.of(), bob).status()).as("a private resource").isEqualTo(404);
        JsonNode saved = api.get("/api/saved-resources", bob).body();
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).path("title").asText()).isEqualTo("Paillage d'automne");
        assertThat(saved.get(0).has("saved_at")).isTrue();

        assertThat(api.delete("/api/resources/" + open + "/save", bob).status()).isEqualTo(200);
        assertThat(api.get("/api/saved-resources", bob).body()).isEmpty();
        assertThat(api.get("/api/saved-resources", null).status()).isEqualTo(401);
    }

    @Test
    void every_change_keeps_a_version_and_the_owner_restores_one() {
        String alice = api.signup(unique("alice"), "rosebush-42").text("access_token");
        String bob = api.signup(unique("bob"), "rosebush-42").text("access_token");
        String id = api.post("/api/resources", Map.of("title", "Tailler les rosiers", "description", "en mars"), alice).body().path("id").asText();
        assertThat(api.put("/api/resources/" + id, Map.of("title", "Tailler les rosiers (v2)"), alice).status()).isEqualTo(200);
        assertThat(api.put("/api/resources/" + id, Map.of("title", "Tailler les rosiers (v3)", "description", "fin février"), alice).status()).isEqualTo(200);

        JsonNode versions = api.get("/api/resources/" + id + "/versions", null).body();
        assertThat(versions).extracting(v -> v.path("version").asInt()).containsExactly(2, 1);
        assertThat(versions.get(1).path("title").asText()).isEqualTo("Tailler les rosiers");

        assertThat(api.post("/api/resources/" + id + "/versions/1/restore", Map.of(), bob).status()).as("not the owner").isEqualTo(403);
        assertThat(api.post("/api/resources/" + id + "/versions/9/restore", Map.of(), alice).status()).isEqualTo(404);
        JsonNode restored = api.post("/api/resources/" + id + "/versions/1/restore", Map.of(), alice).body();
        assertThat(restored.path("title").asText()).isEqualTo("Tailler les rosiers");
        assertThat(restored.path("description").asText()).isEqualTo("en mars");
        assertThat(api.get("/api/resources/" + id + "/versions", null).body().get(0).path("title").asText())
                .as("what the restore replaced is kept").isEqualTo("Tailler les rosiers (v3)");
    }

    @Test
    void templates_are_read_by_anyone_and_deleted_by_their_author() {
        String alice = api.signup(unique("alice"), "rosebush-42").text("access_token");
        String bob = api.signup(unique("bob"), "rosebush-42").text("access_token");
        var created = api.post("/api/templates", Map.of("name", "Fiche plante " + unique("t"),
                "fields", List.of(Map.of("name", "exposition", "type", "text"))), alice);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.body().path("id").asText();
        assertThat(api.get("/api/templates", null).body().findValuesAsText("id")).contains(id);

        var notAnArray = api.post("/api/templates", Map.of("name", "x", "fields", Map.of("a", 1)), alice);
        assertThat(notAnArray.status()).isEqualTo(400);
        assertThat(notAnArray.raw().body()).contains("fields");
        assertThat(api.post("/api/templates", Map.of("fields", List.of()), alice).raw().body()).contains("name");

        assertThat(api.delete("/api/templates/" + id, bob).status()).isEqualTo(403);
        assertThat(api.delete("/api/templates/" + id, alice).status()).isEqualTo(200);
        assertThat(api.get("/api/templates", null).body().findValuesAsText("id")).doesNotContain(id);
    }

    @Test
    void admins_grow_the_category_tree_and_its_filters_which_anyone_reads() {
        String admin = api.adminToken();
        String customer = api.signup(unique("carol"), "rosebush-42").text("access_token");
        var top = api.post("/api/admin/categories", Map.of("name", "Jardin " + unique("c")), admin);
        assertThat(top.status()).as(top.raw().body()).isEqualTo(201);
        String parent = top.body().path("id").asText();
        var child = api.post("/api/admin/categories", Map.of("name", "Potager", "parentId", parent), admin);
        assertThat(child.body().path("parent_id").asText()).isEqualTo(parent);
        assertThat(api.get("/api/categories", null).body().findValuesAsText("id")).contains(parent, child.body().path("id").asText());

        var filter = api.post("/api/admin/categories/" + parent + "/filters", Map.of("name", "saison", "values", List.of("printemps", "été")), admin);
        assertThat(filter.status()).as(filter.raw().body()).isEqualTo(201);
        JsonNode filters = api.get("/api/categories/" + parent + "/filters", null).body();
        assertThat(filters).hasSize(1);
        assertThat(filters.get(0).path("values")).hasSize(2);

        assertThat(api.post("/api/admin/categories", Map.of("name", "x"), customer).status()).isEqualTo(403);
        var orphan = api.post("/api/admin/categories", Map.of("name", "x", "parentId", java.util.UUID.randomUUID().toString()), admin);
        assertThat(orphan.status()).isEqualTo(404);
        assertThat(orphan.raw().body()).contains("parentId");
    }
}
