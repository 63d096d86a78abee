package io.relais.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

/**
 * The platform's request path: JWT check, revocation lookup in Redis, rate-limit check, Camel REST route, one
 * PostgreSQL read, JSON out. Anchors: pgbench's select-only transaction (-S) at the same client count, the database's
 * own rate for a comparable single-row read; and {@link BareWebServer}, the same read behind a plain servlet on the same
 * Tomcat (the floor of the HTTP stack on this machine, so what the platform's own path costs shows beside it).
 */
final class AuthenticatedReadBenchmark implements Benchmark {

    private static final int CLIENTS = 16;
    private static final Duration RUN = Duration.ofSeconds(15);

    @Override
    public String name() {
        return "auth-session";
    }

    @Override
    public String description() {
        return "GET /api/auth/session at " + CLIENTS + " clients vs pgbench -S at " + CLIENTS + " clients";
    }

    @Override
    public List<Figure> run(BenchEnvironment env) throws Exception {
        String token = env.api.signin("admin", BenchEnvironment.ADMIN_PASSWORD);
        HttpRequest request = HttpRequest.newBuilder(URI.create(env.baseUrl + "/api/auth/session"))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpLoad load = new HttpLoad();
        load.warmUp(CLIENTS, n -> request, status -> status == 200);
        HttpLoad.Result result = load.measure("auth-session", CLIENTS, RUN, n -> request, status -> status == 200);

        String userId = env.api.get("/api/auth/session", token).body().at("/user/id").asText();
        HttpLoad.Result bare;
        try (BareWebServer server = new BareWebServer(env.postgresPort(), "postgres")) {
            HttpRequest plain = HttpRequest.newBuilder(URI.create(server.url() + "?id=" + userId)).GET().build();
            HttpLoad bareLoad = new HttpLoad();
            bareLoad.warmUp(CLIENTS, n -> plain, status -> status == 200);
            bare = bareLoad.measure("auth-session-bare-server", CLIENTS, RUN, n -> plain, status -> status == 200);
        }

        env.pgbenchInitialised();
        Double anchor = BenchEnvironment.tps(env.pgbench(List.of("-S", "-c", String.valueOf(CLIENTS), "-j", "2",
                "-T", String.valueOf(RUN.toSeconds()))));
        return List.of(
                new Figure("requests/s", result.perSecond(), "req/s", "pgbench -S tps", anchor, true),
                new Figure("requests/s (vs the bare server)", result.perSecond(), "req/s", "bare Tomcat servlet, 1 query, req/s", bare.perSecond(), true),
                new Figure("bare server p99", bare.percentileMillis(0.99), "ms", null, null, false),
                new Figure("p50 latency", result.percentileMillis(0.50), "ms", null, null, false),
                new Figure("p99 latency", result.percentileMillis(0.99), "ms", null, null, false));
    }
}
