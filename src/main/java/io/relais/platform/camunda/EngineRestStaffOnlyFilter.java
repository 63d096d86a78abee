package io.relais.platform.camunda;

import java.io.IOException;
import java.util.List;

import io.relais.platform.security.Role;
import io.relais.platform.web.ApiProblem;
import io.relais.platform.web.ProblemMapper;
import io.relais.platform.web.ProblemResponder;
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
    private final ProblemResponder problems;

    EngineRestStaffOnlyFilter(IdentityService identity, ProblemResponder problems) {
        this.identity = identity;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication current = identity.getCurrentAuthentication();
        if (current != null && (current.getGroupIds() == null || current.getGroupIds().stream().noneMatch(STAFF::contains))) {
            problems.write(response, ProblemMapper.toProblem(ApiProblem.forbidden(
                    "the engine REST API is for admins and managers; use Tasklist")).at(request.getRequestURI()));
            return;
        }
        chain.doFilter(request, response);
    }
}
