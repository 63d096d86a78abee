package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document can be used as it is: its server is where it was read from, every $ref resolves. */
class OpenApiDocumentTest extends AppTest {

    @Test
    void servers_are_relative_and_every_reference_resolves() {
        JsonNode doc = api.get("/api/openapi.json", null).body();
        String server = doc.path("servers").get(0).path("url").asText();
        assertThat(server).as("the address the document was read from").startsWith("http://localhost:" + port);
        List<String> broken = new ArrayList<>();
        collect(doc, doc, broken);
        assertThat(broken).as("$refs that resolve to nothing").isEmpty();
        JsonNode order = doc.at("/paths/~1api~1shop~1orders/post/requestBody/content/application~1json/schema");
        String ref = order.path("$ref").asText().substring("#/components/schemas/".length());
        assertThat(doc.at("/components/schemas/" + ref + "/properties/lines/items").toString())
                .as("an order's lines are objects, not strings").contains("$ref");
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
