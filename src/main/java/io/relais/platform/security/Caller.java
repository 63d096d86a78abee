package io.relais.platform.security;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** Who is calling, as proven by a verified access token. */
public record Caller(UUID userId, String username, Set<String> roles, String tokenId, Instant expiresAt) {

    public boolean hasAnyRole(Collection<String> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }
}
