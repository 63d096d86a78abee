package io.relais.shop.catalog;

import java.math.BigDecimal;

/** One valid catalog line, normalised (reference upper-case, trimmed text). */
public record CatalogRow(long line, String reference, String name, String description, String category,
                         BigDecimal price, int stock, int alertThreshold, String imageUrl) {
}
