package io.relais.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Opaque refresh tokens kept in Redis (only their SHA-256), rotated on every use. Each sign-in starts a family;
 * presenting a token that was already rotated away revokes the whole family (a stolen token is useless once the
 * rightful owner refreshes), and sign-out revokes the family too.
 */
public final class RefreshTokens {

    private static final String TOKEN = "relais:auth:refresh:";
    private static final String USED = "relais:auth:refresh-used:";
    private static final String FAMILY = "relais:auth:refresh-family:";
    private static final String REVOKED_ACCESS = "relais:auth:revoked-access:";

    private final StringRedisTemplate redis;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    public RefreshTokens(StringRedisTemplate redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    /** A refresh token's owner and its family. */
    public record Grant(UUID userId, String family) {
    }

    public String issue(UUID userId) {
        return issue(new Grant(userId, UUID.randomUUID().toString()));
    }

    private String issue(Grant grant) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = hash(token);
        redis.opsForValue().set(TOKEN + hash, grant.userId() + "|" + grant.family(), ttl);
        redis.opsForSet().add(FAMILY + grant.family(), hash);
        redis.expire(FAMILY + grant.family(), ttl);
        return token;
    }

    /** Consumes the token and issues its successor; empty when the token is unknown, expired, revoked or reused. */
    public Optional<Rotated> rotate(String token) {
        String hash = hash(token);
        String value = redis.opsForValue().getAndDelete(TOKEN + hash);
        if (value == null) {
            String family = redis.opsForValue().get(USED + hash);
            if (family != null) {
                revokeFamily(family); // reuse of a rotated token: assume theft
            }
            return Optional.empty();
        }
        Grant grant = parse(value);
        redis.opsForValue().set(USED + hash, grant.family(), ttl);
        return Optional.of(new Rotated(grant.userId(), issue(grant)));
    }

    public record Rotated(UUID userId, String token) {
    }

    /** Revokes the token's whole family; returns the owner when the token was live. */
    public Optional<UUID> revoke(String token) {
        return revokeByHash(hash(token));
    }

    /** The same, by the token's SHA-256 (a revocation kept in PostgreSQL while Redis was away). */
    public Optional<UUID> revokeByHash(String tokenHash) {
        String value = redis.opsForValue().getAndDelete(TOKEN + tokenHash);
        if (value == null) return Optional.empty();
        Grant grant = parse(value);
        revokeFamily(grant.family());
        return Optional.of(grant.userId());
    }

    /** Refuses an access token until it would have expired anyway. */
    public void revokeAccessToken(String tokenId, Duration remaining) {
        if (!remaining.isNegative() && !remaining.isZero()) {
            redis.opsForValue().set(REVOKED_ACCESS + tokenId, "1", remaining);
        }
    }

    public boolean isAccessTokenRevoked(String tokenId) {
        return Boolean.TRUE.equals(redis.hasKey(REVOKED_ACCESS + tokenId));
    }

    private void revokeFamily(String family) {
        Set<String> members = redis.opsForSet().members(FAMILY + family);
        if (members != null) {
            members.forEach(h -> redis.delete(TOKEN + h));
        }
        redis.delete(FAMILY + family);
    }

    private static Grant parse(String value) {
        int bar = value.indexOf('|');
        return new Grant(UUID.fromString(value.substring(0, bar)), value.substring(bar + 1));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
