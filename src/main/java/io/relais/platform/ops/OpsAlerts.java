package io.relais.platform.ops;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Operational alerts (a failed or missing backup, a full disk...): one open alert per kind in
 * {@code platform.ops_alerts}, logged at ERROR, counted by the gauge {@code relais.ops.alerts.open} that Prometheus
 * alert rules watch; cleared when the condition ends.
 */
@Component
public class OpsAlerts {

    private static final Logger log = LoggerFactory.getLogger(OpsAlerts.class);

    private final JdbcTemplate jdbc;

    OpsAlerts(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        Gauge.builder("relais.ops.alerts.open", this, a -> a.openCount()).description("Open operational alerts").register(meters);
    }

    public void raise(String kind, String severity, String message) {
        int updated = jdbc.update("update platform.ops_alerts set message = ? where kind = ? and cleared_at is null", message, kind);
        if (updated == 0) jdbc.update("insert into platform.ops_alerts (kind, severity, message) values (?, ?, ?)", kind, severity, message);
        log.error("ALERT {} ({}): {}", kind, severity, message);
    }

    public void clear(String kind) {
        jdbc.update("update platform.ops_alerts set cleared_at = now() where kind = ? and cleared_at is null", kind);
    }

    public List<Map<String, Object>> open() {
        return jdbc.queryForList("select kind, severity, message, raised_at from platform.ops_alerts where cleared_at is null order by raised_at");
    }

    double openCount() {
        try {
            Long n = jdbc.queryForObject("select count(*) from platform.ops_alerts where cleared_at is null", Long.class);
            return n == null ? 0 : n;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
