package io.relais.shop.approval;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.relais.shop.ShopSettings;
import io.relais.shop.orders.OrderService;
import io.relais.shop.orders.OrderStatus;
import io.relais.shop.orders.OrderView;
import org.apache.camel.Body;
import org.apache.camel.ProducerTemplate;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the order-approval process ({@code processes/order-approval.bpmn}) does to an order, in plain Java: the
 * variables it starts with, the reservation attempt (confirmed, split, or still short), cancellation, the state shown
 * on {@code GET /api/shop/orders/{id}}, who decided, and which waiting orders a delivery concerns. The routes in
 * {@code routes/shop/order-approval.camel.yaml} call it; the process calls the routes.
 */
@Component("orderApproval")
public class OrderApproval {

    public static final String PROCESS_KEY = "order-approval";
    public static final String STOCK_REPLENISHED = "StockReplenished";
    private static final Logger log = LoggerFactory.getLogger(OrderApproval.class);

    public enum Reservation { CONFIRMED, SPLIT, SHORT }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final NamedParameterJdbcTemplate jdbc;
    private final OrderService orders;
    private final ShopSettings settings;
    private final IdentityService identity;
    private final ProducerTemplate camel;
    private final io.relais.platform.ops.AuditLog audit;

    OrderApproval(NamedParameterJdbcTemplate jdbc, OrderService orders, ShopSettings settings, IdentityService identity,
                  ProducerTemplate camel, io.relais.platform.ops.AuditLog audit) {
        this.audit = audit;
        this.camel = camel;
        this.jdbc = jdbc;
        this.orders = orders;
        this.settings = settings;
        this.identity = identity;
    }

    /** The process variables for a pending order: what the Tasklist form shows, what the gateways and timers read. */
    public Map<String, Object> startVariables(@Body OrderView order) {
        Map<String, Object> row = jdbc.queryForMap("select customer_type, allow_split, needs_approval from shop.orders where id = :id",
                new MapSqlParameterSource("id", order.id()));
        ShopSettings.Approval approval = settings.approval();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("orderId", order.id().toString());
        v.put("customer", order.customer());
        v.put("customerType", row.get("customer_type"));
        v.put("total", order.total().doubleValue());
        v.put("totalText", order.total().toPlainString() + " EUR");
        v.put("linesText", order.lines().stream()
                .map(l -> l.quantity() + " x " + l.reference() + " " + l.name() + " @ " + l.unitPrice() + " = " + l.lineTotal())
                .collect(Collectors.joining("\n")));
        v.put("shortagesText", OrderView.shortagesText(order));
        v.put("needsApproval", row.get("needs_approval"));
        v.put("allowSplit", row.get("allow_split"));
        v.put("escalateAfter", approval.escalateAfter().toString());
        v.put("adminTimeout", approval.adminTimeout().toString());
        v.put("stockLeadTime", approval.stockLeadTime().toString());
        v.put("stockRecheck", approval.stockRecheck().toString());
        long now = System.currentTimeMillis();
        v.put("approvalDue", new java.util.Date(now + approval.escalateAfter().toMillis()));
        v.put("adminDue", new java.util.Date(now + approval.escalateAfter().plus(approval.adminTimeout()).toMillis()));
        return v;
    }

    /** Takes the order's stock now: CONFIRMED, SPLIT (what exists ships, a back-order waits) or SHORT (nothing taken). */
    public String reserve(@Body Map<String, Object> variables) {
        UUID orderId = orderId(variables);
        if (orders.confirmPending(orderId, "order-approval")) return Reservation.CONFIRMED.name();
        if (Boolean.TRUE.equals(variables.get("allowSplit"))) {
            Optional<UUID> backOrder = orders.splitPending(orderId, "order-approval");
            if (backOrder.isPresent()) {
                // in this job's transaction: the split and the back-order's process commit (or retry) together
                camel.sendBodyAndHeader(OrderService.PENDING_ROUTE, orders.find(backOrder.get()).orElseThrow(),
                        "orderId", backOrder.get().toString());
                return Reservation.SPLIT.name();
            }
            if (isConfirmed(orderId)) return Reservation.CONFIRMED.name();
        }
        return Reservation.SHORT.name();
    }

    /** A rejected, timed-out or abandoned order: anything held is released; the reason stays on the order. */
    public void cancel(@Body Map<String, Object> variables) {
        UUID orderId = orderId(variables);
        String reason = String.valueOf(variables.getOrDefault("outcome", "REJECTED"));
        orders.reject(orderId, "order-approval", reason);
        enter(orderId, reason);
    }

    /** Execution listener: the DMN decision approved the order without a person. */
    public void autoApproved(DelegateExecution execution) {
        execution.setVariable("approved", true);
        execution.setVariable("decidedBy", "order-approver (DMN)");
        jdbc.update("update shop.orders set decided_by = 'order-approver (DMN)' where id = :id",
                new MapSqlParameterSource("id", UUID.fromString((String) execution.getVariable("orderId"))));
    }

