package io.relais.platform.camunda;

import java.io.IOException;
import java.util.List;

import io.relais.platform.security.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine REST API is for staff and integrations: after Camunda's HTTP Basic filter has signed the caller in, only
 * admins and managers go on; customers and farmers (who work in Tasklist) get 403 and cannot list users, groups or jobs.
 */
class EngineRestStaffOnlyFilter extends OncePerRequestFilter {

    private static final List<String> STAFF = List.of(Role.ADMIN.id(), Role.MANAGER.id());

    private final IdentityService identity;

    EngineRestStaffOnlyFilter(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication current = identity.getCurrentAuthentication();
        if (current != null && (current.getGroupIds() == null || current.getGroupIds().stream().noneMatch(STAFF::contains))) {
            response.setStatus(403);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                    + "\"detail\":\"the engine REST API is for admins and managers; use Tasklist\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
