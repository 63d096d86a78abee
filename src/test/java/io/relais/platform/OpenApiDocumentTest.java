package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.testsupport.AppTest;
import io.relais.testsupport.Npx;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document can be used as it is and tells the truth: relative servers, every $ref resolves, each
 * operation's security is what the access gate enforces (called without a token, every operation the document says
 * needs one answers 401, and no operation it says is open does), and Redocly's recommended rules find no error.
 */
class OpenApiDocumentTest extends AppTest {

    @Test
    void servers_are_relative_and_every_reference_resolves() {
        JsonNode doc = api.get("/api/openapi.json", null).body();
        assertThat(doc.path("servers").get(0).path("url").asText()).as("relative: the server the document was read from").isEqualTo("/");
        List<String> broken = new ArrayList<>();
        collect(doc, doc, broken);
        assertThat(broken).as("$refs that resolve to nothing").isEmpty();
        JsonNode order = doc.at("/paths/~1api~1shop~1orders/post/requestBody/content/application~1json/schema");
        String ref = order.path("$ref").asText().substring("#/components/schemas/".length());
        assertThat(doc.at("/components/schemas/" + ref + "/properties/lines/items").toString())
                .as("an order's lines are objects, not strings").contains("$ref");
        JsonNode placed = doc.at("/paths/~1api~1shop~1orders/post/responses");
        assertThat(placed.has("201") && placed.has("202") && !placed.has("200")).as("an order answers 201 or 202: " + placed).isTrue();
        assertThat(placed.at("/201/content/application~1json/schema/$ref").asText()).endsWith("OrderView");
    }

    @Test
    void every_operation_documents_its_errors_and_a_summary() {
        JsonNode doc = api.get("/api/openapi.json", null).body();
        List<String> incomplete = new ArrayList<>();
        operations(doc, (method, path, op) -> {
            JsonNode responses = op.path("responses");
            boolean fourXx = false;
            for (var codes = responses.fieldNames(); codes.hasNext(); ) fourXx |= codes.next().startsWith("4");
            if (!fourXx || !responses.has("default") || op.path("summary").asText().isBlank()) incomplete.add(method + " " + path);
            if (!responses.path("default").has("$ref") && !responses.path("default").has("description")) incomplete.add(method + " " + path + " default");
        });
        assertThat(incomplete).as("operations without a summary, a 4xx or a described default").isEmpty();
        assertThat(doc.at("/components/schemas/Problem/properties/detail").isMissingNode()).isFalse();
    }

    @Test
    void the_documented_security_is_what_the_access_gate_enforces() {
        JsonNode doc = api.get("/api/openapi.json", null).body();
        List<String> untrue = new ArrayList<>();
        int[] checked = {0, 0};
        operations(doc, (method, path, op) -> {
            if (path.startsWith("/api/test-only/")) return;
            boolean documentedOpen = op.path("security").isArray() && op.path("security").isEmpty();
            String url = path.replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
            var types = op.path("requestBody").path("content").fieldNames();
            String type = types.hasNext() ? types.next() : "application/json"; // the body it takes, so 415 cannot come first
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + url))
                    .header("Content-Type", type)
                    .method(method.toUpperCase(), List.of("get", "delete").contains(method) ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(type.contains("json") ? "{}" : "a,b\n1,2\n"));
            int status = api.send(request, null).status();
            if (documentedOpen && status == 401) untrue.add(method + " " + path + ": documented open, answered 401");
            if (!documentedOpen && status != 401) untrue.add(method + " " + path + ": documented with a token, answered " + status);
            checked[documentedOpen ? 0 : 1]++;
        });
        assertThat(untrue).as("operations whose documented security is not what the gate does").isEmpty();
        assertThat(checked[0]).as("open operations checked").isGreaterThan(10);
        assertThat(checked[1]).as("operations with a token checked").isGreaterThan(50);
    }

    @Test
    void redocly_recommended_lint_finds_no_error() throws Exception {
        Path file = Path.of("target", "openapi.json");
        Files.writeString(file, api.get("/api/openapi.json", null).raw().body());
        Npx.Result lint = Npx.run("@redocly/cli@1.34.5", "lint", "--extends", "recommended", "--format", "summary", file.toString());
        assertThat(lint.exitCode()).as("redocly lint (0 errors):\n" + lint.output()).isZero();
    }

    private interface OperationVisitor {
        void visit(String method, String path, JsonNode operation);
    }

    private static void operations(JsonNode doc, OperationVisitor visitor) {
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(o -> {
            if (List.of("get", "post", "put", "patch", "delete").contains(o.getKey())) visitor.visit(o.getKey(), p.getKey(), o.getValue());
        }));
    }

    private static void collect(JsonNode doc, JsonNode node, List<String> broken) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    String ref = e.getValue().asText();
                    if (!ref.startsWith("#/") || doc.at(ref.substring(1)).isMissingNode()) broken.add(ref);
                } else {
                    collect(doc, e.getValue(), broken);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(doc, n, broken));
        }
    }
}
