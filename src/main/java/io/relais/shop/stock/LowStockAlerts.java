package io.relais.shop.stock;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relais.platform.data.Outbox;
import io.relais.platform.redis.RedisPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Low-stock alerts: raised once when available stock falls under the product's threshold (one open alert per product,
 * enforced by a unique index), cleared by a restock that brings it back, published on the Redis channel
 * {@code relais:shop:alerts} after commit.
 */
@Component
public class LowStockAlerts {

    public static final String CHANNEL = "relais:shop:alerts";
    private static final Logger log = LoggerFactory.getLogger(LowStockAlerts.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final Outbox outbox;
    private final ObjectMapper json;

    LowStockAlerts(NamedParameterJdbcTemplate jdbc, Outbox outbox, ObjectMapper json) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
    }

    public record Alert(long id, String reference, String name, int available, int threshold, Instant raisedAt,
                        Instant clearedAt) {
    }

    void raiseIfLow(Collection<Long> productIds) {
        List<Alert> raised = jdbc.query("""
                with low as (
                    insert into shop.alerts (product_id, available, threshold)
                    select p.id, s.quantity - s.reserved, p.stock_alert_threshold
                      from shop.products p join shop.stock s on s.product_id = p.id
                     where p.id in (:ids) and s.quantity - s.reserved < p.stock_alert_threshold
                    on conflict (product_id) where cleared_at is null do nothing
                    returning id, product_id, available, threshold, raised_at
                )
                select low.id, p.reference, p.name, low.available, low.threshold, low.raised_at
                  from low join shop.products p on p.id = low.product_id
                """, new MapSqlParameterSource("ids", productIds), (rs, n) -> new Alert(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getTimestamp(6).toInstant(), null));
        raised.forEach(a -> publish("raised", a));
    }

    void clearRecovered(Collection<Long> productIds) {
        List<Alert> cleared = jdbc.query("""
                update shop.alerts a set cleared_at = now()
                  from shop.stock s, shop.products p
                 where a.product_id in (:ids) and a.cleared_at is null and s.product_id = a.product_id
                   and p.id = a.product_id and s.quantity - s.reserved >= p.stock_alert_threshold
                returning a.id, p.reference, p.name, s.quantity - s.reserved, a.threshold, a.raised_at, a.cleared_at
                """, new MapSqlParameterSource("ids", productIds), (rs, n) -> new Alert(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant()));
        cleared.forEach(a -> publish("cleared", a));
    }

    public List<Alert> open() {
        return jdbc.query("""
                select a.id, p.reference, p.name, a.available, a.threshold, a.raised_at, a.cleared_at
                  from shop.alerts a join shop.products p on p.id = a.product_id
                 where a.cleared_at is null order by a.raised_at desc
                """, (rs, n) -> new Alert(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                rs.getTimestamp(6).toInstant(), null));
    }

    /**
     * Through the outbox, in the transaction that raised or cleared the alert: published on every node once it
     * committed (an alert raised in a savepoint that rolled back takes its hand-off with it), retried while Redis is away.
     */
    private void publish(String event, Alert alert) {
        try {
            outbox.send(RedisPublisher.ROUTE, RedisPublisher.message(CHANNEL, json.writeValueAsString(Map.of("event", event, "alert", alert))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
