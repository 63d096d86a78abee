package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.relais.platform.embedded.EmbeddedRedisServer;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Redis holds caches, limits and refresh tokens: without it the instance is degraded, not down. */
class RedisAwayTest extends AppTest {

    @Autowired
    EmbeddedRedisServer redis;

    @Test
    void with_redis_stopped_health_is_degraded_and_sign_in_still_works() {
        String user = unique("resilient");
        api.signup(user, "rosebush-42");
        redis.stop();
        try {
            var health = api.get("/actuator/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.text("status")).isEqualTo("DEGRADED");
            assertThat(health.body().at("/components/redis/status").asText()).isEqualTo("DEGRADED");

            var signin = api.post("/api/auth/signin", Map.of("username", user, "password", "rosebush-42"), null);
            assertThat(signin.status()).isEqualTo(200);
            assertThat(signin.text("access_token")).isNotBlank();
            assertThat(signin.text("refresh_token")).isNull();
            assertThat(api.get("/api/auth/session", signin.text("access_token")).status()).isEqualTo(200);
        } finally {
            redis.restart();
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> "UP".equals(api.get("/actuator/health", null).text("status")));
    }
}
