package io.relais.shop;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The shop's settings ({@code relais.shop.*} in config/application.yml). */
@ConfigurationProperties("relais.shop")
public record ShopSettings(
        @DefaultValue("1000") BigDecimal approvalThreshold,
        @DefaultValue("5m") Duration stockCacheTtl,
        @DefaultValue("auto") String demoCatalog,
        @DefaultValue Import importing,
        @DefaultValue Restock restock,
        @DefaultValue("") Map<String, List<String>> complements,
        @DefaultValue Approval approval) {

    /**
     * The order-approval process: how long a manager has before the task goes to an admin, how long the admin has
     * before the order times out, how long an order may wait for stock before a manager is asked (the lead time),
     * how often a waiting order re-checks stock, and where decisions are announced (a webhook; empty: log only).
     */
    public record Approval(
            @DefaultValue("P2D") Duration escalateAfter,
            @DefaultValue("P3D") Duration adminTimeout,
            @DefaultValue("P7D") Duration stockLeadTime,
            @DefaultValue("PT1H") Duration stockRecheck,
            @DefaultValue("") String notifyWebhook) {
    }

    /** Catalog import: batch size, reference rule, default alert threshold and named column mappings. */
    public record Import(
            @DefaultValue("1000") int batchSize,
            @DefaultValue("[A-Z0-9][A-Z0-9._/-]{1,39}") String referencePattern,
            @DefaultValue("5") int defaultAlertThreshold,
            @DefaultValue("") Map<String, ColumnMapping> mappings) {
    }

    /**
     * A supplier's layout: separator (auto-detected when empty), decimal comma, and which of their column names
     * holds each canonical field (reference, name, description, category, price, stock, stock_alert_threshold,
     * image_url).
     */
    public record ColumnMapping(String separator, Boolean decimalComma, String encoding, Map<String, String> columns) {
    }

    /** Restock planning: how far back sales velocity looks. */
    public record Restock(@DefaultValue("0 0 6 * * ?") String cron, @DefaultValue("28") int velocityDays,
                          @DefaultValue("14") int coverDays) {
    }
}
