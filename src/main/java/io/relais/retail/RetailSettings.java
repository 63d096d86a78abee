package io.relais.retail;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The retail domain's settings ({@code relais.retail.*}). {@code maxVolumeDrop}: a run that leaves fewer sales rows
 * serving, by more than this share, than served before it FAILs (nothing is published) unless it is forced.
 * {@code inboxMode}: how files dropped in inbox/retail/transactions load ({@code increment}: a daily feed adds its day).
 */
@ConfigurationProperties("relais.retail")
public record RetailSettings(
        @DefaultValue("fuzzy") String strategy,
        @DefaultValue Matching matching,
        @DefaultValue("5") int samplesPerRule,
        @DefaultValue("auto") String demoData,
        @DefaultValue("20000") int demoRows,
        @DefaultValue("") List<Check> checks,
        @DefaultValue("0.5") double maxVolumeDrop,
        @DefaultValue Agent agent,
        @DefaultValue("increment") String inboxMode,
        @DefaultValue("0 15 3 * * ?") String sentimentCron) {

    /**
     * Master-data thresholds: a link at or above {@code accept} joins a golden record; between {@code review} and
     * {@code accept} it goes to the review list; across different stock codes only {@code crossCode} and above.
     */
    public record Matching(@DefaultValue("0.88") double accept, @DefaultValue("0.70") double review,
                           @DefaultValue("0.97") double crossCode, @DefaultValue("0.5") double tfidf,
                           @DefaultValue("0.90") double semantic) {
    }

    /**
     * A data-quality check: kind row_count (min rows), null_rate, duplicate_rate (max rates), accepted_values (share
     * of rows failing {@code condition}), referential ({@code column} must exist in {@code references} table.column),
     * freshness (max age of the newest {@code column} value). {@code warn}/{@code fail}: the thresholds.
     */
    public record Check(String name, String kind, String table, String column, List<String> columns,
                        String condition, String references, Double warn, Double fail, Duration maxAgeWarn,
                        Duration maxAgeFail) {
    }

    /** Text-to-SQL: row limit, statement timeout. */
    public record Agent(@DefaultValue("200") int maxRows, @DefaultValue("5s") Duration statementTimeout) {
    }
}
