package io.relais.production;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.relais.platform.ops.RetentionRule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Measurements older than {@code relais.housekeeping.measurements-years}: whole yearly partitions dropped (TimescaleDB:
 * {@code drop_chunks}).
 */
@Component
class MeasurementRetention implements RetentionRule {

    private final JdbcClient jdbc;
    private final int years;

    MeasurementRetention(JdbcClient jdbc, @Value("${relais.housekeeping.measurements-years}") int years) {
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
        boolean timescale = jdbc.sql("select exists (select 1 from pg_extension where extname = 'timescaledb')").query(Boolean.class).single();
        if (timescale) {
            jdbc.sql("select drop_chunks('production.measurements', older_than => cast(:keepFrom as date))::text").param("keepFrom", keepFrom)
                    .query(String.class).list().forEach(dropped::add);
            return dropped;
        }
        for (String partition : jdbc.sql("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                + "join pg_class p on p.oid = i.inhparent join pg_namespace n on n.oid = p.relnamespace "
                + "where n.nspname = 'production' and p.relname = 'measurements' and c.relname ~ '^measurements_[0-9]{4}$'").query(String.class).list()) {
            int year = Integer.parseInt(partition.substring("measurements_".length()));
            if (year < keepFrom.getYear()) {
                jdbc.sql("drop table production." + partition).update();
                dropped.add("production." + partition);
            }
        }
        return dropped;
    }
}
