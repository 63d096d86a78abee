package io.relais.resources;

import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * View and download counters aggregated in Redis (one HINCRBY per view instead of a PostgreSQL row update) and flushed
 * to PostgreSQL every few seconds by a route: the hash is renamed atomically first, so two nodes never flush the same
 * counts. A read adds what is still pending. Without Redis the counter is written to PostgreSQL directly.
 */
@Component("resourceCounters")
public class ResourceCounters {

    static final String VIEWS = "relais:resources:views", DOWNLOADS = "relais:resources:downloads";

    private final StringRedisTemplate redis;
    private final JdbcClient jdbc;
    private final RealtimeEvents realtime;

    ResourceCounters(StringRedisTemplate redis, JdbcClient jdbc, RealtimeEvents realtime) {
        this.redis = redis;
        this.jdbc = jdbc;
        this.realtime = realtime;
    }

    public void count(String key, UUID resource) {
        try {
            redis.opsForHash().increment(key, resource.toString(), 1);
        } catch (DataAccessException redisDown) {
            jdbc.sql("update resources.resources set " + column(key) + " = " + column(key) + " + 1 where id = :id").param("id", resource).update();
        }
    }

    public long pending(String key, UUID resource) {
        try {
            Object v = redis.opsForHash().get(key, resource.toString());
            return v == null ? 0 : Long.parseLong(v.toString());
        } catch (DataAccessException redisDown) {
            return 0;
        }
    }

    /** The flush route: answers how many resources were updated. */
    public int flush() {
        int updated = 0;
        for (String key : new String[] {VIEWS, DOWNLOADS}) {
            String batch = key + ":flushing:" + UUID.randomUUID();
            try {
                if (!Boolean.TRUE.equals(redis.hasKey(key))) continue;
                redis.rename(key, batch);
            } catch (DataAccessException e) {
                continue; // nothing to flush, or Redis away
            }
            Map<Object, Object> counts = redis.opsForHash().entries(batch);
            for (var e : counts.entrySet()) {
                // the new figures go out on the realtime channel (to those who may see the resource)
                for (Map<String, Object> row : jdbc.sql("update resources.resources set " + column(key) + " = " + column(key)
                                + " + :n where id = cast(:id as uuid) returning id, visibility::text as visibility, view_count, download_count")
                        .param("n", Long.parseLong(e.getValue().toString())).param("id", e.getKey().toString()).query().listOfRows()) {
                    updated++;
                    realtime.aboutResource((UUID) row.get("id"), "public".equals(row.get("visibility")), "views", Map.of(
                            "resourceId", row.get("id").toString(), "views", row.get("view_count"), "downloads", row.get("download_count")));
                }
            }
            redis.delete(batch);
        }
        return updated;
    }

    private static String column(String key) {
        return key.equals(VIEWS) ? "view_count" : "download_count";
    }
}
