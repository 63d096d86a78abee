package io.relais.shop;

import java.util.UUID;

import io.relais.testsupport.Api;

/** Test products with references of their own (a fresh prefix per test), imported through the real endpoint. */
final class ShopFixture {

    private ShopFixture() {
    }

    static String prefix() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase();
    }

    /** Imports lines "reference,name,category,price,stock,threshold" under the canonical header. */
    static Api.Response importCsv(Api api, String token, String... lines) {
        StringBuilder csv = new StringBuilder("reference,name,category,price,stock,stock_alert_threshold\n");
        for (String line : lines) csv.append(line).append('\n');
        return api.postRaw("/api/shop/products/import", "text/csv", csv.toString(), token);
    }
}
