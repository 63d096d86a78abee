package io.relais.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Orders through HTTP at 32 concurrent clients: token check, validation, idempotency record, all-or-none conditional
 * reservation of 1-3 lines, ledger rows, after-commit cache eviction. Anchor: {@code pgbench -N} (its simple-update
 * transaction: three writes and a read) at the same client count on the same PostgreSQL.
 */
final class ShopOrdersBenchmark implements Benchmark {

    private static final int CLIENTS = 32;
    private static final Duration RUN = Duration.ofSeconds(20);

    @Override
    public String name() {
        return "shop-orders";
    }

    @Override
    public String description() {
        return "POST /api/shop/orders at " + CLIENTS + " clients vs pgbench -N at " + CLIENTS + " clients";
    }

    @Override
    public List<Figure> run(BenchEnvironment env) throws Exception {
        ShopCatalog.ensureImported(env);
        List<String> references = ShopCatalog.sampleReferences(env, 20_000);
        String token = env.api.signup("bench-" + UUID.randomUUID().toString().substring(0, 8), "bench-password-1")
                .text("access_token");
        ObjectMapper json = env.bean(ObjectMapper.class);
        HttpLoad load = new HttpLoad();
        java.util.function.LongFunction<HttpRequest> order = n -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int lines = 1 + random.nextInt(3);
            var body = Map.of("lines", random.ints(lines, 0, references.size()).distinct()
                    .mapToObj(i -> Map.of("reference", references.get(i), "quantity", 1)).toList());
            try {
                return HttpRequest.newBuilder(URI.create(env.baseUrl + "/api/shop/orders"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        // 201 confirmed, 202 pending (a line short after the run drained it): both are a committed order.
        load.warmUp(CLIENTS, order, status -> status == 201 || status == 202);
        HttpLoad.Result result = load.measure("shop-orders", CLIENTS, RUN, order, status -> status == 201 || status == 202);

        env.pgbenchInitialised();
        Double anchor = BenchEnvironment.tps(env.pgbench(List.of("-N", "-c", String.valueOf(CLIENTS), "-j", "2",
                "-T", String.valueOf(RUN.toSeconds()))));
        return List.of(
                new Figure("orders/s", result.perSecond(), "req/s", "pgbench -N tps", anchor, true),
                new Figure("p50 latency", result.percentileMillis(0.50), "ms", null, null, false),
                new Figure("p99 latency", result.percentileMillis(0.99), "ms", null, null, false));
    }
}
