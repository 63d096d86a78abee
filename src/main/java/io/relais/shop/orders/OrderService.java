package io.relais.shop.orders;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.relais.platform.camunda.ProcessGateway;
import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import io.relais.shop.ShopSettings;
import io.relais.shop.stock.StockCache;
import io.relais.shop.stock.StockLedger;
import io.relais.shop.stock.StockLevel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;

/**
 * Places, reads and cancels orders. One transaction takes every line or none (lines are taken in product order, so
 * two orders never deadlock); an order is CONFIRMED when all its stock was taken and the total is under the approval
 * threshold, otherwise PENDING (SHORTAGE: nothing held; APPROVAL: stock held) and handed to the approval flow through
 * the route {@code direct:shop-order-pending} in the same transaction (the process starts asynchronously, so the order
 * and its process commit together or neither does). An Idempotency-Key gives the same answer and one order.
 */
@Service("orderService")
@Validated
public class OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);
    public static final String PENDING_ROUTE = "direct:shop-order-pending";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    /** Always a transaction of its own, committed before the caller's (see {@link #confirmPending}). */
    private final TransactionTemplate ownTransaction;
    private final StockLedger ledger;
    private final StockCache stock;
    private final ShopSettings settings;
    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final ProcessGateway processes;

    OrderService(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, StockLedger ledger, StockCache stock,
                 ShopSettings settings, ProducerTemplate camel, ObjectMapper json, MeterRegistry meters, ProcessGateway processes) {
        this.processes = processes;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ownTransaction = new TransactionTemplate(java.util.Objects.requireNonNull(transactions.getTransactionManager()));
        this.ownTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.ledger = ledger;
        this.stock = stock;
        this.settings = settings;
        this.camel = camel;
        this.json = json;
        this.meters = meters;
    }

    /** REST entry point: the caller places for themselves; a manager or admin may name another customer. */
    public OrderView place(@NotNull @Valid OrderRequest request, @Header("Idempotency-Key") String idempotencyKey,
                           @VerifiedCaller Caller caller) {
        String customer = request.customer() == null || request.customer().isBlank() ? caller.username() : request.customer();
        if (!customer.equals(caller.username()) && !caller.isStaff()) {
            throw ApiProblem.forbidden("only a manager or an admin may order for another customer");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ApiProblem.invalidField("Idempotency-Key", "must be 1 to 200 characters");
        }
        return placeFor(request, customer, idempotencyKey, caller.username());
    }

    /** The order service for other routes and processes (the chat agent, tests): no caller checks. */
    public OrderView placeFor(OrderRequest request, String customer, String idempotencyKey, String actor) {
        String hash = hash(request, customer);
        if (idempotencyKey != null) {
            Optional<OrderView> replay = replay(customer, idempotencyKey, hash);
            if (replay.isPresent()) return replay.get();
        }
        try {
            OrderView placed = transactions.execute(tx -> placeInTransaction(request, customer, idempotencyKey, hash, actor));
            meters.counter("relais.shop.orders.placed", "status", placed.status().name()).increment();
            return placed;
        } catch (DuplicateKeyException sameKeyRacing) {
            // another request with the same key committed first: answer what it answered
            return replay(customer, idempotencyKey, hash).orElseThrow(() -> sameKeyRacing);
        }
    }

    private OrderView placeInTransaction(OrderRequest request, String customer, String key, String hash, String actor) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (OrderRequest.RequestedLine line : request.lines()) {
            wanted.merge(line.reference().strip().toUpperCase(java.util.Locale.ROOT), line.quantity(), Integer::sum);
        }
        Map<String, Product> products = products(wanted.keySet());
        List<String> unknown = wanted.keySet().stream().filter(r -> !products.containsKey(r)).toList();
        if (!unknown.isEmpty()) throw ApiProblem.notFound("unknown product reference(s): " + String.join(", ", unknown));
        List<String> unpriced = wanted.keySet().stream().filter(r -> products.get(r).price() == null).sorted().toList();
        if (!unpriced.isEmpty()) {
            throw ApiProblem.conflictField("lines", "not for sale yet, no price: " + String.join(", ", unpriced));
        }

        BigDecimal total = BigDecimal.ZERO;
        for (var e : wanted.entrySet()) total = total.add(products.get(e.getKey()).price.multiply(BigDecimal.valueOf(e.getValue())));
        boolean needsApproval = total.compareTo(settings.approvalThreshold()) > 0;
        UUID orderId = UUID.randomUUID();
        java.time.Instant createdAt = insertOrder(orderId, request, customer, total, needsApproval, actor, wanted, products);
        List<StockLedger.Take> takes = wanted.entrySet().stream()
                .map(e -> new StockLedger.Take(products.get(e.getKey()).id, e.getValue()))
                .sorted(Comparator.comparingLong(StockLedger.Take::productId)).toList();
        if (needsApproval) return placeForApproval(orderId, takes, customer, total, key, hash, actor);

        // every line or none, in one statement (rows locked in product id order: no deadlock between two orders)
        boolean allTaken = ledger.takeAll(takes, false, orderId, actor);
        OrderStatus status = allTaken ? OrderStatus.CONFIRMED : OrderStatus.PENDING;
        String reason = allTaken ? null : "SHORTAGE";
        decide(orderId, status, reason, false, key, customer, hash);
        log.info("Order {} for {}: {}{} ({} EUR)", orderId, customer, status, reason == null ? "" : " " + reason, total);
        if (status == OrderStatus.PENDING) {
            // in this transaction: the order and its approval process (started asynchronously) commit together or not at all
            OrderView pending = find(orderId).orElseThrow();
            camel.sendBodyAndHeader(PENDING_ROUTE, pending, "orderId", orderId.toString());
            return pending;
        }
        // confirmed: everything it shows was just written here, so it is not read back
        List<OrderView.OrderLine> lines = wanted.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> products.get(e.getKey()).id))
                .map(e -> {
                    Product p = products.get(e.getKey());
                    return new OrderView.OrderLine(e.getKey(), p.name, e.getValue(), p.price,
                            p.price.multiply(BigDecimal.valueOf(e.getValue())));
                }).toList();
        return new OrderView(orderId, status, null, customer, total, true, lines, null, createdAt, null);
    }

    /**
     * An order over the approval threshold: its approval process is started first and its stock held last, so the
     * stock rows stay locked only for the hold and the commit (orders for one popular product follow each other that
     * much faster). Short of stock, it waits for stock instead (SHORTAGE) and its process is told what is missing.
     * All in the caller's transaction: order, process and hold commit together or not at all.
     */
    private OrderView placeForApproval(UUID orderId, List<StockLedger.Take> takes, String customer, BigDecimal total,
                                       String key, String hash, String actor) {
        decide(orderId, OrderStatus.PENDING, "APPROVAL", false, key, customer, hash);
        OrderView awaiting = find(orderId).orElseThrow();
        String instance = camel.requestBodyAndHeader(PENDING_ROUTE, awaiting, "orderId", orderId.toString(), String.class);
        boolean held = ledger.takeAll(takes, true, orderId, actor);
        log.info("Order {} for {}: PENDING {} ({} EUR)", orderId, customer, held ? "APPROVAL" : "SHORTAGE", total);
        if (held) {
            jdbc.update("update shop.orders set stock_reserved = true where id = :id", new MapSqlParameterSource("id", orderId));
            return awaiting.withStockReserved();
        }
        jdbc.update("update shop.orders set pending_reason = 'SHORTAGE' where id = :id", new MapSqlParameterSource("id", orderId));
        OrderView short_ = find(orderId).orElseThrow(); // with its shortages, read at the locked stock
        processes.setVariables(instance, Map.of("shortagesText", OrderView.shortagesText(short_)));
        return short_;
    }

    /** The order's status after its stock was taken (or not), and its idempotency key, in one statement. */
    private void decide(UUID orderId, OrderStatus status, String reason, boolean held, String key, String customer, String hash) {
        jdbc.update("""
                with decided as (
                    update shop.orders set status = :s, pending_reason = :r, stock_reserved = :held where id = :id
                )
                insert into shop.order_requests (idempotency_key, customer, request_hash, order_id)
                select cast(:k as text), :c, :h, :id where cast(:k as text) is not null
                """, new MapSqlParameterSource("s", status.name()).addValue("r", reason).addValue("id", orderId)
                .addValue("held", held).addValue("k", key).addValue("c", customer).addValue("h", hash));
    }

    /** The order and its lines in one statement (PENDING until its stock is taken); answers its creation time. */
    private java.time.Instant insertOrder(UUID orderId, OrderRequest request, String customer, BigDecimal total,
                                          boolean needsApproval, String actor, Map<String, Integer> wanted,
                                          Map<String, Product> products) {
        List<String> references = List.copyOf(wanted.keySet());
        return jdbc.queryForObject("""
                with placed as (
                    insert into shop.orders (id, customer, customer_type, status, total, allow_split, needs_approval, created_by)
                    values (:id, :customer, :type, 'PENDING', :total, :split, :approval, :actor)
                    returning created_at
                ), lines as (
                    insert into shop.order_lines (order_id, line_no, product_id, quantity, unit_price)
                    select :id, l.line_no, l.product_id, l.quantity, l.unit_price
                      from unnest(cast(:products as bigint[]), cast(:quantities as int[]), cast(:prices as numeric[]))
                           with ordinality as l(product_id, quantity, unit_price, line_no)
                )
                select created_at from placed
                """, new MapSqlParameterSource("id", orderId).addValue("customer", customer).addValue("approval", needsApproval)
                .addValue("type", request.customerType() == null ? "retail" : request.customerType())
                .addValue("total", total).addValue("split", Boolean.TRUE.equals(request.allowSplit())).addValue("actor", actor)
                .addValue("products", references.stream().map(r -> products.get(r).id).toArray(Long[]::new))
                .addValue("quantities", references.stream().map(wanted::get).toArray(Integer[]::new))
                .addValue("prices", references.stream().map(r -> products.get(r).price.toPlainString()).toArray(String[]::new)),
                (rs, n) -> rs.getTimestamp(1).toInstant());
    }

    public OrderView get(@Header("id") String id, @VerifiedCaller Caller caller) {
        OrderView order = find(parseId(id)).orElseThrow(() -> ApiProblem.notFound("no order " + id));
        if (caller == null || !order.customer().equals(caller.username()) && !caller.isStaff()) throw ApiProblem.notFound("no order " + id);
        return order;
    }

    /**
     * Cancels a CONFIRMED or PENDING order: sold stock comes back, held stock is released, its approval process ends
     * (its task leaves Tasklist), and so do its pending back-orders, all in one transaction.
     */
    public OrderView cancel(@Header("id") String id, @VerifiedCaller Caller caller) {
        UUID orderId = parseId(id);
        get(id, caller);
        for (int attempt = 1; ; attempt++) {
            try {
                return cancelInTransaction(orderId, id, caller.username());
            } catch (org.camunda.bpm.engine.OptimisticLockingException processMovedMeanwhile) {
                // a job of the approval process (a timer, a re-check) ran at the same moment: look again
                if (attempt == 3) throw ApiProblem.conflict("order " + id + " is changing right now; try again");
            }
        }
    }

    private OrderView cancelInTransaction(UUID orderId, String id, String caller) {
        return transactions.execute(tx -> {
            OrderStatus status = OrderStatus.of(jdbc.queryForObject("select status from shop.orders where id = :id for update",
                    new MapSqlParameterSource("id", orderId), String.class));
            if (!status.isOpen()) {
                throw ApiProblem.conflict("order " + id + " is " + status + " and cannot be cancelled");
            }
            cancelWithBackOrders(orderId, caller);
            return find(orderId).orElseThrow();
        });
    }

    private void cancelWithBackOrders(UUID orderId, String actor) {
        Map<String, Object> row = jdbc.queryForMap("select status, stock_reserved from shop.orders where id = :id for update",
                new MapSqlParameterSource("id", orderId));
        OrderStatus status = OrderStatus.of(row.get("status"));
        if (!status.isOpen()) return;
        boolean held = (Boolean) row.get("stock_reserved");
        for (var line : lines(orderId)) {
            if (status == OrderStatus.CONFIRMED) ledger.returnSold(line.productId, line.quantity, orderId, actor);
            else if (held) ledger.release(line.productId, line.quantity, orderId, actor);
        }
        jdbc.update("update shop.orders set status = 'CANCELLED', stock_reserved = false, process_state = 'CANCELLED', "
                + "updated_at = now() where id = :id", new MapSqlParameterSource("id", orderId));
        processes.endAll(orderId.toString(), "order cancelled by " + actor);
        log.info("Order {} cancelled by {}", orderId, actor);
        for (UUID backOrder : jdbc.queryForList("select id from shop.orders where parent_order_id = :id and status = 'PENDING'",
                new MapSqlParameterSource("id", orderId), UUID.class)) {
            cancelWithBackOrders(backOrder, actor);
        }
    }

    /**
     * For the approval flow: sells the held stock, or (shortage) tries to take it now. Returns false when stock is
     * still short; the order then stays PENDING (never oversold).
     * <p>
     * In a short transaction of its own, committed before the caller's: the stock rows it locks are released at once,
     * not when the approval job commits (Camunda writes the job's history after the delegate returns, and every other
     * order of the same product used to wait for that). Safe to run again: a job retried after this commit finds the
     * order CONFIRMED and answers true. The caller must hold no lock on the order's row.
     */
    public boolean confirmPending(UUID orderId, String actor) {
        java.util.concurrent.atomic.AtomicBoolean confirmedNow = new java.util.concurrent.atomic.AtomicBoolean();
        OrderStatus after = ownTransaction.execute(tx -> {
            Map<String, Object> row = jdbc.queryForMap("select status, stock_reserved from shop.orders where id = :id for update",
                    new MapSqlParameterSource("id", orderId));
            OrderStatus status = OrderStatus.of(row.get("status"));
            if (status != OrderStatus.PENDING) return status;
            boolean held = (Boolean) row.get("stock_reserved");
            List<StoredLine> lines = lines(orderId);
            Object savepoint = tx.createSavepoint();
            for (StoredLine line : lines) {
                boolean ok = held ? ledger.sellReserved(line.productId, line.quantity, orderId, actor)
                        : ledger.sell(line.productId, line.quantity, orderId, actor);
                if (!ok) {
                    tx.rollbackToSavepoint(savepoint);
                    return OrderStatus.PENDING;
                }
            }
            jdbc.update("update shop.orders set status = 'CONFIRMED', pending_reason = null, stock_reserved = false, "
                    + "updated_at = now() where id = :id", new MapSqlParameterSource("id", orderId));
            confirmedNow.set(true);
            return OrderStatus.CONFIRMED;
        });
        if (confirmedNow.get()) meters.counter("relais.shop.orders.confirmed").increment();
        return after == OrderStatus.CONFIRMED;
    }

    /**
     * For the approval flow, when the customer allowed a split: ships what exists now (the order becomes CONFIRMED
     * with those quantities) and moves the rest to a new PENDING back-order; the caller (the approval process) starts
     * the back-order's own approval in its transaction. Answers the back-order's id; empty when nothing at all is
     * available (the order keeps waiting, untouched) or everything was (the order is simply confirmed).
     */
    public Optional<UUID> splitPending(UUID orderId, String actor) {
        Optional<UUID> backOrder = transactions.execute(tx -> {
            Map<String, Object> row = jdbc.queryForMap("select status, stock_reserved, customer, customer_type "
                    + "from shop.orders where id = :id for update", new MapSqlParameterSource("id", orderId));
            if (OrderStatus.of(row.get("status")) != OrderStatus.PENDING || (Boolean) row.get("stock_reserved")) return Optional.<UUID>empty();
            Object savepoint = tx.createSavepoint(); // this may run inside the approval job's transaction
            Map<StoredLine, Integer> rest = new LinkedHashMap<>();
            boolean anyTaken = false;
            for (StoredLine line : lines(orderId)) {
                Integer available = jdbc.queryForObject("select quantity - reserved from shop.stock where product_id = :p "
                        + "for update", new MapSqlParameterSource("p", line.productId), Integer.class);
                int take = Math.max(0, Math.min(line.quantity, available == null ? 0 : available));
                if (take > 0 && ledger.sell(line.productId, take, orderId, actor)) anyTaken = true;
                else take = 0;
                if (take < line.quantity) rest.put(line, line.quantity - take);
                if (take == 0) {
                    jdbc.update("delete from shop.order_lines where order_id = :o and product_id = :p",
                            new MapSqlParameterSource("o", orderId).addValue("p", line.productId));
                } else if (take < line.quantity) {
                    jdbc.update("update shop.order_lines set quantity = :q where order_id = :o and product_id = :p",
                            new MapSqlParameterSource("q", take).addValue("o", orderId).addValue("p", line.productId));
                }
            }
            if (!anyTaken) {
                tx.rollbackToSavepoint(savepoint);
                return Optional.<UUID>empty();
            }
            jdbc.update("""
                    update shop.orders set status = 'CONFIRMED', pending_reason = null, updated_at = now(),
                           total = (select coalesce(sum(quantity * unit_price), 0) from shop.order_lines where order_id = :id)
                     where id = :id""", new MapSqlParameterSource("id", orderId));
            if (rest.isEmpty()) return Optional.<UUID>empty();
            UUID back = UUID.randomUUID();
            jdbc.update("""
                    insert into shop.orders (id, customer, customer_type, status, pending_reason, total, allow_split,
                                             parent_order_id, created_by)
                    values (:id, :customer, :type, 'PENDING', 'SHORTAGE', 0, true, :parent, :actor)""",
                    new MapSqlParameterSource("id", back).addValue("customer", row.get("customer"))
                            .addValue("type", row.get("customer_type")).addValue("parent", orderId).addValue("actor", actor));
            int n = 0;
            for (var e : rest.entrySet()) {
                jdbc.update("insert into shop.order_lines (order_id, line_no, product_id, quantity, unit_price) "
                        + "values (:o, :n, :p, :q, :price)", new MapSqlParameterSource("o", back).addValue("n", ++n)
                        .addValue("p", e.getKey().productId).addValue("q", e.getValue()).addValue("price", e.getKey().unitPrice));
            }
            jdbc.update("update shop.orders set total = (select sum(quantity * unit_price) from shop.order_lines "
                    + "where order_id = :id) where id = :id", new MapSqlParameterSource("id", back));
            log.info("Order {} split: what exists ships, back-order {} waits for the rest", orderId, back);
            return Optional.of(back);
        });
        return backOrder == null ? Optional.empty() : backOrder;
    }

    /** For the approval flow: a rejected or timed-out order; anything held is released. */
    public void reject(UUID orderId, String actor, String reason) {
        transactions.executeWithoutResult(tx -> {
            Map<String, Object> row = jdbc.queryForMap("select status, stock_reserved from shop.orders where id = :id for update",
                    new MapSqlParameterSource("id", orderId));
            if (OrderStatus.of(row.get("status")) != OrderStatus.PENDING) return;
            if ((Boolean) row.get("stock_reserved")) {
                for (StoredLine line : lines(orderId)) ledger.release(line.productId, line.quantity, orderId, actor);
            }
            jdbc.update("update shop.orders set status = 'REJECTED', pending_reason = :r, stock_reserved = false, "
                    + "updated_at = now() where id = :id", new MapSqlParameterSource("id", orderId).addValue("r", reason));
        });
    }

    /** The customer's most recent order, if any. */
    public Optional<UUID> latestOf(String customer) {
        return jdbc.queryForList("select id from shop.orders where customer = :c order by created_at desc limit 1",
                new MapSqlParameterSource("c", customer), UUID.class).stream().findFirst();
    }

    public Optional<OrderView> find(UUID id) {
        List<Map<String, Object>> rows = jdbc.queryForList("select * from shop.orders where id = :id",
                new MapSqlParameterSource("id", id));
        if (rows.isEmpty()) return Optional.empty();
        Map<String, Object> o = rows.get(0);
        OrderStatus status = OrderStatus.of(o.get("status"));
        List<OrderView.OrderLine> lines = new ArrayList<>();
        List<OrderView.Shortage> shortages = new ArrayList<>();
        List<StoredLine> stored = lines(id);
        Map<Long, StockLevel> levels = status == OrderStatus.PENDING
                ? stock.load(stored.stream().map(l -> l.productId).toList()) : Map.of();
        for (StoredLine l : stored) {
            lines.add(new OrderView.OrderLine(l.reference, l.name, l.quantity, l.unitPrice,
                    l.unitPrice.multiply(BigDecimal.valueOf(l.quantity))));
            StockLevel level = levels.get(l.productId);
            if (level != null && "SHORTAGE".equals(o.get("pending_reason")) && level.available() < l.quantity) {
                shortages.add(new OrderView.Shortage(l.reference, l.quantity, Math.max(0, level.available())));
            }
        }
        return Optional.of(new OrderView(id, status, (String) o.get("pending_reason"),
                (String) o.get("customer"), (BigDecimal) o.get("total"),
                // the stock is set aside for the order: held while it waits, sold once it is confirmed
                (Boolean) o.get("stock_reserved") || status == OrderStatus.CONFIRMED, lines,
                shortages.isEmpty() ? null : shortages, ((java.sql.Timestamp) o.get("created_at")).toInstant(),
                processState(id, status, o)));
    }

    /** What the approval process is doing with this order (null when no process ever ran for it). */
    private Map<String, Object> processState(UUID id, OrderStatus status, Map<String, Object> o) {
        Map<String, Object> state = new LinkedHashMap<>();
        Object processState = o.get("process_state");
        // a decided order is what it is, even before its process has moved past its waiting step
        if (processState != null) state.put("state", status != OrderStatus.PENDING && String.valueOf(processState).startsWith("WAITING")
                ? status.name() : processState);
        if (o.get("process_since") != null) state.put("since", ((java.sql.Timestamp) o.get("process_since")).toInstant());
        if (o.get("decided_by") != null) state.put("decidedBy", o.get("decided_by"));
        if (o.get("decision_comment") != null) state.put("comment", o.get("decision_comment"));
        if (o.get("parent_order_id") != null) state.put("backOrderOf", o.get("parent_order_id"));
        List<UUID> backOrders = jdbc.queryForList("select id from shop.orders where parent_order_id = :id order by created_at",
                new MapSqlParameterSource("id", id), UUID.class);
        if (!backOrders.isEmpty()) state.put("backOrders", backOrders);
        return state.isEmpty() ? null : state;
    }

    private Optional<OrderView> replay(String customer, String key, String hash) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select order_id, request_hash from shop.order_requests where customer = :c and idempotency_key = :k",
                new MapSqlParameterSource("c", customer).addValue("k", key));
        if (rows.isEmpty()) return Optional.empty();
        if (!hash.equals(rows.get(0).get("request_hash"))) {
            throw ApiProblem.conflict("Idempotency-Key '" + key + "' was already used for a different order");
        }
        return find((UUID) rows.get(0).get("order_id"));
    }

    private record Product(long id, String name, BigDecimal price) {
    }

    private record StoredLine(long productId, String reference, String name, int quantity, BigDecimal unitPrice) {
    }

    private Map<String, Product> products(Set<String> references) {
        Map<String, Product> found = new HashMap<>();
        jdbc.query("select id, reference, name, price from shop.products where reference in (:refs)",
                new MapSqlParameterSource("refs", references),
                rs -> {
                    found.put(rs.getString("reference"), new Product(rs.getLong("id"), rs.getString("name"), rs.getBigDecimal("price")));
                });
        return found;
    }

    private List<StoredLine> lines(UUID orderId) {
        return jdbc.query("""
                select l.product_id, p.reference, p.name, l.quantity, l.unit_price
                  from shop.order_lines l join shop.products p on p.id = l.product_id
                 where l.order_id = :id order by l.product_id
                """, new MapSqlParameterSource("id", orderId), (rs, n) -> new StoredLine(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getInt(4), rs.getBigDecimal(5)));
    }

    private String hash(OrderRequest request, String customer) {
        try {
            byte[] bytes = json.writeValueAsBytes(List.of(customer, request));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiProblem.notFound("no order " + id);
        }
    }

}
