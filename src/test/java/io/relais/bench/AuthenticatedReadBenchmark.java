package io.relais.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The platform's request path: JWT check, revocation lookup in Redis, rate-limit check, Camel REST route, one
 * PostgreSQL read, JSON out. Anchor: pgbench's select-only transaction (-S) at the same client count, the database's
 * own rate for a comparable single-row read.
 */
final class AuthenticatedReadBenchmark implements Benchmark {

    private static final int CLIENTS = 16;
    private static final Duration WARMUP = Duration.ofSeconds(5);
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
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(env.baseUrl + "/api/auth/session"))
                .header("Authorization", "Bearer " + token).GET().build();
        load(http, request, WARMUP, new ArrayList<>());
        List<Long> latencies = new ArrayList<>();
        long count = load(http, request, RUN, latencies);
        double rps = count / (double) RUN.toSeconds();
        latencies.sort(Long::compare);

        env.pgbench(List.of("-i", "-s", "1", "-q"));
        Double anchor = BenchEnvironment.tps(env.pgbench(List.of("-S", "-c", String.valueOf(CLIENTS), "-j", "2",
                "-T", String.valueOf(RUN.toSeconds()))));
        return List.of(
                new Figure("requests/s", rps, "req/s", "pgbench -S tps", anchor, true),
                new Figure("p50 latency", latencies.get(latencies.size() / 2) / 1e6, "ms", null, null, false),
                new Figure("p99 latency", latencies.get((int) (latencies.size() * 0.99)) / 1e6, "ms", null, null, false));
    }

    private static long load(HttpClient http, HttpRequest request, Duration duration, List<Long> latencies) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong ok = new AtomicLong();
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            futures.add(clients.submit(() -> {
                List<Long> mine = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() != 200) throw new IllegalStateException("HTTP " + r.statusCode());
                    mine.add(System.nanoTime() - t0);
                    ok.incrementAndGet();
                }
                return mine;
            }));
        }
        for (Future<List<Long>> f : futures) latencies.addAll(f.get());
        clients.shutdown();
        return ok.get();
    }
}
