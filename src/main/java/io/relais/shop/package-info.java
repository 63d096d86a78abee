/**
 * The garden shop: catalog import and search, product images, stock with an append-only ledger, orders that never
 * oversell, the Redis stock cache, low-stock alerts, restock planning and recommendations. Its sub-packages are
 * internal (Spring Modulith's rule): no other module may use them, and it uses only the platform interfaces named
 * below.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shop", allowedDependencies = {"platform::ai", "platform::camunda", "platform::data", "platform::embedded", "platform::files", "platform::ops", "platform::redis", "platform::security", "platform::web"})
package io.relais.shop;
