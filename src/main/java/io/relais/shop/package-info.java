/**
 * The garden shop: catalog import and search, product images, stock with an append-only ledger, orders that never
 * oversell, the Redis stock cache, low-stock alerts, restock planning and recommendations. Other domains and the
 * approval process use {@link io.relais.shop.orders.OrderService} and {@link io.relais.shop.stock.StockLedger}.
 */
package io.relais.shop;
