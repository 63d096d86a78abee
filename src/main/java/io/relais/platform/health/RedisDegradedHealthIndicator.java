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
    private final io.relais.platform.redis.RedisCircuitBreaker circuit;

    RedisDegradedHealthIndicator(RedisConnectionFactory connections, io.relais.platform.redis.RedisCircuitBreaker circuit) {
        super("Redis health check failed");
        this.connections = connections;
        this.circuit = circuit;
    }

    /** The circuit's state (open: Redis away, probed) and, on the embedded default, how often Relais restarted Redis. */
    @Override
    protected void doHealthCheck(Health.Builder builder) {
        try (RedisConnection connection = connections.getConnection()) {
            String pong = connection.ping();
            builder.up().withDetail("ping", pong);
        } catch (RuntimeException e) {
            builder.status(DEGRADED).withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        builder.withDetails(circuit.state());
    }
}
