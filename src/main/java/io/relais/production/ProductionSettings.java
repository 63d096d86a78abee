package io.relais.production;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The production domain's settings ({@code relais.production.*}). */
@ConfigurationProperties("relais.production")
public record ProductionSettings(@DefaultValue("auto") String demoData, @DefaultValue Schedules schedules,
                                 @DefaultValue Prices prices) {

    /** Quartz crons: site view refresh, anomaly detection, full retraining, the weekly abattoir planning. */
    public record Schedules(@DefaultValue("0 0 * * * ?") String refreshView, @DefaultValue("0 30 */6 * * ?") String anomalies,
                            @DefaultValue("0 0 2 * * ?") String retrain, @DefaultValue("0 0 6 ? * MON") String planning) {
    }

    /** For the finance view (EUR): foie gras per kg, maize per kg, a duckling. */
    public record Prices(@DefaultValue("42") double liverPerKg, @DefaultValue("0.32") double maizePerKg,
                         @DefaultValue("7.5") double duckling) {
    }
}
