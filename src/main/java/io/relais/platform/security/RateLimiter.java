package io.relais.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.relais.platform.settings.RelaisSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Fixed-window rate limits counted in Redis, so every node shares the same budget. When Redis is away the limits
 * are not enforced (logged once a minute): availability beats throttling.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final RedisScript<Long> INCREMENT = RedisScript.of("""
            local c = redis.call('INCR', KEYS[1])
            if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return c
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Clock clock;
    private final List<Rule> rules;
    private final MeterRegistry meters;
    private volatile long lastWarning;

    RateLimiter(StringRedisTemplate redis, Clock clock, RelaisSettings settings, MeterRegistry meters) {
        this.redis = redis;
        this.clock = clock;
        this.meters = meters;
        PathPatternParser parser = new PathPatternParser();
        this.rules = settings.rateLimits().stream().map(l -> Rule.of(l, parser)).toList();
    }

    /** Seconds to wait when a limit is exceeded, or 0 when the request may go on. */
    public long check(String method, String path, String clientAddress, String username) {
        PathContainer container = null;
        for (Rule rule : rules) {
            if (container == null) container = PathContainer.parsePath(path);
            if (rule.limit.failuresOnly() || !rule.matches(method, container)) continue;
            String subject = "user".equals(rule.limit.key()) && username != null ? "u:" + username : "ip:" + clientAddress;
            long windowMillis = rule.limit.window().toMillis();
            long now = clock.millis();
            long window = now / windowMillis;
            String key = "relais:ratelimit:" + rule.limit.name() + ":" + subject + ":" + window;
            try {
                Long count = redis.execute(INCREMENT, List.of(key), String.valueOf(windowMillis + 1000));
                if (count != null && count > rule.limit.limit()) {
                    meters.counter("relais.platform.rate.limited", "limit", rule.limit.name()).increment();
                    return Math.max(1, ((window + 1) * windowMillis - now + 999) / 1000);
                }
            } catch (DataAccessException redisDown) {
                if (now - lastWarning > Duration.ofMinutes(1).toMillis()) {
                    lastWarning = now;
                    log.warn("Rate limits not enforced: Redis unavailable ({})", redisDown.getMessage());
                }
            }
        }
        return 0;
    }

    /** A limit counts every call to this verb (the OpenAPI document lists its 429). */
    public boolean limits(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return rules.stream().anyMatch(rule -> !rule.limit.failuresOnly() && rule.matches(method, container));
    }

    /** Seconds the client must wait because of its refused attempts on this path (failures-only limits), or 0. */
    public long blockedFor(String method, String path, String clientAddress) {
        return failures(method, path, clientAddress, false);
    }

    /** One more refused attempt (a wrong password) for the failures-only limits of this path. */
    public void countFailure(String method, String path, String clientAddress) {
        failures(method, path, clientAddress, true);
    }

    private long failures(String method, String path, String clientAddress, boolean count) {
        PathContainer container = PathContainer.parsePath(path);
        for (Rule rule : rules) {
            if (!rule.limit.failuresOnly() || !rule.matches(method, container)) continue;
            long windowMillis = rule.limit.window().toMillis();
            long now = clock.millis();
            long window = now / windowMillis;
            String key = "relais:ratelimit:" + rule.limit.name() + ":ip:" + clientAddress + ":" + window;
            try {
                Long failures = count ? redis.execute(INCREMENT, List.of(key), String.valueOf(windowMillis + 1000))
                        : java.util.Optional.ofNullable(redis.opsForValue().get(key)).map(Long::valueOf).orElse(0L);
                if (!count && failures != null && failures >= rule.limit.limit()) {
                    meters.counter("relais.platform.rate.limited", "limit", rule.limit.name()).increment();
                    return Math.max(1, ((window + 1) * windowMillis - now + 999) / 1000);
                }
            } catch (DataAccessException redisDown) {
                // not enforced while Redis is away (see check)
            }
        }
        return 0;
    }

    private record Rule(RelaisSettings.RateLimit limit, List<String> methods, List<PathPattern> paths) {
        static Rule of(RelaisSettings.RateLimit limit, PathPatternParser parser) {
            List<String> methods = limit.match().stream().map(m -> m.contains(" ") ? m.substring(0, m.indexOf(' ')) : "*")
                    .map(m -> m.toUpperCase(Locale.ROOT)).toList();
            List<PathPattern> paths = limit.match().stream().map(m -> m.contains(" ") ? m.substring(m.indexOf(' ') + 1) : m)
                    .map(String::trim).map(parser::parse).toList();
            return new Rule(limit, methods, paths);
        }

        boolean matches(String method, PathContainer path) {
            for (int i = 0; i < paths.size(); i++) {
                String m = methods.get(i);
                if ((m.equals("*") || m.equalsIgnoreCase(method)) && paths.get(i).matches(path)) return true;
            }
            return false;
        }
    }
}
