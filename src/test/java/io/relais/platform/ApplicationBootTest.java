package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;

class ApplicationBootTest extends AppTest {

    @Test
    void boots_on_embedded_servers_and_reports_health_up_with_every_contributor() {
        var anonymous = api.get("/actuator/health", null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.text("status")).isEqualTo("UP");
        assertThat(anonymous.body().has("components")).as("details are for admins and the scrape token").isFalse();
        var health = api.get("/actuator/health", api.adminToken());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        var components = health.body().get("components");
        assertThat(components.get("db").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("db").get("details").get("database").asText()).isEqualTo("PostgreSQL");
        assertThat(components.get("redis").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("processEngine").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("camelHealth").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void publishes_openapi_with_the_auth_contract_and_a_swagger_page() {
        var openapi = api.get("/api/openapi.json", null);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body().get("openapi").asText()).startsWith("3.");
        assertThat(openapi.body().get("paths").has("/api/auth/signin")).isTrue();
        assertThat(openapi.body().get("paths").has("/auth/login")).isTrue();
        assertThat(openapi.body().at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");

        var page = api.get("/swagger-ui.html", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains("/api/openapi.json");
    }

    @Test
    void exposes_prometheus_metrics_with_camel_route_meters() {
        api.get("/api/openapi.json", null);
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/metrics", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", api.signup(unique("peek"), "rosebush-42").text("access_token")).status())
                .as("a customer").isEqualTo(401);
        assertThat(api.get("/actuator/health", "test-scrape-token").body().has("components")).isTrue();
        var metrics = api.get("/actuator/prometheus", "test-scrape-token");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("camel_exchanges_total").contains("application=\"relais\"");
    }
}
