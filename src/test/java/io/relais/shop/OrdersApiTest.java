package io.relais.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.relais.shop.stock.StockCache;
import io.relais.platform.embedded.EmbeddedRedisServer;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class OrdersApiTest extends AppTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.camunda.bpm.engine.RuntimeService runtime;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EmbeddedRedisServer redis;

    private Map<String, Object> order(String... referenceQuantity) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < referenceQuantity.length; i += 2) {
            lines.add(Map.of("reference", referenceQuantity[i], "quantity", Integer.parseInt(referenceQuantity[i + 1])));
        }
        return Map.of("lines", lines);
    }

    @Test
    void two_hundred_concurrent_orders_racing_for_fifty_sell_exactly_what_exists() throws Exception {
        String p = ShopFixture.prefix();
        ShopFixture.importCsv(api, api.adminToken(), p + "-A,Produit A,outils,1,50,0", p + "-B,Produit B,outils,1,50,0",
                p + "-C,Produit C,outils,1,50,0");
        String token = api.signup(unique("rush"), "rosebush-42").text("access_token");
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<String>> results = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            String a = String.valueOf(1 + random.nextInt(3)), b = String.valueOf(1 + random.nextInt(2));
            String first = p + "-" + "ABC".charAt(random.nextInt(3)), second = p + "-" + "ABC".charAt(random.nextInt(3));
            Map<String, Object> body = order(first, a, second, b);
            results.add(pool.submit(() -> {
                var r = api.post("/api/shop/orders", body, token);
                if (r.status() != 201 && r.status() != 202) throw new IllegalStateException(r.status() + " " + r.raw().body());
                return r.text("status");
            }));
        }
        long confirmed = 0;
        for (Future<String> f : results) if ("CONFIRMED".equals(f.get())) confirmed++;
        pool.shutdown();

        assertThat(confirmed).isGreaterThan(10);
        for (String ref : List.of(p + "-A", p + "-B", p + "-C")) {
            Map<String, Object> s = jdbc.queryForMap("""
                    select s.quantity, s.reserved,
                           (select coalesce(sum(quantity_delta), 0) from shop.stock_movements m where m.product_id = p.id) as ledger,
                           (select coalesce(sum(l.quantity), 0) from shop.order_lines l join shop.orders o on o.id = l.order_id
                             where l.product_id = p.id and o.status = 'CONFIRMED') as sold
                      from shop.products p join shop.stock s on s.product_id = p.id where p.reference = ?
                    """, ref);
            int quantity = (Integer) s.get("quantity");
            assertThat(quantity).isBetween(0, 50);
            assertThat(((Number) s.get("ledger")).intValue()).isEqualTo(quantity);
            assertThat(((Number) s.get("sold")).intValue()).isEqualTo(50 - quantity);
        }
    }

    @Test
    void the_same_idempotency_key_answers_the_same_order_once_and_refuses_a_different_body() {
        String token = api.signup(unique("retry"), "rosebush-42").text("access_token");
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/shop/orders"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "key-1");
        String body = "{\"lines\":[{\"reference\":\"SEM-001\",\"quantity\":1}]}";
        var first = api.send(request.copy().POST(HttpRequest.BodyPublishers.ofString(body)), token);
        var second = api.send(request.copy().POST(HttpRequest.BodyPublishers.ofString(body)), token);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.text("id")).isEqualTo(first.text("id"));
        var different = api.send(request.copy().POST(HttpRequest.BodyPublishers.ofString(body.replace("1}", "2}"))), token);
        assertThat(different.status()).isEqualTo(409);
    }

    @Test
    void a_short_or_expensive_order_is_pending_and_cancelling_gives_stock_back() {
        String p = ShopFixture.prefix();
        ShopFixture.importCsv(api, api.adminToken(), p + "-X,Serre de jardin,outils,600,10,0");
        String token = api.signup(unique("big"), "rosebush-42").text("access_token");

        var short_ = api.post("/api/shop/orders", order(p + "-X", "11"), token);
        assertThat(short_.status()).isEqualTo(202);
        assertThat(short_.text("pendingReason")).isEqualTo("SHORTAGE");
        assertThat(short_.body().at("/shortages/0/available").asInt()).isEqualTo(10);
        var process = runtime.createProcessInstanceQuery().processInstanceBusinessKey(short_.text("id")).singleResult();
        assertThat(runtime.getVariable(process.getId(), "shortagesText")).as("the approval form shows what is missing")
                .isEqualTo(p + "-X: 11 wanted, 10 available");

        var expensive = api.post("/api/shop/orders", order(p + "-X", "2"), token);
        assertThat(expensive.text("status")).isEqualTo("PENDING");
        assertThat(expensive.text("pendingReason")).isEqualTo("APPROVAL");
        assertThat(expensive.body().get("stockReserved").asBoolean()).isTrue();
        assertThat(api.get("/api/shop/products/" + p + "-X", null).body().get("stock").asInt()).isEqualTo(8);

        var cancelled = api.post("/api/shop/orders/" + expensive.text("id") + "/cancel", Map.of(), token);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(api.get("/api/shop/products/" + p + "-X", null).body().get("stock").asInt()).isEqualTo(10);

        var confirmed = api.post("/order", order(p + "-X", "1"), token);
        assertThat(confirmed.text("status")).isEqualTo("CONFIRMED");
        assertThat(confirmed.body().get("stockReserved").asBoolean()).as("a confirmed order's stock is sold to it").isTrue();
        assertThat(api.get("/api/shop/orders/" + confirmed.text("id"), token).text("status")).isEqualTo("CONFIRMED");
        String stranger = api.signup(unique("stranger"), "rosebush-42").text("access_token");
        assertThat(api.get("/api/shop/orders/" + confirmed.text("id"), stranger).status()).isEqualTo(404);
    }

    @Test
    void a_read_after_a_committed_order_never_sees_the_old_stock_and_orders_work_with_redis_down() {
        String p = ShopFixture.prefix();
        ShopFixture.importCsv(api, api.adminToken(), p + "-S,Sac de terreau,terreaux,5,20,0");
        String token = api.signup(unique("cache"), "rosebush-42").text("access_token");
        assertThat(api.get("/api/shop/products/" + p + "-S", null).body().get("stock").asInt()).isEqualTo(20); // cached now
        api.post("/api/shop/orders", order(p + "-S", "3"), token);
        assertThat(api.get("/api/shop/products/" + p + "-S", null).body().get("stock").asInt()).isEqualTo(17);

        redis.stop();
        try {
            assertThat(api.post("/api/shop/orders", order(p + "-S", "2"), token).text("status")).isEqualTo("CONFIRMED");
            assertThat(api.get("/api/shop/products/" + p + "-S", null).body().get("stock").asInt()).isEqualTo(15);
        } finally {
            redis.restart();
            // the next test class shares this application: it starts once the circuit breaker trusts Redis again
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                    "CLOSED".equals(api.get("/actuator/health", "test-scrape-token").body().at("/components/redis/details/circuit").asText()));
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> api.get("/api/shop/products/" + p + "-S", null).body().get("stock").asInt() == 15);
    }
}
