package io.relais.testsupport;

import java.nio.file.Path;
import java.util.UUID;

import io.relais.RelaisApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The one application context the app-level tests share: Relais on its embedded PostgreSQL and Redis (real servers,
 * fresh data directory per run), real Camunda, real HTTP on a random port.
 */
@SpringBootTest(classes = RelaisApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(locations = "classpath:relais-test.properties")
public abstract class AppTest {

    public static final String ADMIN_PASSWORD = "test-admin-password";
    private static final Path RUN_DIR = Path.of("target", "test-run", UUID.randomUUID().toString().substring(0, 8));

    @DynamicPropertySource
    static void isolatedState(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> RUN_DIR.resolve("data").toString());
        registry.add("relais.inbox-dir", () -> RUN_DIR.resolve("inbox").toString());
        registry.add("relais.admin.password", () -> ADMIN_PASSWORD);
        registry.add("relais.security.oauth.providers.local.issuer-uri", LocalOidc::issuer);
        registry.add("relais.security.oauth.providers.local.client-id", () -> LocalOidc.CLIENT_ID);
        registry.add("relais.security.oauth.providers.local.client-secret", () -> "local-secret");
        registry.add("relais.security.oauth.providers.fakehub.type", () -> "github");
        registry.add("relais.security.oauth.providers.fakehub.client-id", () -> "relais-on-github");
        registry.add("relais.security.oauth.providers.fakehub.client-secret", () -> "github-secret");
        registry.add("relais.security.oauth.providers.fakehub.authorization-uri", () -> FakeGithub.url() + "/login/oauth/authorize");
        registry.add("relais.security.oauth.providers.fakehub.token-uri", () -> FakeGithub.url() + "/login/oauth/access_token");
        registry.add("relais.security.oauth.providers.fakehub.user-info-uri", () -> FakeGithub.url() + "/user");
        registry.add("relais.security.oauth.providers.fakehub.emails-uri", () -> FakeGithub.url() + "/user/emails");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected com.fasterxml.jackson.databind.ObjectMapper json;

    protected Api api;

    @BeforeEach
    void connectApi() {
        api = new Api("http://localhost:" + port, json);
    }

    protected static Path inboxDir() {
        return RUN_DIR.resolve("inbox");
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
