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

    /** A caller known by name and roles only: a test's, or a system actor's. */
    public static Caller named(String username, String... roles) {
        return new Caller(null, username, Set.of(roles), null, null);
    }

    /** A manager or an admin: the staff who may see and act for everyone. */
    public boolean isStaff() {
        return roles.contains("manager") || roles.contains("admin");
    }

    /** The caller's name, or null for nobody (an anonymous call). */
    public static String nameOf(Caller caller) {
        return caller == null ? null : caller.username();
    }

    public boolean hasAnyRole(Collection<String> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }
}
