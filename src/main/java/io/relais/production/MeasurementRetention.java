package io.relais.production;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.relais.platform.ops.RetentionRule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Measurements older than {@code relais.housekeeping.measurements-years}: whole yearly partitions dropped (TimescaleDB:
 * {@code drop_chunks}).
 */
@Component
class MeasurementRetention implements RetentionRule {

    private final JdbcTemplate jdbc;
    private final int years;

    MeasurementRetention(JdbcTemplate jdbc, @Value("${relais.housekeeping.measurements-years}") int years) {
        this.jdbc = jdbc;
        this.years = years;
    }

    @Override
    public String name() {
        return "measurement_partitions";
    }

    @Override
    public Object apply() {
        LocalDate keepFrom = LocalDate.now().minusYears(years).withDayOfYear(1);
        List<String> dropped = new ArrayList<>();
        boolean timescale = Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from pg_extension where extname = 'timescaledb')", Boolean.class));
        if (timescale) {
            jdbc.queryForList("select drop_chunks('production.measurements', older_than => ?::date)::text", String.class, keepFrom).forEach(dropped::add);
            return dropped;
        }
        for (String partition : jdbc.queryForList("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                + "join pg_class p on p.oid = i.inhparent join pg_namespace n on n.oid = p.relnamespace "
                + "where n.nspname = 'production' and p.relname = 'measurements' and c.relname ~ '^measurements_[0-9]{4}$'", String.class)) {
            int year = Integer.parseInt(partition.substring("measurements_".length()));
            if (year < keepFrom.getYear()) {
                jdbc.execute("drop table production." + partition);
                dropped.add("production." + partition);
            }
        }
        return dropped;
    }
}
