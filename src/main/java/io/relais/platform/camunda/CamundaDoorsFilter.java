package io.relais.platform.camunda;

import java.io.IOException;

import io.relais.platform.security.RateLimiter;
import io.relais.platform.web.ApiProblem;
import io.relais.platform.web.ProblemMapper;
import io.relais.platform.web.ProblemResponder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda's own doors (the engine REST API with HTTP Basic, the Cockpit/Tasklist web login) go through the same Redis
 * rate limiter as {@code /api/auth}: refused attempts are counted per client address, and over the limit
 * ({@code camunda-doors} in {@code relais.rate-limits}) the door answers 429 before checking any password. The web
 * login answers a wrong password and an account not allowed there the same way (401), so it is no password oracle.
 */
class CamundaDoorsFilter extends OncePerRequestFilter {

    static final String WEB_LOGIN = "/camunda/api/admin/auth/user/";

    private final RateLimiter limiter;
    private final ProblemResponder problems;

    CamundaDoorsFilter(RateLimiter limiter, ProblemResponder problems) {
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        long wait = limiter.blockedFor(method, path, request.getRemoteAddr());
        if (wait > 0) {
            problems.write(response, ProblemMapper.toProblem(ApiProblem.tooManyRequests(
                    "too many refused sign-ins; retry in " + wait + " s", wait)).at(path));
            return;
        }
        boolean login = path.startsWith(WEB_LOGIN) && path.contains("/login/");
        Outcome outcome = new Outcome(response, login);
        chain.doFilter(request, outcome);
        if (outcome.status == 401 || (login && outcome.refused)) {
            limiter.countFailure(method, path, request.getRemoteAddr());
        }
    }

    /** Notes the status; at the web login a 403 (right password, no access to that app) becomes the 401 of a wrong one. */
    private static final class Outcome extends HttpServletResponseWrapper {
        private final boolean login;
        private int status = 200;
        private boolean refused;

        Outcome(HttpServletResponse response, boolean login) {
            super(response);
            this.login = login;
        }

        private int translate(int sc) {
            if (login && (sc == 401 || sc == 403)) {
                refused = true;
                return 401;
            }
            return sc;
        }

        @Override
        public void setStatus(int sc) {
            status = translate(sc);
            super.setStatus(status);
        }

        @Override
        public void sendError(int sc) throws IOException {
            status = translate(sc);
            super.sendError(status);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            status = translate(sc);
            super.sendError(status, status == 401 && login ? "Unauthorized" : msg);
        }
    }
}
