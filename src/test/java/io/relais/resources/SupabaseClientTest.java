package io.relais.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.testsupport.AppTest;
import io.relais.testsupport.NodeScripts;
import org.junit.jupiter.api.Test;

/**
 * The app's typical query builder calls made by supabase-js itself (from npm, pinned), the client the app's old
 * {@code LocalClient} imitates: inserts with representation, embedded relations, counts, HEAD, or-filters, upserts,
 * rpc, and another user to whom a private resource stays invisible and untouchable.
 */
class SupabaseClientTest extends AppTest {

    @Test
    void supabase_js_runs_the_apps_calls_and_a_private_resource_stays_invisible_to_another_user() throws Exception {
        String aliceName = unique("alice");
        String alice = api.signup(aliceName, "rosebush-42").text("access_token");
        String mallory = api.signup(unique("mallory"), "rosebush-42").text("access_token");

        var run = NodeScripts.run("supabase/client-calls.mjs", Map.of("RELAIS_URL", api.baseUrl() + "/api", "ALICE_NAME", aliceName,
                "ALICE_TOKEN", alice, "MALLORY_TOKEN", mallory), "@supabase/supabase-js@2.119.1", "ws@8.18.3");
        assertThat(run.exitCode()).as(run.output()).isZero();
        String last = run.output().strip().lines().reduce((a, b) -> b).orElse("");
        JsonNode report = json.readTree(last);

        assertThat(report.has("errors")).as(report.toPrettyString()).isFalse();
        assertThat(report.get("commentAuthor").asText()).isEqualTo(aliceName);
        assertThat(report.get("aliceSees")).extracting(JsonNode::asText).containsExactly("Private seed bank", "Public seed swap");
        assertThat(report.get("aliceCount").asInt()).isEqualTo(2);
        assertThat(report.get("aliceComments").asInt()).isEqualTo(1);

        assertThat(report.get("mallorySees")).extracting(JsonNode::asText).containsExactly("Public seed swap");
        assertThat(report.get("malloryPeek").isNull()).isTrue();
        assertThat(report.get("malloryHeadCount").asInt()).isEqualTo(1);
        assertThat(report.get("mallorySearch")).extracting(JsonNode::asText).containsExactly("Public seed swap");
        assertThat(report.get("malloryUpdated").asInt()).isZero();
        assertThat(report.get("malloryDeleted").asInt()).isZero();
        assertThat(report.get("malloryForgeStatus").asInt()).isEqualTo(403);

        assertThat(report.get("aliceSaved")).extracting(JsonNode::asText).containsExactly("Public seed swap");
        assertThat(report.at("/stats/comments").asInt()).isEqualTo(1);
        assertThat(report.get("views").asInt()).isEqualTo(1);
        assertThat(report.get("hiddenViewStatus").asInt()).isEqualTo(404);
        assertThat(report.get("renamed").asText()).isEqualTo("Private seed bank (2027)");
        assertThat(report.get("unsaveStatus").asInt()).isEqualTo(204);

        // what supabase-js wrote is what the REST API reads
        assertThat(api.get("/api/resources/" + report.get("secretId").asText(), alice).text("title")).isEqualTo("Private seed bank (2027)");
        assertThat(api.get("/api/resources/" + report.get("secretId").asText(), mallory).status()).isEqualTo(404);
    }
}
