package io.relais.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides, before any bean exists, whether Relais runs on embedded servers or on external ones.
 *
 * <p>No {@code spring.datasource.url} means an embedded PostgreSQL; no {@code spring.data.redis.host|url} means an
 * embedded Redis. Ports are chosen here so the connection settings are plain properties; the servers themselves are
 * started by {@link EmbeddedServersConfiguration} beans, which the connection factories depend on (so they also stop
 * last). It also chooses where routes and processes are read from: the folders on disk when they exist, else the
 * copies packaged in the jar. The {@code prod} profile refuses embedded servers and missing secrets.
 */
public class EmbeddedServersEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "relaisEmbeddedServers";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after config files are read
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> props = new LinkedHashMap<>();
        boolean prod = Arrays.asList(env.getActiveProfiles()).contains("prod");
        boolean embeddedAllowed = env.getProperty("relais.embedded.enabled", Boolean.class, true) && !prod;

        boolean externalDb = StringUtils.hasText(env.getProperty("spring.datasource.url"));
        boolean externalRedis = StringUtils.hasText(env.getProperty("spring.data.redis.host"))
                || StringUtils.hasText(env.getProperty("spring.data.redis.url"));
        if (prod) {
            refuseIncompleteProduction(env, externalDb, externalRedis);
        }
        if (!externalDb && embeddedAllowed) {
            int port = portOrFree(env.getProperty("relais.embedded.postgres.port", Integer.class, 0));
            props.put("relais.embedded.postgres.active", "true");
            props.put("relais.embedded.postgres.effective-port", port);
            props.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres");
            props.put("spring.datasource.username", "postgres");
            props.put("spring.datasource.password", "");
        }
        if (!externalRedis && embeddedAllowed) {
            int port = portOrFree(env.getProperty("relais.embedded.redis.port", Integer.class, 0));
            props.put("relais.embedded.redis.active", "true");
            props.put("relais.embedded.redis.effective-port", port);
            props.put("spring.data.redis.host", "127.0.0.1");
            props.put("spring.data.redis.port", port);
        }
        chooseDefinitionLocations(env, props);
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, props));
    }

    /** Files on disk win over the packaged copies, so an operator edits routes/ and processes/ beside the jar. */
    private static void chooseDefinitionLocations(ConfigurableEnvironment env, Map<String, Object> props) {
        java.util.Set<String> off = io.relais.platform.modules.Domains.disabled(env);
        if (!off.isEmpty()) { // switched-off domains: their routes/<domain>/ excluded, whatever the include pattern
            List<String> excluded = new ArrayList<>();
            String given = env.getProperty("camel.main.routes-exclude-pattern");
            if (StringUtils.hasText(given)) excluded.add(given);
            String base = env.getProperty("relais.definitions-dir", ".");
            for (String domain : off) { // Camel matches the resource's location, scheme included
                excluded.add("**/routes/" + domain + "/**");
                excluded.add("file:routes/" + domain + "/**");
                excluded.add("file:" + base + "/routes/" + domain + "/**");
                excluded.add("classpath:routes/" + domain + "/**");
            }
            props.put("camel.main.routes-exclude-pattern", String.join(",", excluded));
        }
        if (!StringUtils.hasText(env.getProperty("camel.main.routes-include-pattern"))) {
            String base = env.getProperty("relais.definitions-dir", ".");
            props.put("camel.main.routes-include-pattern", new java.io.File(base, "routes").isDirectory()
                    ? "file:" + base + "/routes/**/*.camel.yaml" : packagedRoutes());
        }
    }

    /**
     * The routes inside the jar, each named: Camel cannot scan a wildcard inside Spring Boot's nested jar
     * ({@code nested:} URLs), Spring can, and Camel reads a named classpath resource from anywhere.
     */
    static String packagedRoutes() {
        try {
            var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver();
            List<String> names = new ArrayList<>();
            for (var r : resolver.getResources("classpath*:routes/**/*.camel.yaml")) {
                String url = r.getURL().toString();
                int i = url.lastIndexOf("routes/");
                if (i >= 0) names.add("classpath:" + url.substring(i));
            }
            java.util.Collections.sort(names);
            return names.isEmpty() ? "classpath:routes/**/*.camel.yaml" : String.join(",", names);
        } catch (java.io.IOException e) {
            return "classpath:routes/**/*.camel.yaml";
        }
    }

    private static void refuseIncompleteProduction(ConfigurableEnvironment env, boolean externalDb, boolean externalRedis) {
        List<String> missing = new ArrayList<>();
        if (!externalDb) missing.add("SPRING_DATASOURCE_URL (an external PostgreSQL)");
        if (!externalRedis) missing.add("SPRING_DATA_REDIS_HOST or SPRING_DATA_REDIS_URL (an external Redis)");
        if (!StringUtils.hasText(env.getProperty("relais.security.jwt-secret"))) missing.add("RELAIS_SECURITY_JWT_SECRET");
        if (!StringUtils.hasText(env.getProperty("relais.admin.password"))) missing.add("RELAIS_ADMIN_PASSWORD");
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The prod profile refuses to start without: " + String.join(", ", missing)
                    + ". Embedded servers and generated secrets are for development only.");
        }
    }

    private static int portOrFree(int configured) {
        if (configured > 0) return configured;
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for an embedded server", e);
        }
    }
}
