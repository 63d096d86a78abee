package io.relais.resources;

import java.time.Duration;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Redis read cache for what every page shows (categories, tags, popular resources, profiles): JSON under
 * {@code relais:resources:cache:<name>} for 10 minutes, dropped by the writes that change it. Without Redis, reads go
 * to PostgreSQL.
 */
@Component
public class ReadCache {

    private static final String PREFIX = "relais:resources:cache:";
    private static final Duration TTL = Duration.ofMinutes(10);

    private final StringRedisTemplate redis;
    private final ObjectMapper json;

    ReadCache(StringRedisTemplate redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public <T> T get(String name, TypeReference<T> type, Supplier<T> load) {
        try {
            String cached = redis.opsForValue().get(PREFIX + name);
            if (cached != null) return json.readValue(cached, type);
        } catch (DataAccessException | java.io.IOException e) {
            return load.get();
        }
        T value = load.get();
        try {
            redis.opsForValue().set(PREFIX + name, json.writeValueAsString(value), TTL);
        } catch (DataAccessException | java.io.IOException e) {
            // served from PostgreSQL; cached next time
        }
        return value;
    }

    public void evict(String... names) {
        try {
            for (String n : names) redis.delete(PREFIX + n);
        } catch (DataAccessException e) {
            // entries expire within the TTL
        }
    }
}
