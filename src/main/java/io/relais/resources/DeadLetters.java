package io.relais.resources;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Background jobs that failed after their retries: kept on the Redis list {@code relais:resources:dead-letters}. */
@Component("resourcesDeadLetters")
public class DeadLetters {

    static final String LIST = "relais:resources:dead-letters";

    private final StringRedisTemplate redis;
    private final ObjectMapper json;

    DeadLetters(StringRedisTemplate redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public void park(Exchange exchange) throws Exception {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("route", exchange.getFromRouteId());
        letter.put("body", exchange.getMessage().getBody());
        letter.put("error", cause == null ? null : cause.getMessage());
        letter.put("at", Instant.now().toString());
        redis.opsForList().rightPush(LIST, json.writeValueAsString(letter));
    }

    public List<String> list() {
        return redis.opsForList().range(LIST, 0, 99);
    }
}
