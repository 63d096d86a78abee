package io.relais.retail;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.relais.platform.ops.SqlGauges;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Retail's gauges: ETL runs failed in the last day. */
@Component
class RetailMeters implements MeterBinder {

    private final JdbcTemplate jdbc;

    RetailMeters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        SqlGauges.count(meters, "relais.retail.etl.runs.failed", "ETL runs failed in the last 24 h", jdbc,
                "select count(*) from retail.etl_runs where status = 'FAILED' and started_at > now() - interval '24 hours'");
    }
}
