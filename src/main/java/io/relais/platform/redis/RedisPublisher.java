package io.relais.platform.redis;

import java.util.Map;

import org.apache.camel.Body;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a message on a Redis channel for the outbox ({@code direct:platform-redis-publish}): a failure (Redis away)
 * leaves the hand-off in the outbox, retried until Redis answers.
 */
@Component("redisPublisher")
public class RedisPublisher {

    /** Where domains send what every node must hear: {@code {"channel": ..., "message": ...}}. */
    public static final String ROUTE = "direct:platform-redis-publish";

    private final StringRedisTemplate redis;

    RedisPublisher(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public static Map<String, Object> message(String channel, String message) {
        return Map.of("channel", channel, "message", message);
    }

    public void publish(@Body Map<String, Object> body) {
        redis.convertAndSend(String.valueOf(body.get("channel")), String.valueOf(body.get("message")));
    }
}
