package io.relais.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;

/** The front ends' origins (relais.web.cors-origins) may call the API from a browser; other origins and plain calls get no CORS headers. */
class CrossOriginTest extends AppTest {

    @Test
    void a_preflight_from_a_known_front_end_is_answered_without_a_token() {
        var preflight = api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/shop/orders"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type"), null);
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
        assertThat(preflight.raw().headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
    }

    @Test
    void a_call_from_a_known_origin_carries_the_cors_headers_and_others_do_not() {
        var fromFrontEnd = api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/shop/products?size=1"))
                .header("Origin", "http://localhost:3000").GET(), null);
        assertThat(fromFrontEnd.status()).isEqualTo(200);
        assertThat(fromFrontEnd.raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");

        var fromElsewhere = api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/shop/products?size=1"))
                .header("Origin", "https://evil.example").GET(), null);
        assertThat(fromElsewhere.status()).isEqualTo(403);
        assertThat(fromElsewhere.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        var plain = api.get("/api/shop/products?size=1", null);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
