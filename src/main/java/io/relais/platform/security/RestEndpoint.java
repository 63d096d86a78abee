package io.relais.platform.security;

import java.util.Set;

import org.springframework.web.util.pattern.PathPattern;

/**
 * One REST verb as the Camel REST DSL declares it, with what access it needs: public, any signed-in user, or one
 * of some roles (the {@code security} scopes of the verb). A {@code stream} (server-sent events) also takes its
 * token from the {@code access_token} query parameter. {@code bodyRequired}: a write whose body the contract requires
 * (it declares a type or what it consumes, and no optional body): an empty body, or a JSON {@code null}, is refused at
 * the edge with 400.
 */
public record RestEndpoint(String method, PathPattern path, Access access, Set<String> roles, Set<String> consumes,
                           boolean stream, boolean bodyRequired) {

    public RestEndpoint(String method, PathPattern path, Access access, Set<String> roles, Set<String> consumes, boolean stream) {
        this(method, path, access, roles, consumes, stream, false);
    }

    /** The endpoint takes JSON (declared, or nothing declared). */
    public boolean takesJson() {
        return consumes.isEmpty() || consumes.stream().anyMatch(c -> c.contains("json"));
    }

    /** A copy that requires a body (a JSON write that declares one and does not say it is optional). */
    public RestEndpoint withBodyRequired(boolean required) {
        return new RestEndpoint(method, path, access, roles, consumes, stream, required);
    }

    public enum Access { PUBLIC, AUTHENTICATED, ROLES }

    public String describe() {
        return method + " " + path.getPatternString();
    }
}
