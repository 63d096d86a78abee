package io.relais.platform.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The OpenAPI document's {@code servers} is the address it was read from. Camel writes the address it listens on
 * ({@code http://0.0.0.0}), which no browser can call (Swagger UI's "Try it out" failed on every call), unless the
 * request says where it came from: this filter says it ({@code X-Forwarded-Host} and {@code -Proto} from the request's
 * own {@code Host} and scheme) when no proxy did.
 */
public class OpenApiServersFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader("X-Forwarded-Host") != null || request.getHeader("Host") == null) {
            chain.doFilter(request, response);
            return;
        }
        String host = request.getHeader("Host"), proto = request.getScheme();
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                if ("X-Forwarded-Host".equalsIgnoreCase(name)) return host;
                if ("X-Forwarded-Proto".equalsIgnoreCase(name) && super.getHeader(name) == null) return proto;
                return super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                String value = getHeader(name);
                return value == null ? Collections.emptyEnumeration() : Collections.enumeration(Set.of(value));
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                Set<String> names = new LinkedHashSet<>(Collections.list(super.getHeaderNames()));
                names.add("X-Forwarded-Host");
                names.add("X-Forwarded-Proto");
                return Collections.enumeration(names);
            }
        }, response);
    }
}
