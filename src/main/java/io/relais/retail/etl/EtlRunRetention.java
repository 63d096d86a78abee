package io.relais.retail.etl;

import io.relais.platform.ops.RetentionRule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** ETL runs older than {@code relais.housekeeping.etl-runs-days}, with their check results; the last good run stays. */
@Component
class EtlRunRetention implements RetentionRule {

    private final JdbcClient jdbc;
    private final int days;

    EtlRunRetention(JdbcClient jdbc, @Value("${relais.housekeeping.etl-runs-days}") int days) {
        this.jdbc = jdbc;
        this.days = days;
    }

    @Override
    public String name() {
        return "etl_runs";
    }

    @Override
    public Object apply() {
        jdbc.sql("delete from retail.quality_results q using retail.etl_runs r where q.run_id = r.id and r.started_at < now() - make_interval(days => :days)"
                + " and r.id <> (select max(id) from retail.etl_runs where status in ('SUCCEEDED', 'WARNED'))").param("days", days).update();
        return jdbc.sql("delete from retail.etl_runs r where r.started_at < now() - make_interval(days => :days) and r.id <> "
                + "coalesce((select max(id) from retail.etl_runs where status in ('SUCCEEDED', 'WARNED')), -1) "
                + "and not exists (select 1 from retail.quality_results q where q.run_id = r.id)").param("days", days).update();
    }
}
