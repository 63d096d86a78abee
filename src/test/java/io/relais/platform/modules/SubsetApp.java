package io.relais.platform.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.RelaisApplication;
import io.relais.testsupport.Api;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.TestPropertySource;

/**
 * Relais with some domains switched off ({@code relais.<domain>.enabled=false}): a context of its own beside the
 * suite's (which may still be running), so its own data directory and servers; closed after its class, because
 * camel-langchain4j-tools keeps its tools in a JVM-wide cache that a second live context would share.
 */
@org.springframework.test.annotation.DirtiesContext(classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(classes = RelaisApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(locations = "classpath:relais-test.properties")
abstract class SubsetApp {

    static final String ADMIN_PASSWORD = "test-admin-password";

    @LocalServerPort
    int port;
    @Autowired
    com.fasterxml.jackson.databind.ObjectMapper json;
    @Autowired
    ApplicationContext spring;
    @Autowired
    CamelContext camel;
    Api api;

    static void ownState(DynamicPropertyRegistry registry, String name) {
        Path dir = Path.of("target", "test-run", name + "-" + UUID.randomUUID().toString().substring(0, 8));
        registry.add("relais.data-dir", () -> dir.resolve("data").toString());
        registry.add("relais.inbox-dir", () -> dir.resolve("inbox").toString());
        registry.add("relais.admin.password", () -> ADMIN_PASSWORD);
    }

    @BeforeEach
    void connectApi() {
        api = new Api("http://localhost:" + port, json);
    }

    /** Nothing of another domain runs: no bean, no route, no operation in the OpenAPI document; health is UP. */
    void assertOnly(String domain) {
        List<String> foreignBeans = java.util.Arrays.stream(spring.getBeanDefinitionNames())
                .map(spring::getType)
                .filter(type -> type != null)
                .map(type -> AopUtils.isAopProxy(type) ? type.getSuperclass() : type)
                .map(Class::getName)
                .filter(name -> Domains.of(name) != null && !domain.equals(Domains.of(name)))
                .toList();
        assertThat(foreignBeans).as("beans of switched-off domains").isEmpty();
        List<String> foreignRoutes = camel.getRoutes().stream()
                .filter(r -> r.getSourceLocation() != null && Domains.ofRoute(r.getSourceLocation()) != null
                        && !domain.equals(Domains.ofRoute(r.getSourceLocation())))
                .map(Route::getRouteId).toList();
        assertThat(foreignRoutes).as("routes of switched-off domains").isEmpty();
        assertThat(camel.getRoutes().stream().map(Route::getSourceLocation).filter(l -> l != null && l.contains("routes/" + domain + "/")))
                .as("the domain's own routes").isNotEmpty();
        JsonNode doc = api.get("/api/openapi.json", null).body();
        List<String> tags = new ArrayList<>();
        doc.path("tags").forEach(t -> tags.add(t.path("name").asText()));
        assertThat(tags).contains(domain).doesNotContainAnyElementsOf(Domains.ALL.stream().filter(d -> !d.equals(domain)).toList());
        String admin = api.signin("admin", ADMIN_PASSWORD);
        JsonNode[] health = {null};
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            health[0] = api.get("/actuator/health", admin).body();
            assertThat(health[0].path("status").asText()).as(health[0].toString()).isEqualTo("UP");
        });
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }
}
