package io.relais.retail.etl;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** One clean sales line. */
public record Transaction(String invoice, String stockCode, String description, int quantity, LocalDateTime invoiceDate,
                          BigDecimal price, String customerId, String country) {

    public BigDecimal revenue() {
        return price.multiply(BigDecimal.valueOf(quantity));
    }
}
