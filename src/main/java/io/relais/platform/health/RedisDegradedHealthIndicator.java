package io.relais.platform.health;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Redis holds caches, rate-limit counters and refresh tokens: without it Relais still serves from PostgreSQL, so
 * an unreachable Redis makes the instance DEGRADED (HTTP 200), not DOWN.
 */
@Component("redis")
class RedisDegradedHealthIndicator extends AbstractHealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Redis unavailable: caches, rate limits and refresh tokens are off");

    private final RedisConnectionFactory connections;

    RedisDegradedHealthIndicator(RedisConnectionFactory connections) {
        super("Redis health check failed");
        this.connections = connections;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        try (RedisConnection connection = connections.getConnection()) {
            String pong = connection.ping();
            builder.up().withDetail("ping", pong);
        } catch (RuntimeException e) {
            builder.status(DEGRADED).withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
