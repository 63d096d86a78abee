package io.relais.platform.ops;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Operational alerts (a failed or missing backup, a full disk...): one open alert per kind in
 * {@code platform.ops_alerts}, logged at ERROR, counted by the gauge {@code relais.ops.alerts.open} that Prometheus
 * alert rules watch; cleared when the condition ends.
 */
@Component
public class OpsAlerts {

    private static final Logger log = LoggerFactory.getLogger(OpsAlerts.class);

    private final JdbcClient jdbc;

    OpsAlerts(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        Gauge.builder("relais.ops.alerts.open", this, a -> a.openCount()).description("Open operational alerts").register(meters);
    }

    public void raise(String kind, String severity, String message) {
        int updated = jdbc.sql("update platform.ops_alerts set message = :message where kind = :kind and cleared_at is null")
                .param("message", message).param("kind", kind).update();
        if (updated == 0) {
            jdbc.sql("insert into platform.ops_alerts (kind, severity, message) values (:kind, :severity, :message)")
                    .param("kind", kind).param("severity", severity).param("message", message).update();
        }
        log.error("ALERT {} ({}): {}", kind, severity, message);
    }

    public void clear(String kind) {
        jdbc.sql("update platform.ops_alerts set cleared_at = now() where kind = :kind and cleared_at is null").param("kind", kind).update();
    }

    public List<Map<String, Object>> open() {
        return jdbc.sql("select kind, severity, message, raised_at from platform.ops_alerts where cleared_at is null order by raised_at")
                .query().listOfRows();
    }

    double openCount() {
        try {
            return jdbc.sql("select count(*) from platform.ops_alerts where cleared_at is null").query(Long.class).single();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
