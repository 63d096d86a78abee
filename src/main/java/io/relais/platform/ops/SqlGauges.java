package io.relais.platform.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gauges read by a SQL query when Prometheus scrapes, for the domains' {@link io.micrometer.core.instrument.binder.MeterBinder}s:
 * a count (0 when the query fails is wrong, so NaN), or a single value (NaN when there is none).
 */
public final class SqlGauges {

    private SqlGauges() {
    }

    public static void count(MeterRegistry meters, String name, String description, JdbcTemplate jdbc, String sql) {
        Gauge.builder(name, jdbc, j -> {
            try {
                Long v = j.queryForObject(sql, Long.class);
                return v == null ? 0 : v;
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description(description).register(meters);
    }

    public static void value(MeterRegistry meters, String name, String description, JdbcTemplate jdbc, String sql) {
        Gauge.builder(name, jdbc, j -> {
            try {
                Double v = j.queryForList(sql, Double.class).stream().findFirst().orElse(null);
                return v == null ? Double.NaN : v;
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description(description).register(meters);
    }
}
