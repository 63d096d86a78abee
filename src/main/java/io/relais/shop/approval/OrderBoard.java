package io.relais.shop.approval;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.relais.platform.camunda.ProcessGateway;
import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import io.relais.platform.web.QueryParams;
import io.relais.shop.orders.OrderStatus;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * {@code GET /api/shop/orders}: the orders a caller may see (a customer theirs, staff all), newest first, each with
 * where its approval process stands and the id of that process instance, so a screen links to it in Cockpit.
 */
@Service("shopOrderBoard")
public class OrderBoard {

    public record Row(UUID id, String customer, OrderStatus status, String pendingReason, BigDecimal total, Instant createdAt,
                      String processState, String processInstanceId) {
    }

    public record Page(List<Row> items, long total, int page, int size) {
    }

    private final JdbcClient jdbc;
    private final ProcessGateway processes;

    OrderBoard(JdbcClient jdbc, ProcessGateway processes) {
        this.jdbc = jdbc;
        this.processes = processes;
    }

    public Page list(@Header("status") String status, @Header("page") String page, @Header("size") String size,
                     @VerifiedCaller Caller caller) {
        if (caller == null) throw ApiProblem.unauthorized("sign in first");
        int p = QueryParams.integer("page", page, 0, 0, 100_000), s = QueryParams.integer("size", size, 20, 1, 200);
        String wanted = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wanted != null) {
            try {
                OrderStatus.valueOf(wanted);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("status", "one of " + List.of(OrderStatus.values()));
            }
        }
        String where = " where (cast(:customer as text) is null or customer = :customer) and (cast(:status as text) is null or status = :status)";
        String customer = caller.isStaff() ? null : caller.username();
        List<Row> rows = jdbc.sql("select id, customer, status, pending_reason, total, created_at, process_state from shop.orders" + where
                        + " order by created_at desc, id limit :limit offset :offset")
                .param("customer", customer).param("status", wanted).param("limit", s).param("offset", (long) p * s)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("customer"), OrderStatus.valueOf(rs.getString("status")),
                        rs.getString("pending_reason"), rs.getBigDecimal("total"), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("process_state"), null)).list();
        Map<String, String> instances = processes.instanceIds(OrderApproval.PROCESS_KEY,
                rows.stream().filter(r -> r.processState() != null).map(r -> r.id().toString()).toList());
        long total = jdbc.sql("select count(*) from shop.orders" + where).param("customer", customer).param("status", wanted)
                .query(Long.class).single();
        return new Page(rows.stream().map(r -> new Row(r.id(), r.customer(), r.status(), r.pendingReason(), r.total(), r.createdAt(),
                r.processState(), instances.get(r.id().toString()))).toList(), total, p, s);
    }
}
