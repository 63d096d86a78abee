package io.relais.platform.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gauges with business meaning, read when Prometheus scrapes: open stock alerts, running process instances and open
 * incidents, pending orders, knowledge chunks, failed model runs and ETL runs of the last day. (Counters and timers
 * live where the work happens: relais.shop.orders.*, relais.retail.etl.*, relais.platform.rate.limited, ...)
 */
@Component
public class BusinessMeters {

    BusinessMeters(JdbcTemplate jdbc, RuntimeService runtime, MeterRegistry meters,
                   org.springframework.data.redis.connection.RedisConnectionFactory redis) {
        Gauge.builder("relais.redis.up", redis, r -> {
            try (var c = r.getConnection()) {
                return "PONG".equals(c.ping()) ? 1 : 0;
            } catch (RuntimeException e) {
                return 0;
            }
        }).description("1 when Redis answers").register(meters);
        gauge(meters, "relais.shop.alerts.open", "Open low-stock alerts", jdbc, "select count(*) from shop.alerts where cleared_at is null");
        gauge(meters, "relais.shop.orders.pending", "Orders waiting for approval or stock", jdbc, "select count(*) from shop.orders where status = 'PENDING'");
        gauge(meters, "relais.knowledge.chunks", "Chunks indexed", jdbc, "select count(*) from knowledge.chunks");
        gauge(meters, "relais.production.model.runs.failed", "Model runs failed in the last 24 h", jdbc,
                "select count(*) from production.model_runs where status = 'FAILED' and started_at > now() - interval '24 hours'");
        gauge(meters, "relais.retail.etl.runs.failed", "ETL runs failed in the last 24 h", jdbc,
                "select count(*) from retail.etl_runs where status = 'FAILED' and started_at > now() - interval '24 hours'");
        gaugeValue(meters, "relais.production.model.r2", "Mean held-out R² of the current regression models", jdbc,
                "select (metrics ->> 'mean_r2')::float8 from production.model_runs where kind = 'regression' and status = 'SUCCEEDED' order by id desc limit 1");
        gaugeValue(meters, "relais.production.anomalies.flagged", "Batches the current anomaly run flags", jdbc,
                "select (metrics ->> 'flagged')::float8 from production.model_runs where kind = 'anomalies' and status = 'SUCCEEDED' order by id desc limit 1");
        Gauge.builder("relais.camunda.incidents.open", runtime, r -> safe(() -> r.createIncidentQuery().count()))
                .description("Open Camunda incidents").register(meters);
        Gauge.builder("relais.camunda.instances.running", runtime, r -> safe(() -> r.createProcessInstanceQuery().active().count()))
                .description("Running process instances").register(meters);
    }

    private static void gauge(MeterRegistry meters, String name, String description, JdbcTemplate jdbc, String sql) {
        Gauge.builder(name, jdbc, j -> safe(() -> j.queryForObject(sql, Long.class))).description(description).register(meters);
    }

    private static void gaugeValue(MeterRegistry meters, String name, String description, JdbcTemplate jdbc, String sql) {
        Gauge.builder(name, jdbc, j -> {
            try {
                Double v = j.queryForList(sql, Double.class).stream().findFirst().orElse(null);
                return v == null ? Double.NaN : v;
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description(description).register(meters);
    }

    private static double safe(java.util.function.Supplier<Long> value) {
        try {
            Long v = value.get();
            return v == null ? 0 : v;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
