package io.relais.platform.security;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A Relais user as the API shows it (never the password hash). */
public record UserAccount(UUID id, String username, String email, String displayName, Set<String> roles,
                          boolean enabled, Instant createdAt) {

    public boolean hasRole(Role role) {
        return roles.contains(role.id());
    }
}
