package io.relais.production;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.relais.platform.ops.SqlGauges;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Production's gauges: failed model runs of the last day, the current models' R², the batches flagged. */
@Component
class ProductionMeters implements MeterBinder {

    private final JdbcTemplate jdbc;

    ProductionMeters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        SqlGauges.count(meters, "relais.production.model.runs.failed", "Model runs failed in the last 24 h", jdbc,
                "select count(*) from production.model_runs where status = 'FAILED' and started_at > now() - interval '24 hours'");
        SqlGauges.value(meters, "relais.production.model.r2", "Mean held-out R² of the current regression models", jdbc,
                "select (metrics ->> 'mean_r2')::float8 from production.model_runs where kind = 'regression' and status = 'SUCCEEDED' order by id desc limit 1");
        SqlGauges.value(meters, "relais.production.anomalies.flagged", "Batches the current anomaly run flags", jdbc,
                "select (metrics ->> 'flagged')::float8 from production.model_runs where kind = 'anomalies' and status = 'SUCCEEDED' order by id desc limit 1");
    }
}