    /** Execution listener: the process reached a state worth showing on the order (waiting for stock, ...). */
    public void enter(DelegateExecution execution, String state) {
        enter(UUID.fromString((String) execution.getVariable("orderId")), state);
    }

    /** Task listener (create): the order waits for a person; the state says for which group since when. */
    public void taskCreated(DelegateTask task, String state) {
        // Tasklist lists tasks by name: say whose order and how much
        task.setName(task.getName() + " — " + task.getVariable("customer") + ", " + task.getVariable("totalText"));
        task.setVariable("linesJson", linesWithStock(UUID.fromString((String) task.getVariable("orderId"))));
        enter(UUID.fromString((String) task.getVariable("orderId")), state);
    }

    /**
     * The order's lines as the approval form's table shows them, with the stock now (on hand, and free: not held for
     * pending orders, this one's hold included): the reviewer sees which line is short. A JSON variable (a String one stops at 4,000 characters).
     */
    private org.camunda.spin.plugin.variable.value.JsonValue linesWithStock(UUID orderId) {
        List<Map<String, Object>> lines = jdbc.queryForList("""
                select p.reference, p.name, l.quantity, l.unit_price as "unitPrice", l.quantity * l.unit_price as "lineTotal",
                       coalesce(s.quantity, 0) as "onHand", coalesce(s.quantity - s.reserved, 0) as free,
                       coalesce(s.quantity, 0) < l.quantity as short
                  from shop.order_lines l join shop.products p on p.id = l.product_id left join shop.stock s on s.product_id = p.id
                 where l.order_id = :id order by l.line_no""", new MapSqlParameterSource("id", orderId));
        try {
            return org.camunda.spin.plugin.variable.SpinValues.jsonValue(JSON.writeValueAsString(lines)).create();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Task listener (complete): who decided (the assignee, else the signed-in user who completed it) and why. */
    public void taskCompleted(DelegateTask task) {
        Authentication current = identity.getCurrentAuthentication();
        String by = task.getAssignee() != null ? task.getAssignee() : current == null ? "unknown" : current.getUserId();
        Object approved = task.getVariable("approved");
        Object comment = task.getVariable("comment");
        task.setVariable("decidedBy", by);
        if (!Boolean.TRUE.equals(approved)) task.setVariable("outcome", "REJECTED");
        jdbc.update("update shop.orders set decided_by = :by, decision_comment = :c where id = :id",
                new MapSqlParameterSource("by", by).addValue("c", comment == null ? null : comment.toString())
                        .addValue("id", UUID.fromString((String) task.getVariable("orderId"))));
        log.info("Order {} {} by {}", task.getVariable("orderId"), Boolean.TRUE.equals(approved) ? "approved" : "rejected", by);
        audit.record(by, Boolean.TRUE.equals(approved) ? "order approved" : "order rejected", String.valueOf(task.getVariable("orderId")),
                comment == null ? null : comment.toString());
    }

    /** The orders waiting for stock that a delivery of these references may unblock. */
    public List<String> ordersWaitingFor(@Body Map<String, Object> replenished) {
        Object refs = replenished == null ? null : replenished.get("references");
        if (!(refs instanceof List<?> references) || references.isEmpty()) return List.of();
        return jdbc.queryForList("""
                select distinct o.id::text from shop.orders o
                  join shop.order_lines l on l.order_id = o.id
                  join shop.products p on p.id = l.product_id
                 where o.status = 'PENDING' and o.process_state = 'WAITING_FOR_STOCK' and p.reference in (:refs)
                """, new MapSqlParameterSource("refs", references), String.class);
    }

    /** The message a notification carries (a Camel route logs it and posts it to the configured webhook). */
    public Map<String, Object> notification(@Body Map<String, Object> variables) {
        UUID orderId = orderId(variables);
        OrderView order = orders.find(orderId).orElseThrow();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("event", "ORDER_" + order.status());
        message.put("orderId", orderId);
        message.put("status", order.status().name());
        message.put("customer", order.customer());
        message.put("total", order.total());
        if (order.process() != null) message.putAll(order.process());
        return message;
    }

    private void enter(UUID orderId, String state) {
        jdbc.update("update shop.orders set process_state = :s, process_since = :t, updated_at = now() where id = :id",
                new MapSqlParameterSource("s", state).addValue("t", new Timestamp(System.currentTimeMillis()))
                        .addValue("id", orderId));
    }

    private boolean isConfirmed(UUID orderId) {
        return OrderStatus.CONFIRMED.name().equals(jdbc.queryForObject("select status from shop.orders where id = :id",
                new MapSqlParameterSource("id", orderId), String.class));
    }

    private static UUID orderId(Map<String, Object> variables) {
        Object id = variables.get("orderId");
        if (id == null) throw new IllegalArgumentException("process variable orderId is missing");
        return UUID.fromString(id.toString());
    }
}
