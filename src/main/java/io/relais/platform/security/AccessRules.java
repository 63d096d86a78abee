package io.relais.platform.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what, derived from the REST contract: a verb with {@code security} needs a token (and one of its
 * scopes as a role, when scopes are given); a read without it is public; a write without it needs a token unless it
 * is one of the configured public writes (sign-up, sign-in...). Plain Java so the rules are unit-testable.
 */
public final class AccessRules {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final PathPatternParser PARSER = new PathPatternParser();

    private final List<RestEndpoint> endpoints;

    public AccessRules(List<RestEndpoint> endpoints) {
        this.endpoints = endpoints.stream()
                .sorted((a, b) -> PathPattern.SPECIFICITY_COMPARATOR.compare(a.path(), b.path()))
                .toList();
    }

    /** A verb declared in the REST DSL; {@code securityScopes} is null when the verb declares no security. */
    public static RestEndpoint endpoint(String method, String path, List<String> securityScopes,
                                        Collection<String> consumes, Set<String> publicWrites) {
        String verb = method.toUpperCase(Locale.ROOT);
        PathPattern pattern = PARSER.parse(normalise(path));
        RestEndpoint.Access access;
        Set<String> roles = Set.of();
        if (securityScopes != null) {
            roles = securityScopes.stream().flatMap(s -> Arrays.stream(s.split(",")))
                    .map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            access = roles.isEmpty() ? RestEndpoint.Access.AUTHENTICATED : RestEndpoint.Access.ROLES;
        } else if (READS.contains(verb) || publicWrites.contains(verb + " " + pattern.getPatternString())) {
            access = RestEndpoint.Access.PUBLIC;
        } else {
            access = RestEndpoint.Access.AUTHENTICATED;
        }
        Set<String> media = consumes == null ? Set.of() : consumes.stream()
                .flatMap(c -> Arrays.stream(c.split(","))).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return new RestEndpoint(verb, pattern, access, roles, media, false);
    }

    /** A streaming endpoint: always needs a token; {@code roles} empty means any signed-in user. */
    public static RestEndpoint stream(String method, String path, List<String> roles) {
        Set<String> wanted = roles.stream().map(r -> r.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return new RestEndpoint(method.toUpperCase(Locale.ROOT), PARSER.parse(normalise(path)),
                wanted.isEmpty() ? RestEndpoint.Access.AUTHENTICATED : RestEndpoint.Access.ROLES, wanted, Set.of(), true);
    }

    /** The most specific endpoint for this request, or null when it is not part of the REST contract. */
    public RestEndpoint find(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        String verb = method.toUpperCase(Locale.ROOT);
        for (RestEndpoint e : endpoints) {
            if ((e.method().equals(verb) || ("HEAD".equals(verb) && e.method().equals("GET"))) && e.path().matches(container)) {
                return e;
            }
        }
        return null;
    }

    public List<RestEndpoint> endpoints() {
        return endpoints;
    }

    static String normalise(String path) {
        String p = path.replaceAll("/+", "/");
        if (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.startsWith("/") ? p : "/" + p;
    }
}
