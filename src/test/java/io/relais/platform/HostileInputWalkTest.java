package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the served OpenAPI document, called as a hostile caller would: no body, {@code null}, the wrong
 * JSON shape, NUL characters and unpaired surrogates in every string field, huge strings, deep nesting, malformed path
 * ids and hostile query values, anonymously and signed in as a customer and as an admin. No answer may be a 5xx, and
 * none may hang. A new endpoint that escapes the platform's handling fails here.
 */
class HostileInputWalkTest extends AppTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private JsonNode document;
    /** Real ids for path variables, so bodies are also tried where the path leads somewhere (template prefix -> id). */
    private final Map<String, String> realIds = new LinkedHashMap<>();

    @Test
    void no_operation_answers_a_5xx_to_hostile_input() throws Exception {
        document = api.get("/api/openapi.json", null).body();
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("customer", api.signup(unique("hostile"), "rosebush-42").text("access_token"));
        callers.put("admin", api.adminToken());
        String owner = callers.get("customer");
        String resource = api.post("/api/resources", Map.of("title", "Walk target"), owner).text("id");
        realIds.put("/api/resources/{id}", resource);
        realIds.put("/api/collections/{id}", api.post("/api/collections", Map.of("name", "Walk"), owner).text("id"));
        realIds.put("/api/groups/{id}", api.post("/api/groups", Map.of("name", "Walkers " + unique("g")), owner).text("id"));
        realIds.put("/api/suggestions/{id}", api.post("/api/suggestions", Map.of("kind", "tag", "name", unique("walk")), owner).text("id"));
        realIds.put("{resourceId}", resource);

        List<String> serverErrors = new ArrayList<>();
        int requests = 0;
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            // a fixture of ProblemResponsesTest (a route that fails on purpose), not part of the product's contract
            if (path.getKey().startsWith("/api/test-only/")) continue;
            for (Iterator<Map.Entry<String, JsonNode>> verbs = path.getValue().fields(); verbs.hasNext(); ) {
                Map.Entry<String, JsonNode> verb = verbs.next();
                String method = verb.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) continue;
                JsonNode operation = verb.getValue();
                if (isStream(operation)) continue; // server-sent events stay open by design
                operations++;
                for (Case c : cases(path.getKey(), method, operation)) {
                    for (var caller : callers.entrySet()) {
                        requests++;
                        int status = send(method, c, caller.getValue());
                        if (status >= 500) {
                            serverErrors.add(status + " " + method + " " + c.uri() + " as " + caller.getKey() + ": " + c.name());
                        }
                    }
                }
            }
        }
        System.out.printf("Hostile walk: %d operations, %d requests, %d answered 5xx%n", operations, requests, serverErrors.size());
        serverErrors.forEach(e -> System.out.println("  " + e));
        assertThat(operations).isGreaterThan(50);
        assertThat(serverErrors).isEmpty();
    }

    private record Case(String name, String uri, String contentType, String body, String encoding, byte[] raw) {
        Case(String name, String uri, String contentType, String body) {
            this(name, uri, contentType, body, null, null);
        }
    }

    /** The first bytes of a gzip stream, cut off: a .csv.gz that broke on the way. */
    private static final byte[] CUT_GZIP = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x4b, 0x4c};

    private List<Case> cases(String template, String method, JsonNode operation) {
        List<Case> cases = new ArrayList<>();
        String plain = fillPath(template, "not-an-id");
        for (var real : realIds.entrySet()) {
            if (template.startsWith(real.getKey())) {
                plain = template.replace("{id}", real.getValue()).replace("{resourceId}", realIds.get("{resourceId}"))
                        .replaceAll("\\{[^}]+}", "approve");
            }
        }
        String json = "application/json";
        String consumes = operation.path("requestBody").path("content").fieldNames().hasNext()
                ? operation.path("requestBody").path("content").fieldNames().next() : json;
        // path ids
        if (template.contains("{")) {
            cases.add(new Case("malformed path id", fillPath(template, "not-a-uuid"), null, null));
            cases.add(new Case("NUL in path id", fillPath(template, "a%00b"), null, null));
            cases.add(new Case("surrogate in path id", fillPath(template, "%ED%A0%80"), null, null));
            cases.add(new Case("huge path id", fillPath(template, "9".repeat(400)), null, null));
        }
        // query values
        for (JsonNode p : operation.path("parameters")) {
            if (!"query".equals(p.path("in").asText())) continue;
            String name = p.path("name").asText();
            for (String bad : List.of("%00", "%ED%A0%80", "-1", "99999999999999999999", "x".repeat(5000), "%27%3B--")) {
                cases.add(new Case("query " + name + "=" + bad.substring(0, Math.min(12, bad.length())),
                        plain + "?" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + bad, null, null));
            }
        }
        if (method.equals("GET") || method.equals("DELETE")) {
            if (cases.isEmpty()) cases.add(new Case("plain", plain, null, null));
            return cases;
        }
        // bodies
        cases.add(new Case("no body", plain, consumes, ""));
        String type = consumes.contains("json") ? json : consumes;
        cases.add(new Case("gzip announced, not gzip", plain, type, "plain text", "gzip", null));
        cases.add(new Case("cut gzip", plain, type, null, null, CUT_GZIP));
        cases.add(new Case("unknown encoding", plain, type, "{}", "br", null));
        if (!consumes.contains("json")) {
            cases.add(new Case("binary body", plain, consumes, "\u0000\u0001\u0002\uFFFD gz"));
            return cases;
        }
        cases.add(new Case("null", plain, json, "null"));
        cases.add(new Case("array", plain, json, "[]"));
        cases.add(new Case("string", plain, json, "\"\\u0000\""));
        cases.add(new Case("number", plain, json, "42"));
        cases.add(new Case("empty object", plain, json, "{}"));
        cases.add(new Case("deep nesting", plain, json, "[".repeat(5000) + "]".repeat(5000)));
        JsonNode schema = resolve(operation.path("requestBody").path("content").path(consumes).path("schema"));
        ObjectNode sample = sample(schema);
        for (Iterator<String> fields = sample.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            for (Map.Entry<String, JsonNode> bad : Map.of(
                    "NUL", (JsonNode) NODES.textNode("a\u0000b"),
                    "surrogate", NODES.textNode("a\ud800b"),
                    "1 MB", NODES.textNode("x".repeat(1_000_000)),
                    "object", NODES.objectNode().put("a", 1),
                    "array", NODES.arrayNode().add("a").add(2),
                    "number", NODES.numberNode(1e300),
                    "boolean", NODES.booleanNode(true),
                    "unknown id", NODES.textNode("00000000-0000-0000-0000-000000000000")).entrySet()) {
                ObjectNode body = sample.deepCopy();
                body.set(field, bad.getValue());
                cases.add(new Case(field + ": " + bad.getKey(), plain, json, body.toString()));
            }
        }
        if (sample.size() > 0) cases.add(new Case("well-formed sample", plain, json, sample.toString()));
        return cases;
    }

    /** A plausible body from the schema: strings, numbers, booleans, arrays of one, nested objects. */
    private ObjectNode sample(JsonNode schema) {
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props.hasNext(); ) {
            Map.Entry<String, JsonNode> p = props.next();
            out.set(p.getKey(), value(resolve(p.getValue()), 0));
        }
        return out;
    }

    private JsonNode value(JsonNode schema, int depth) {
        String type = schema.path("type").asText("object");
        return switch (type) {
            case "string" -> NODES.textNode(schema.path("format").asText().equals("uuid") ? "00000000-0000-0000-0000-000000000001" : "sample");
            case "integer", "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> NODES.arrayNode().add(value(resolve(schema.path("items")), depth + 1));
            default -> depth > 3 ? NODES.objectNode() : sampleNested(schema, depth);
        };
    }

    private JsonNode sampleNested(JsonNode schema, int depth) {
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props.hasNext(); ) {
            Map.Entry<String, JsonNode> p = props.next();
            out.set(p.getKey(), value(resolve(p.getValue()), depth + 1));
        }
        return out;
    }

    private JsonNode resolve(JsonNode schema) {
        for (int i = 0; i < 10 && schema.has("$ref"); i++) {
            String ref = schema.path("$ref").asText();
            if (!ref.startsWith("#/")) return NODES.objectNode(); // a reference the document cannot resolve (issue 16)
            schema = document.at(ref.substring(1));
        }
        return schema;
    }

    private static boolean isStream(JsonNode operation) {
        for (JsonNode response : operation.path("responses")) {
            if (response.path("content").has("text/event-stream")) return true;
        }
        return operation.toString().contains("event-stream") || operation.path("operationId").asText().contains("stream");
    }

    private static String fillPath(String template, String value) {
        return template.replaceAll("\\{[^}]+}", value);
    }

    private int send(String method, Case c, String token) {
        String uri = c.uri();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + uri)).timeout(Duration.ofSeconds(30));
            if (token != null) request.header("Authorization", "Bearer " + token);
            if (c.contentType() != null) request.header("Content-Type", c.contentType());
            if (c.encoding() != null) request.header("Content-Encoding", c.encoding());
            request.method(method, c.raw() != null ? HttpRequest.BodyPublishers.ofByteArray(c.raw())
                    : c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.body()));
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.net.http.HttpTimeoutException e) {
            return 599; // a hang counts as a server error
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + uri + ": " + e, e);
        }
    }
}
