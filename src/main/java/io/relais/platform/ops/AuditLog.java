package io.relais.platform.ops;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.relais.platform.security.CallerHeaders;
import io.relais.platform.web.QueryParams;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The audit log of admin actions ({@code platform.audit_log}, {@code GET /api/admin/audit}): every write to the
 * admin surface — user changes, imports, ETL runs, retraining, backups, plans, migrations — with who, what, the answer's
 * status; and what services record themselves (approvals taken in Tasklist).
 */
@Component("auditLog")
public class AuditLog extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    static final Pattern AUDITED = Pattern.compile("^/api/(admin/.*|[a-z]+/products/import|retail/etl/runs|retail/db/.*|production/models/retrain"
            + "|production/abattoir-plans|production/farmers/.*/account|resources/migration/import|migration/import|shop/restock.*)$");

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, String action, String target, String outcome) {
        try {
            jdbc.sql("insert into platform.audit_log (actor, action, target, outcome) values (:actor, :action, :target, :outcome)")
                    .param("actor", actor).param("action", action).param("target", target).param("outcome", outcome).update();
        } catch (RuntimeException e) {
            log.warn("Audit entry not written ({} {} {}): {}", actor, action, target, e.getMessage());
        }
    }

    public List<Map<String, Object>> list(@Header("actor") String actor, @Header("page") String page, @Header("size") String size) {
        int p = QueryParams.integer("page", page, 0, 0, 100_000), s = QueryParams.integer("size", size, 50, 1, 500);
        return jdbc.sql("select id, at, actor, action, target, outcome from platform.audit_log "
                        + "where cast(:actor as text) is null or actor = :actor order by id desc limit :limit offset :offset")
                .param("actor", actor).param("limit", s).param("offset", (long) p * s).query().listOfRows();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean write = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod()) && !"OPTIONS".equals(request.getMethod());
        chain.doFilter(request, response);
        if (write && AUDITED.matcher(path).matches()) {
            String actor = request.getHeader(CallerHeaders.USERNAME); // set by the access filter for a checked caller
            record(actor == null ? "anonymous" : actor, request.getMethod() + " " + path,
                    request.getQueryString(), String.valueOf(response.getStatus()));
        }
    }
}
