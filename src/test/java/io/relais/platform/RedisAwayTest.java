package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

import io.relais.platform.embedded.EmbeddedRedisServer;
import io.relais.testsupport.Api;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Redis holds caches, limits and refresh tokens: without it the instance is degraded, not down, requests stay within
 * twice their latency (the circuit breaker answers at once), sign-out still revokes, and on the embedded default
 * Relais starts Redis again by itself.
 */
class RedisAwayTest extends AppTest {

    @Autowired
    EmbeddedRedisServer redis;

    @Test
    void with_redis_stopped_requests_stay_fast_sign_out_still_revokes_and_the_embedded_redis_comes_back() {
        String user = unique("resilient");
        api.signup(user, "rosebush-42");
        String token = api.signin(user, "rosebush-42");
        String keep = api.signin(user, "rosebush-42");
        // an authenticated read (token, Redis revocation check, one PostgreSQL query) and a public search
        Supplier<Api.Response> session = () -> api.get("/api/knowledge/ingestions", keep);
        Supplier<Api.Response> search = () -> api.get("/api/shop/products?search=rosier&size=5", null);
        median(session, 20);
        median(search, 20);
        double sessionWith = median(session, 40);
        double searchWith = median(search, 40);

        redis.stop();
        try {
            double sessionWithout = median(session, 40);
            double searchWithout = median(search, 40);
            System.out.printf("Redis away, median latency: session %.1f ms (with Redis %.1f ms), search %.1f ms (with Redis %.1f ms)%n",
                    sessionWithout, sessionWith, searchWithout, searchWith);
            // within 2x, plus a few milliseconds of slack for a shared 2-core machine
            assertThat(sessionWithout).isLessThanOrEqualTo(2 * sessionWith + 5);
            assertThat(searchWithout).isLessThanOrEqualTo(2 * searchWith + 5);

            var health = api.get("/actuator/health", "test-scrape-token");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.text("status")).isEqualTo("DEGRADED");
            assertThat(health.body().at("/components/redis/status").asText()).isEqualTo("DEGRADED");
            assertThat(health.body().at("/components/redis/details/circuit").asText()).isEqualTo("OPEN");

            var signin = api.post("/api/auth/signin", Map.of("username", user, "password", "rosebush-42"), null);
            assertThat(signin.status()).isEqualTo(200);
            assertThat(signin.text("refresh_token")).isNull();

            var signout = api.post("/api/auth/signout", Map.of(), token);
            assertThat(signout.status()).as(signout.raw().body()).isBetween(200, 204);
            assertThat(api.get("/api/knowledge/ingestions", token).status()).as("signed out while Redis is away").isEqualTo(401);
            assertThat(session.get().status()).isEqualTo(200);
        } finally {
            // the embedded default starts Redis again by itself (relais.redis.restart-embedded-after)
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                var h = api.get("/actuator/health", "test-scrape-token");
                return "UP".equals(h.text("status")) && "CLOSED".equals(h.body().at("/components/redis/details/circuit").asText());
            });
        }
        var health = api.get("/actuator/health", "test-scrape-token");
        assertThat(health.body().at("/components/redis/details/circuit").asText()).isEqualTo("CLOSED");
        assertThat(health.body().at("/components/redis/details/embeddedRestarts").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/api/knowledge/ingestions", token).status()).as("still signed out once Redis is back").isEqualTo(401);
    }

    private static double median(Supplier<Api.Response> request, int n) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            assertThat(request.get().status()).isEqualTo(200);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[n / 2];
    }
}
