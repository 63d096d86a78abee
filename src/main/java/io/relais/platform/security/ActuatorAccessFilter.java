package io.relais.platform.security;

import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Set;

import io.relais.platform.web.ApiProblem;
import io.relais.platform.web.ProblemMapper;
import io.relais.platform.web.ProblemResponder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may read the actuator: health's status is public (load balancers, probes); its details, metrics and Prometheus
 * need an admin's bearer token or the scrape token ({@code relais.security.scrape-token}, for Prometheus). The caller
 * is passed on as the request's principal and roles, which is what {@code show-details: when-authorized} reads.
 */
public class ActuatorAccessFilter extends OncePerRequestFilter {

    /** The role the scrape token stands for. */
    public static final String MONITORING = "monitoring";

    private final AccessTokens tokens;
    private final ProblemResponder problems;
    private final byte[] scrapeToken;

    public ActuatorAccessFilter(AccessTokens tokens, ProblemResponder problems, String scrapeToken) {
        this.tokens = tokens;
        this.problems = problems;
        this.scrapeToken = scrapeToken == null || scrapeToken.isBlank() ? null : scrapeToken.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Set<String> roles = roles(request.getHeader("Authorization"));
        boolean open = path.equals("/actuator/health") || path.startsWith("/actuator/health/");
        if (!open && roles.isEmpty()) {
            problems.write(response, ProblemMapper.toProblem(ApiProblem.unauthorized(
                    "the actuator needs an admin's bearer token or the scrape token")).at(path));
            return;
        }
        chain.doFilter(roles.isEmpty() ? request : new HttpServletRequestWrapper(request) {
            @Override
            public boolean isUserInRole(String role) {
                return roles.contains(role);
            }

            @Override
            public Principal getUserPrincipal() {
                return () -> roles.contains(MONITORING) ? MONITORING : Role.ADMIN.id();
            }
        }, response);
    }

    private Set<String> roles(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return Set.of();
        String token = authorization.substring(7).trim();
        if (scrapeToken != null && MessageDigest.isEqual(scrapeToken, token.getBytes(StandardCharsets.UTF_8))) {
            return Set.of(MONITORING);
        }
        try {
            Caller caller = tokens.verify(token);
            return caller.roles().contains(Role.ADMIN.id()) ? Set.of(Role.ADMIN.id()) : Set.of();
        } catch (AccessTokens.InvalidToken e) {
            return Set.of();
        }
    }
}
