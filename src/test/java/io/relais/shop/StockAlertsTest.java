package io.relais.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.relais.shop.stock.LowStockAlerts;
import io.relais.testsupport.AppTest;
import io.relais.testsupport.SseLines;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

class StockAlertsTest extends AppTest {

    @Autowired
    RedisConnectionFactory redis;

    @Test
    void an_alert_is_raised_once_when_stock_falls_under_the_threshold_published_and_cleared_by_a_restock() throws Exception {
        List<String> published = new CopyOnWriteArrayList<>();
        RedisMessageListenerContainer listener = new RedisMessageListenerContainer();
        listener.setConnectionFactory(redis);
        listener.addMessageListener((message, pattern) -> published.add(new String(message.getBody())),
                new ChannelTopic(LowStockAlerts.CHANNEL));
        listener.afterPropertiesSet();
        listener.start();
        try {
            String p = ShopFixture.prefix();
            String admin = api.adminToken();
            ShopFixture.importCsv(api, admin, p + "-L,Lavande,arbustes,4,10,5");
            String token = api.signup(unique("lav"), "rosebush-42").text("access_token");
            api.post("/api/shop/orders", Map.of("lines", List.of(Map.of("reference", p + "-L", "quantity", 6))), token);
            api.post("/api/shop/orders", Map.of("lines", List.of(Map.of("reference", p + "-L", "quantity", 1))), token);
            api.post("/api/shop/orders", Map.of("lines", List.of(Map.of("reference", p + "-L", "quantity", 1))), token);

            var alerts = api.get("/api/shop/alerts", admin).body();
            assertThat(alerts.findValuesAsText("reference").stream().filter((p + "-L")::equals)).hasSize(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> published.stream().anyMatch(m -> m.contains(p + "-L")));
            assertThat(published.stream().filter(m -> m.contains(p + "-L") && m.contains("raised"))).hasSize(1);

            var restock = api.post("/api/shop/restock", Map.of("lines", List.of(Map.of("reference", p + "-L", "quantity", 20))), admin);
            assertThat(restock.status()).isEqualTo(200);
            assertThat(api.get("/api/shop/alerts", admin).body().findValuesAsText("reference")).doesNotContain(p + "-L");
            assertThat(api.get("/api/shop/products/" + p + "-L", null).body().get("stock").asInt()).isEqualTo(22);
            await().atMost(Duration.ofSeconds(5)).until(() -> published.stream().anyMatch(m -> m.contains(p + "-L") && m.contains("cleared")));
        } finally {
            listener.stop();
            listener.destroy();
        }
    }

    @Test
    void managers_follow_alerts_as_server_sent_events_and_others_are_refused() throws Exception {
        String p = ShopFixture.prefix();
        String admin = api.adminToken();
        ShopFixture.importCsv(api, admin, p + "-S,Sauge officinale,arbustes,6,8,4");
        String customer = api.signup(unique("sse"), "rosebush-42").text("access_token");
        assertThat(api.get("/api/shop/alerts/stream", null).status()).isEqualTo(401);
        assertThat(api.get("/api/shop/alerts/stream?access_token=" + customer, null).status()).isEqualTo(403);

        try (SseLines stream = new SseLines("http://localhost:" + port + "/api/shop/alerts/stream?access_token=" + admin)) {
            List<String> lines = stream.lines;
            await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains("event:open"));
            api.post("/api/shop/orders", Map.of("lines", List.of(Map.of("reference", p + "-S", "quantity", 5))), customer);
            await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(p + "-S")));
            int at = lines.indexOf(lines.stream().filter(l -> l.contains(p + "-S")).findFirst().orElseThrow());
            assertThat(lines.subList(0, at)).contains("event:raised");
        }
    }

    @Test
    void restock_planning_proposes_for_low_products_and_recommendations_fall_back_to_complements() {
        String admin = api.adminToken();
        String p = ShopFixture.prefix();
        ShopFixture.importCsv(api, admin, p + "-R,Rosier planifié,rosiers,10,1,5");
        var plan = api.post("/api/shop/restock/proposals/plan", Map.of(), admin);
        assertThat(plan.status()).isEqualTo(200);
        var proposals = api.get("/api/shop/restock/proposals", admin).body();
        assertThat(proposals.findValuesAsText("reference")).contains(p + "-R");

        var recommendations = api.get("/api/shop/products/" + p + "-R/recommendations", null).body();
        assertThat(recommendations.findValuesAsText("category")).isNotEmpty()
                .allSatisfy(c -> assertThat(c).isIn("engrais", "protection", "terreaux"));
    }
}
