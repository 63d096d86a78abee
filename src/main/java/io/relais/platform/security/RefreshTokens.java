package io.relais.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
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
    private static final String SESSIONS = "relais:auth:sessions:";
    private static final String REVOKED_SESSION = "relais:auth:revoked-session:";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

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

    /** A new sign-in: a new session (a token family) with the device it came from. */
    public Issued issue(UUID userId, String device) {
        String family = UUID.randomUUID().toString();
        String now = java.time.Instant.now().toString();
        String trimmed = device == null ? "unknown" : device.length() > 200 ? device.substring(0, 200) : device;
        redis.opsForHash().put(SESSIONS + userId, family, write(Map.of("device", trimmed, "created", now, "lastUsed", now)));
        redis.expire(SESSIONS + userId, ttl);
        return new Issued(issue(new Grant(userId, family)), family);
    }

    /** A refresh token and the session it starts. */
    public record Issued(String token, String session) {
    }

    /** One of a user's sessions: its id (the family), the device that signed in, when, and when it was last refreshed. */
    public record SessionInfo(String id, String device, java.time.Instant createdAt, java.time.Instant lastUsedAt) {
    }

    /** The user's live sessions, newest first. */
    public java.util.List<SessionInfo> sessions(UUID userId) {
        java.util.List<SessionInfo> out = new java.util.ArrayList<>();
        redis.<String, String>opsForHash().entries(SESSIONS + userId).forEach((family, value) -> {
            if (!Boolean.TRUE.equals(redis.hasKey(FAMILY + family))) {
                redis.opsForHash().delete(SESSIONS + userId, family); // expired: forgotten
                return;
            }
            Map<String, String> info = read(value);
            out.add(new SessionInfo(family, info.get("device"), java.time.Instant.parse(info.get("created")),
                    java.time.Instant.parse(info.get("lastUsed"))));
        });
        out.sort(java.util.Comparator.comparing(SessionInfo::createdAt).reversed());
        return out;
    }

    /** Ends one of the user's sessions: its refresh tokens, and its access tokens for as long as they would live. */
    public boolean revokeSession(UUID userId, String family, Duration accessTtl) {
        if (!redis.opsForHash().hasKey(SESSIONS + userId, family)) return false;
        revokeFamily(userId, family);
        redis.opsForValue().set(REVOKED_SESSION + family, "1", accessTtl);
        return true;
    }

    /** Ends every session of the user; answers how many. */
    public int revokeAll(UUID userId, Duration accessTtl) {
        int n = 0;
        for (Object family : redis.opsForHash().keys(SESSIONS + userId)) {
            if (revokeSession(userId, (String) family, accessTtl)) n++;
        }
        return n;
    }

    /**
     * Why an access token is refused ("signed out", or "its session was ended"), or null: one round trip to Redis on
     * every authenticated request, a second only for a token that is refused.
     */
    public String revokedBecause(String tokenId, String sessionId) {
        java.util.List<String> keys = sessionId == null ? java.util.List.of(REVOKED_ACCESS + tokenId)
                : java.util.List.of(REVOKED_ACCESS + tokenId, REVOKED_SESSION + sessionId);
        Long found = redis.countExistingKeys(keys);
        if (found == null || found == 0) return null;
        return isAccessTokenRevoked(tokenId) ? "signed out" : "its session was ended";
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
            String used = redis.opsForValue().get(USED + hash);
            if (used != null && used.contains("|")) {
                Grant stolen = parse(used);
                revokeFamily(stolen.userId(), stolen.family()); // reuse of a rotated token: assume theft
            }
            return Optional.empty();
        }
        Grant grant = parse(value);
        redis.opsForValue().set(USED + hash, value, ttl);
        Object info = redis.opsForHash().get(SESSIONS + grant.userId(), grant.family());
        if (info != null) {
            Map<String, String> session = new java.util.HashMap<>(read((String) info));
            session.put("lastUsed", java.time.Instant.now().toString());
            redis.opsForHash().put(SESSIONS + grant.userId(), grant.family(), write(session));
        }
        return Optional.of(new Rotated(grant.userId(), issue(grant), grant.family()));
    }

    public record Rotated(UUID userId, String token, String session) {
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
        revokeFamily(grant.userId(), grant.family());
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

    private void revokeFamily(UUID userId, String family) {
        Set<String> members = redis.opsForSet().members(FAMILY + family);
        if (members != null) {
            members.forEach(h -> redis.delete(TOKEN + h));
        }
        redis.delete(FAMILY + family);
        redis.opsForHash().delete(SESSIONS + userId, family);
    }

    private static String write(Map<String, String> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> read(String value) {
        try {
            return JSON.readValue(value, new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Map.of("device", "unknown", "created", java.time.Instant.EPOCH.toString(), "lastUsed", java.time.Instant.EPOCH.toString());
        }
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
