package io.relais.shop.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An order as the API shows it. {@code stockReserved}: its stock is set aside for it (held while it waits, sold once it
 * is confirmed); false while it waits for stock, and once cancelled. {@code process} is filled by the approval process
 * when one runs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(UUID id, OrderStatus status, String pendingReason, String customer, BigDecimal total,
                        boolean stockReserved, List<OrderLine> lines, List<Shortage> shortages, Instant createdAt,
                        Map<String, Object> process) {

    public record OrderLine(String reference, String name, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }

    public record Shortage(String reference, int requested, int available) {
    }

    /** The shortages as the approval form shows them: one line per reference, or "none". */
    public static String shortagesText(OrderView order) {
        return order.shortages() == null ? "none" : order.shortages().stream()
                .map(s -> s.reference() + ": " + s.requested() + " wanted, " + s.available() + " available")
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** The same order once its stock is held for it. */
    public OrderView withStockReserved() {
        return new OrderView(id, status, pendingReason, customer, total, true, lines, shortages, createdAt, process);
    }

    public OrderView withProcess(Map<String, Object> state) {
        return new OrderView(id, status, pendingReason, customer, total, stockReserved, lines, shortages, createdAt, state);
    }
}
