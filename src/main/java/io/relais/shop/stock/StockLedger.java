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
