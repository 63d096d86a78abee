package io.relais.shop.stock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.relais.platform.data.AfterCommit;
import io.relais.shop.ShopSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Stock reads through Redis ({@code relais:shop:stock:<productId>} = "quantity:reserved", TTL from config). Every
 * stock write, <em>after commit</em>, bumps the product's generation and evicts its entry; a reader that missed
 * refills only if the generation it saw before reading PostgreSQL is still current. So no read after a commit sees
 * the old stock, even when a slow reader loaded the old row just before the commit. With Redis away, reads go to
 * PostgreSQL.
 */
@Component
public class StockCache {

    private static final Logger log = LoggerFactory.getLogger(StockCache.class);
    private static final String KEY = "relais:shop:stock:";
    private static final String GENERATION = "relais:shop:stock-gen:";
    /** Refill only if no write committed since the reader looked at the generation (else the value may be old). */
    private static final org.springframework.data.redis.core.script.RedisScript<Long> REFILL =
            org.springframework.data.redis.core.script.RedisScript.of("""
                    local gen = redis.call('GET', KEYS[2]) or '0'
                    if gen ~= ARGV[1] then return 0 end
                    redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
                    return 1
                    """, Long.class);

    private final StringRedisTemplate redis;
    private final NamedParameterJdbcTemplate jdbc;
    private final ShopSettings settings;
    private final Counter hits;
    private final Counter misses;
    private volatile long lastWarning;

    StockCache(StringRedisTemplate redis, NamedParameterJdbcTemplate jdbc, ShopSettings settings, MeterRegistry meters) {
        this.redis = redis;
        this.jdbc = jdbc;
        this.settings = settings;
        this.hits = meters.counter("relais.shop.stock.cache", "result", "hit");
        this.misses = meters.counter("relais.shop.stock.cache", "result", "miss");
    }

    private final Set<Long> missedEvictions = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean missedTooMany;

    public StockLevel get(long productId) {
        return getAll(List.of(productId)).getOrDefault(productId, new StockLevel(0, 0));
    }

    /** Levels for many products: one MGET, one SQL query for the misses, one pipelined refill. */
    public Map<Long, StockLevel> getAll(Collection<Long> productIds) {
        Map<Long, StockLevel> result = new HashMap<>();
        if (productIds.isEmpty()) return result;
        List<Long> ids = new ArrayList<>(productIds);
        if (!repairMissedEvictions()) return load(ids);
        List<Long> missing = new ArrayList<>();
        try {
            List<String> cached = redis.opsForValue().multiGet(ids.stream().map(id -> KEY + id).toList());
            for (int i = 0; i < ids.size(); i++) {
                String v = cached == null ? null : cached.get(i);
                if (v == null) missing.add(ids.get(i));
                else result.put(ids.get(i), parse(v));
            }
        } catch (DataAccessException redisDown) {
            warn(redisDown);
            missing = ids;
        }
        hits.increment(ids.size() - missing.size());
        if (missing.isEmpty()) return result;
        misses.increment(missing.size());
        List<String> generations = generations(missing);
        Map<Long, StockLevel> loaded = load(missing);
        result.putAll(loaded);
        if (generations != null) refill(missing, generations, loaded);
        return result;
    }

    /** Reads PostgreSQL directly (for benchmarks and for checks that must not trust a cache). */
    public Map<Long, StockLevel> load(Collection<Long> ids) {
        Map<Long, StockLevel> loaded = new HashMap<>();
        jdbc.query("select product_id, quantity, reserved from shop.stock where product_id in (:ids)",
                new MapSqlParameterSource("ids", ids),
                rs -> {
                    loaded.put(rs.getLong(1), new StockLevel(rs.getInt(2), rs.getInt(3)));
                });
        for (Long id : ids) loaded.putIfAbsent(id, new StockLevel(0, 0));
        return loaded;
    }

    /** Evicts these products once the current transaction commits (at once when there is none). */
    public void evictAfterCommit(Collection<Long> productIds) {
        List<Long> keys = List.copyOf(new java.util.TreeSet<>(productIds));
        AfterCommit.run(() -> delete(keys));
    }

    /** After a bulk change (a catalog import): every cached level goes, and every pending refill is refused. */
    public void evictAll() {
        try {
            Set<String> keys = redis.keys(KEY + "*");
            Set<String> generations = redis.keys(GENERATION + "*");
            if (generations != null) generations.forEach(redis.opsForValue()::increment);
            if (keys != null && !keys.isEmpty()) redis.delete(keys);
        } catch (DataAccessException redisDown) {
            warn(redisDown);
        }
    }

    private void delete(List<Long> productIds) {
        try {
            deleteNow(productIds);
        } catch (DataAccessException redisDown) {
            // Redis keeps its data across a restart: remember what could not be evicted, and read PostgreSQL until
            // those entries are gone (see repairMissedEvictions)
            if (missedEvictions.size() + productIds.size() > 10_000) missedTooMany = true;
            else missedEvictions.addAll(productIds);
            warn(redisDown);
        }
    }

    private void deleteNow(Collection<Long> productIds) {
        redis.executePipelined((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
            for (Long id : productIds) {
                connection.stringCommands().incr((GENERATION + id).getBytes());
                connection.keyCommands().del((KEY + id).getBytes());
            }
            return null;
        });
    }

    /** True when no eviction is owed (any owed one done now); false when Redis still cannot take them. */
    private boolean repairMissedEvictions() {
        if (missedEvictions.isEmpty() && !missedTooMany) return true;
        try {
            if (missedTooMany) {
                Set<String> keys = redis.keys(KEY + "*");
                if (keys != null && !keys.isEmpty()) redis.delete(keys);
                missedTooMany = false;
            }
            List<Long> owed = List.copyOf(missedEvictions);
            if (!owed.isEmpty()) deleteNow(owed);
            owed.forEach(missedEvictions::remove);
            log.info("Stock cache back: {} eviction(s) missed while Redis was away are done", owed.size());
            return true;
        } catch (DataAccessException stillDown) {
            return false;
        }
    }

    private List<String> generations(List<Long> ids) {
        try {
            return redis.opsForValue().multiGet(ids.stream().map(id -> GENERATION + id).toList());
        } catch (DataAccessException redisDown) {
            warn(redisDown);
            return null;
        }
    }

    private void refill(List<Long> ids, List<String> generations, Map<Long, StockLevel> loaded) {
        try {
            String ttl = String.valueOf(settings.stockCacheTtl().toSeconds());
            for (int i = 0; i < ids.size(); i++) {
                Long id = ids.get(i);
                StockLevel level = loaded.get(id);
                String seen = generations.get(i) == null ? "0" : generations.get(i);
                redis.execute(REFILL, List.of(KEY + id, GENERATION + id), seen, level.quantity() + ":" + level.reserved(), ttl);
            }
        } catch (DataAccessException redisDown) {
            warn(redisDown);
        }
    }

    private static StockLevel parse(String v) {
        int colon = v.indexOf(':');
        return new StockLevel(Integer.parseInt(v.substring(0, colon)), Integer.parseInt(v.substring(colon + 1)));
    }

    private void warn(DataAccessException e) {
        long now = System.currentTimeMillis();
        if (now - lastWarning > 60_000) {
            lastWarning = now;
            log.warn("Stock cache unavailable, reading PostgreSQL: {}", e.getMessage());
        }
    }
}
