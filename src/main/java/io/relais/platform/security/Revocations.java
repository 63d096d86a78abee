package io.relais.platform.security;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.relais.platform.redis.RedisCircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sign-out without Redis: revocations are written to PostgreSQL ({@code platform.revocations}) as well, the access
 * filter reads them there while Redis is away, and once Redis answers again what it missed is replayed into it.
 */
@Component
public class Revocations {

    private static final Logger log = LoggerFactory.getLogger(Revocations.class);

    private final JdbcClient jdbc;
    private final RefreshTokens refreshTokens;

    Revocations(JdbcClient jdbc, RefreshTokens refreshTokens, RedisCircuitBreaker redis) {
        this.jdbc = jdbc;
        this.refreshTokens = refreshTokens;
        redis.onRecovery(this::replay);
    }

    /** Always: the access token stays refused until it expires, whatever happens to Redis. */
    void accessTokenRevoked(String tokenId, Instant expiresAt) {
        jdbc.sql("insert into platform.revocations (kind, key, expires_at, replayed) values ('access', :key, :expires, false) "
                + "on conflict do nothing").param("key", tokenId).param("expires", Timestamp.from(expiresAt)).update();
    }

    /** Redis could not take a refresh token's revocation: kept until Redis answers again. */
    void refreshTokenRevocationPending(String token, Duration ttl) {
        jdbc.sql("insert into platform.revocations (kind, key, expires_at) values ('refresh', :key, :expires) on conflict do nothing")
                .param("key", RefreshTokens.hash(token)).param("expires", Timestamp.from(Instant.now().plus(ttl))).update();
    }

    /** Read only while Redis is away (the normal path asks Redis). */
    public boolean isAccessTokenRevoked(String tokenId) {
        return jdbc.sql("select 1 from platform.revocations where kind = 'access' and key = :key and expires_at > now()")
                .param("key", tokenId).query(Integer.class).optional().isPresent();
    }

    /** Redis is back: what it missed is written into it; expired rows go. */
    void replay() {
        jdbc.sql("delete from platform.revocations where expires_at < now()").update();
        List<Map<String, Object>> pending = jdbc.sql("select kind, key, expires_at from platform.revocations where not replayed").query().listOfRows();
        for (Map<String, Object> row : pending) {
            String key = (String) row.get("key");
            if ("access".equals(row.get("kind"))) {
                Instant expires = ((Timestamp) row.get("expires_at")).toInstant();
                refreshTokens.revokeAccessToken(key, Duration.between(Instant.now(), expires));
            } else {
                refreshTokens.revokeByHash(key);
            }
            jdbc.sql("update platform.revocations set replayed = true where kind = :kind and key = :key").param("kind", row.get("kind"))
                    .param("key", key).update();
        }
        if (!pending.isEmpty()) log.info("Redis is back: {} revocation(s) kept in PostgreSQL replayed into it", pending.size());
    }
}
