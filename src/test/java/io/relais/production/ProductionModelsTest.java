package io.relais.production;

import io.relais.platform.security.Caller;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.relais.production.models.Retraining;
import io.relais.production.simulation.FarmSimulator;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two simulated years loaded, every model retrained from the database, results recorded per run. */
class ProductionModelsTest extends AppTest {

    @Autowired
    ProductionData data;
    @Autowired
    Retraining models;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void simulated() {
        data.loadSimulationIfEmpty(730, 2024);
    }

    @Test
    void the_simulator_is_deterministic() {
        var a = FarmSimulator.generate(LocalDate.of(2024, 1, 1), 120, 7);
        var b = FarmSimulator.generate(LocalDate.of(2024, 1, 1), 120, 7);
        assertThat(a.batches()).hasSameSizeAs(b.batches());
        assertThat(a.batches().get(17)).isEqualTo(b.batches().get(17));
        assertThat(FarmSimulator.generate(LocalDate.of(2024, 1, 1), 120, 8).batches().get(17)).isNotEqualTo(a.batches().get(17));
    }

    @Test
    void retraining_records_runs_and_results_and_finds_most_planted_anomalies() {
        List<Map<String, Object>> runs = models.retrainAll(Caller.named("test"));
        assertThat(runs).extracting(r -> r.get("status")).containsOnly("SUCCEEDED");
        @SuppressWarnings("unchecked") Map<String, Object> regression = (Map<String, Object>) runs.get(0).get("metrics");
        assertThat(((Number) regression.get("models")).intValue()).isGreaterThanOrEqualTo(6); // 3 sites x mulard x 2 targets
        String formula = jdbc.queryForObject("select formula from production.regressions where site_code = 'LL' and strain_code = 'MULARD' "
                + "and target = 'liver_mean_g' order by run_id desc limit 1", String.class);
        assertThat(formula).startsWith("liver_mean_g = ").contains("× dose_total_g");
        Double r2 = jdbc.queryForObject("select r2 from production.regressions where site_code = 'LL' and strain_code = 'MULARD' "
                + "and target = 'liver_mean_g' order by run_id desc limit 1", Double.class);
        assertThat(r2).isGreaterThan(0.3);

        @SuppressWarnings("unchecked") Map<String, Object> clustering = (Map<String, Object>) runs.get(1).get("metrics");
        assertThat(((Number) clustering.get("k")).intValue()).isBetween(2, 6);
        assertThat(jdbc.queryForObject("select count(*) from production.farmer_clusters where run_id = ?", Long.class,
                runs.get(1).get("id"))).isEqualTo(jdbc.queryForObject("select count(distinct b.farmer_id) from production.batches b "
                + "join production.outcomes o on o.batch_id = b.id", Long.class)); // 60 simulated, plus any another test imported

        @SuppressWarnings("unchecked") Map<String, Object> anomalies = (Map<String, Object>) runs.get(2).get("metrics");
        System.out.println("Isolation Forest on planted anomalies: " + anomalies);
        assertThat(((Number) anomalies.get("recall")).doubleValue()).isGreaterThanOrEqualTo(0.5); // 0.61 on the simulated data alone
        assertThat(((Number) anomalies.get("precision")).doubleValue()).isGreaterThanOrEqualTo(0.5); // 1.00 on the simulated data alone

        @SuppressWarnings("unchecked") Map<String, Object> forecasts = (Map<String, Object>) runs.get(3).get("metrics");
        System.out.println("Forecast backtest MAPE: " + forecasts);
        assertThat(jdbc.queryForObject("select count(*) from production.forecasts where run_id = ? and lower_kg <= forecast_kg "
                + "and forecast_kg <= upper_kg and lower_kg >= 0", Long.class, runs.get(3).get("id"))).isEqualTo(9);

        // labels stay stable: a second clustering maps to the same labels
        var again = models.retrainAll(Caller.named("test"));
        Long moved = jdbc.queryForObject("select count(*) from production.farmer_clusters a join production.farmer_clusters b "
                + "on a.farmer_id = b.farmer_id where a.run_id = ? and b.run_id = ? and a.cluster <> b.cluster", Long.class,
                runs.get(1).get("id"), again.get(1).get("id"));
        assertThat(moved).isZero();
    }
}
