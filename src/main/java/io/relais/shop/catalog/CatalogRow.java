package io.relais.shop.catalog;

import java.math.BigDecimal;

/**
 * One valid catalog line, normalised (reference upper-case, trimmed text). {@code price} is null for a product that
 * cannot be ordered yet; {@code attributes} are the file's other columns (header -> value).
 */
public record CatalogRow(long line, String reference, String name, String description, String category,
                         BigDecimal price, int stock, int alertThreshold, String imageUrl, java.util.Map<String, String> attributes) {
}
