package io.relais.platform.security;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** Who is calling, as proven by a verified access token; {@code sessionId}: the sign-in it belongs to (null for older tokens). */
public record Caller(UUID userId, String username, Set<String> roles, String tokenId, Instant expiresAt, String sessionId) {

    public Caller(UUID userId, String username, Set<String> roles, String tokenId, Instant expiresAt) {
        this(userId, username, roles, tokenId, expiresAt, null);
    }

    public boolean hasAnyRole(Collection<String> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }
}
