package io.relais.platform.security;

import java.util.Set;

import org.springframework.web.util.pattern.PathPattern;

/**
 * One REST verb as the Camel REST DSL declares it, with what access it needs: public, any signed-in user, or one
 * of some roles (the {@code security} scopes of the verb). A {@code stream} (server-sent events) also takes its
 * token from the {@code access_token} query parameter.
 */
public record RestEndpoint(String method, PathPattern path, Access access, Set<String> roles, Set<String> consumes,
                           boolean stream) {

    public enum Access { PUBLIC, AUTHENTICATED, ROLES }

    public String describe() {
        return method + " " + path.getPatternString();
    }
}
