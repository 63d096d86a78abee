package io.relais.platform.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.relais.platform.security.AccessRules;
import org.junit.jupiter.api.Test;

class OpenApiCompletionTest {

    private final ObjectMapper json = new ObjectMapper();
    private final AccessRules rules = new AccessRules(List.of(
            AccessRules.endpoint("GET", "/api/things/{id}", null, List.of(), Set.of()),
            AccessRules.endpoint("POST", "/api/things", List.of("admin,manager"), List.of("application/json"), Set.of()),
            AccessRules.endpoint("POST", "/api/auth/signin", null, List.of("application/json"), Set.of("POST /api/auth/signin"))));
    private final OpenApiCompletion completion = new OpenApiCompletion(rules, Map.of("things", "Things"),
            (method, path) -> path.startsWith("/api/auth"));

    @Test
    void security_is_the_access_rules_and_errors_are_listed() throws Exception {
        ObjectNode doc = (ObjectNode) json.readTree("""
                {"openapi": "3.0.0", "servers": [{"url": "http://0.0.0.0"}], "paths": {
                  "/api/things/{id}": {"get": {"tags": ["things"], "operationId": "thing-get-rest", "responses": {"default": {}}}},
                  "/api/things": {"post": {"tags": ["things"], "description": "Make a thing", "requestBody": {},
                                 "responses": {"201": {"description": "Made"}}, "security": [{"bearer": ["admin,manager"]}]}},
                  "/api/auth/signin": {"post": {"tags": ["auth"], "summary": "Sign in", "requestBody": {}, "responses": {"200": {"description": "OK"}}}}
                }}""");
        completion.complete(doc);

        assertThat(doc.at("/servers/0/url").asText()).isEqualTo("/");
        ObjectNode get = (ObjectNode) doc.at("/paths/~1api~1things~1{id}/get");
        assertThat(get.path("security").isArray() && get.path("security").isEmpty()).as("a public read: security []").isTrue();
        assertThat(get.path("summary").asText()).isEqualTo("Thing get");
        assertThat(get.path("responses").has("200")).as("the undescribed default becomes 200").isTrue();
        assertThat(get.at("/responses/404/$ref").asText()).isEqualTo("#/components/responses/NotFound");
        assertThat(get.path("responses").has("401")).isFalse();
        assertThat(get.at("/responses/default/$ref").asText()).isEqualTo("#/components/responses/Problem");

        ObjectNode post = (ObjectNode) doc.at("/paths/~1api~1things/post");
        assertThat(post.at("/security/0/bearer").isEmpty()).as("bearer scopes are empty (OAS: http schemes take none)").isTrue();
        assertThat(post.path("x-roles").toString()).isEqualTo("[\"admin\",\"manager\"]");
        assertThat(post.path("description").asText()).isEqualTo("Make a thing Needs the role admin or manager.");
        assertThat(post.path("responses").has("200")).as("the declared 201 is the success").isFalse();
        assertThat(post.path("responses").has("401") && post.path("responses").has("403") && post.path("responses").has("413")
                && post.path("responses").has("415")).isTrue();
        assertThat(post.path("responses").has("429")).isFalse();

        ObjectNode signin = (ObjectNode) doc.at("/paths/~1api~1auth~1signin/post");
        assertThat(signin.path("security").isEmpty()).as("a public write").isTrue();
        assertThat(signin.path("responses").has("429")).as("rate limited").isTrue();
        assertThat(doc.at("/tags/0/description").asText()).isEqualTo("Things");
        assertThat(doc.at("/components/responses/BadRequest/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
    }
}
