package io.relais.shop.stock;

/** On hand, held for pending orders, and what can still be ordered. */
public record StockLevel(int quantity, int reserved) {

    public int available() {
        return quantity - reserved;
    }
}
