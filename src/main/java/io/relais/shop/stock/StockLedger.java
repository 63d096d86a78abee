package io.relais.shop.stock;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every stock change: a conditional update of {@code shop.stock} (it can never go below zero nor reserve more than is
 * on hand: the WHERE clause and the table's CHECKs both say so) plus its row in the append-only ledger, in the
 * caller's transaction; the cache entry goes after commit and low-stock alerts are checked in the same transaction.
 */
@Component
public class StockLedger {

    private final NamedParameterJdbcTemplate jdbc;
    private final StockCache cache;
    private final LowStockAlerts alerts;

    StockLedger(NamedParameterJdbcTemplate jdbc, StockCache cache, LowStockAlerts alerts) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.alerts = alerts;
    }

    /** One line of an order's take: this much of this product. */
    public record Take(long productId, int quantity) {
    }

    private static final String TAKE_ALL = """
            with wanted as (
                select * from unnest(cast(:ids as bigint[]), cast(:quantities as int[])) as w(product_id, q)
            ), locked as (
                select s.product_id, s.quantity - s.reserved as available
                  from shop.stock s where s.product_id in (select product_id from wanted)
                 order by s.product_id
                   for update
            ), enough as (
                select count(*) = :lines as ok from locked l join wanted w using (product_id) where l.available >= w.q
            ), taken as (
                update shop.stock s set %s, updated_at = now()
                  from wanted w, enough e
                 where e.ok and s.product_id = w.product_id and s.quantity - s.reserved >= w.q
                returning s.product_id, w.q, s.quantity - s.reserved as available
            ), moved as (
                insert into shop.stock_movements (product_id, type, quantity_delta, reserved_delta, reason, order_id, actor)
                select product_id, :type, %s, %s, :reason, :order, :actor from taken
            )
            select t.product_id, t.available < p.stock_alert_threshold as low
              from taken t join shop.products p on p.id = t.product_id
            """;
    private static final String SELL_ALL = TAKE_ALL.formatted("quantity = s.quantity - w.q", "-q", "0");
    private static final String HOLD_ALL = TAKE_ALL.formatted("reserved = s.reserved + w.q", "0", "q");

    /**
     * Every line of an order, or none, in one statement: the stock rows are locked in product order (two orders never
     * deadlock), taken only if each line has enough available, and each taken line writes its movement. {@code hold}:
     * set aside for an order awaiting approval instead of sold. False, with nothing written, when any line is short.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean takeAll(List<Take> lines, boolean hold, UUID orderId, String actor) {
        if (lines.isEmpty() || lines.stream().anyMatch(l -> l.quantity() <= 0)) {
            throw new IllegalArgumentException("an order takes at least one line, each of a positive quantity");
        }
        MapSqlParameterSource p = new MapSqlParameterSource("ids", lines.stream().map(Take::productId).toArray(Long[]::new))
                .addValue("quantities", lines.stream().map(Take::quantity).toArray(Integer[]::new))
                .addValue("lines", lines.size()).addValue("type", hold ? "RESERVATION" : "SALE")
                .addValue("reason", hold ? "held for approval" : "order").addValue("order", orderId).addValue("actor", actor);
        List<Long> low = new java.util.ArrayList<>();
        int[] taken = {0};
        jdbc.query(hold ? HOLD_ALL : SELL_ALL, p, rs -> {
            taken[0]++;
            if (rs.getBoolean("low")) low.add(rs.getLong("product_id"));
        });
        if (taken[0] == 0) return false;
        if (taken[0] != lines.size()) {
            throw new IllegalStateException("took " + taken[0] + " of " + lines.size() + " lines of order " + orderId);
        }
        cache.evictAfterCommit(lines.stream().map(Take::productId).toList());
        if (!low.isEmpty()) alerts.raiseIfLow(low);
        return true;
    }

    /** Sells {@code quantity} now if that much is available; false (and nothing written) otherwise. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean sell(long productId, int quantity, UUID orderId, String actor) {
        return change(productId, "quantity = quantity - :q", "quantity - reserved >= :q", quantity, "SALE", -quantity, 0,
                "order", orderId, actor);
    }

    /** Holds {@code quantity} for a pending order if that much is available. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean reserve(long productId, int quantity, UUID orderId, String actor) {
        return change(productId, "reserved = reserved + :q", "quantity - reserved >= :q", quantity, "RESERVATION", 0, quantity,
                "held for approval", orderId, actor);
    }

    /** A held quantity is sold (the order was approved). */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean sellReserved(long productId, int quantity, UUID orderId, String actor) {
        return change(productId, "quantity = quantity - :q, reserved = reserved - :q", "reserved >= :q", quantity,
                "RESERVATION_SOLD", -quantity, -quantity, "approved", orderId, actor);
    }

    /** A held quantity goes back to available (the order was rejected or cancelled). */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean release(long productId, int quantity, UUID orderId, String actor) {
        return change(productId, "reserved = reserved - :q", "reserved >= :q", quantity, "RELEASE", 0, -quantity,
                "released", orderId, actor);
    }

    /** A sold quantity comes back (a confirmed order was cancelled). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void returnSold(long productId, int quantity, UUID orderId, String actor) {
        change(productId, "quantity = quantity + :q", "true", quantity, "CANCELLATION", quantity, 0, "order cancelled",
                orderId, actor);
    }

    /** Goods received (a delivery): on-hand stock goes up; open alerts clear when stock is back above threshold. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void receive(long productId, int quantity, String reason, String actor) {
        jdbc.update("insert into shop.stock (product_id) values (:id) on conflict do nothing", new MapSqlParameterSource("id", productId));
        change(productId, "quantity = quantity + :q", "true", quantity, "RECEIPT", quantity, 0, reason, null, actor);
        alerts.clearRecovered(List.of(productId));
    }

    private boolean change(long productId, String set, String condition, int quantity, String type, int quantityDelta,
                           int reservedDelta, String reason, UUID orderId, String actor) {
        if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive");
        MapSqlParameterSource p = new MapSqlParameterSource("id", productId).addValue("q", quantity);
        int changed = jdbc.update("update shop.stock set " + set + ", updated_at = now() where product_id = :id and "
                + condition, p);
        if (changed == 0) return false;
        jdbc.update("""
                insert into shop.stock_movements (product_id, type, quantity_delta, reserved_delta, reason, order_id, actor)
                values (:id, :type, :dq, :dr, :reason, :order, :actor)
                """, p.addValue("type", type).addValue("dq", quantityDelta).addValue("dr", reservedDelta)
                .addValue("reason", reason).addValue("order", orderId).addValue("actor", actor));
        cache.evictAfterCommit(List.of(productId));
        if (quantityDelta - reservedDelta < 0 || reservedDelta > 0) alerts.raiseIfLow(List.of(productId));
        return true;
    }
}
