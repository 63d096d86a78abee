package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.relais.testsupport.AppTest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every error is application/problem+json with a reason a caller can act on. */
class ProblemResponsesTest extends AppTest {

    @Autowired
    CamelContext camel;

    @Test
    void a_write_without_a_token_is_401() {
        var r = api.post("/api/admin/users", Map.of("username", "x"), null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("detail")).contains("needs a bearer token");
    }

    @Test
    void malformed_json_is_400_with_where_it_broke() {
        var r = api.postRaw("/api/auth/signup", "application/json", "{\"username\": \"ann\",", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("title")).isEqualTo("Malformed JSON");
        assertThat(r.text("detail")).contains("line 1");
    }

    @Test
    void failed_validation_is_400_naming_each_field() {
        var r = api.post("/api/auth/signup", Map.of("username", "a", "password", "short", "email", "not-an-email"), null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("errors").findValuesAsText("field")).containsExactly("email", "password", "username");
    }

    @Test
    void a_value_of_the_wrong_type_names_the_field() {
        var r = api.postRaw("/api/auth/signin", "application/json", "{\"username\": {\"a\": 1}, \"password\": \"x\"}", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("errors").get(0).get("field").asText()).isEqualTo("username");
    }

    @Test
    void an_unknown_path_is_404() {
        var r = api.get("/api/nothing/here", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void a_taken_username_is_409() {
        String name = unique("twin");
        api.signup(name, "rosebush-42");
        var r = api.signup(name, "rosebush-42");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void an_oversized_body_is_413() {
        String big = "{\"username\":\"" + "x".repeat(70 * 1024) + "\"}";
        var r = api.postRaw("/api/auth/signin", "application/json", big, null);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void a_body_of_the_wrong_media_type_is_415() {
        var r = api.postRaw("/api/auth/signin", "text/csv", "username,password", null);
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.text("detail")).contains("application/json");
    }

    @Test
    void too_many_requests_is_429_with_retry_after() {
        String token = api.signup(unique("eager"), "rosebush-42").text("access_token");
        io.relais.testsupport.Api.Response last = null;
        for (int i = 0; i < 7; i++) last = api.get("/api/auth/session", token);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void an_unexpected_failure_is_500_without_a_stack_trace() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                rest("/api/test-only").get("/boom").to("direct:test-boom");
                from("direct:test-boom").routeId("test-boom").throwException(new IllegalStateException("secret internals"));
            }
        });
        var r = api.get("/api/test-only/boom", null);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.raw().body()).doesNotContain("secret internals").doesNotContain("at io.").contains("incident");
    }

    @Test
    void responses_do_not_echo_request_headers() {
        var r = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/openapi.json"))
                .header("X-Relais-User", "spoofed").header("X-Secret", "s3cret").GET(), null);
        assertThat(r.raw().headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("x-secret") || h.equalsIgnoreCase("x-relais-user"));
    }

}
