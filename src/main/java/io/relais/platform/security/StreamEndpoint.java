package io.relais.platform.security;

import java.util.List;

/**
 * An HTTP endpoint served outside Camel REST because it streams (server-sent events: Camel has no SSE component,
 * so a Spring MVC handler serves them). Declared as a bean so the access filter applies the same rules as to REST
 * verbs; {@code roles} empty means any signed-in user. A browser's EventSource cannot send headers, so a stream
 * also accepts its token as the {@code access_token} query parameter.
 */
public record StreamEndpoint(String method, String path, List<String> roles) {
}
