package io.relais.shop.orders;

/**
 * Where an order stands: CONFIRMED (stock sold), PENDING (a shortage or an approval holds it; see its pending reason),
 * CANCELLED, REJECTED (the approval said no, or it timed out). Stored by name in {@code shop.orders.status}.
 */
public enum OrderStatus {
    PENDING, CONFIRMED, CANCELLED, REJECTED;

    /** An order that still holds or has taken stock, so cancelling it gives stock back. */
    public boolean isOpen() {
        return this == PENDING || this == CONFIRMED;
    }

    static OrderStatus of(Object stored) {
        return valueOf(String.valueOf(stored));
    }
}
