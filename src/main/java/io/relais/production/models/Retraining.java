package io.relais.production.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Retrains the production models from the database and records each run ({@code production.model_runs}: inputs,
 * parameters, metrics, duration, version); results go to tables keyed by run, and readers use the last successful run
 * of each kind ({@code production.current_runs}), so a failed run leaves the previous results serving.
 * <ul>
 *   <li>{@code regression}: per site x strain, ITM and liver weight on the dose curve, as a formula, with R² and MAE on
 *       held-out batches (every fifth);</li>
 *   <li>{@code clustering}: K-means of farmers on their performance, k by silhouette, labels matched to the last run;</li>
 *   <li>{@code anomalies}: Isolation Forest over recent batches, with each batch's top features.</li>
 * </ul>
 */
@Service("productionModels")
public class Retraining implements io.relais.platform.cluster.LeasedJob {

    /** The lease kind of model runs: a run whose node died is ABANDONED and run again once on a live node. */
    public static final String LEASE = "production-retraining";

    private static final Logger log = LoggerFactory.getLogger(Retraining.class);
    static final String VERSION = "1";
    static final String[] DOSE_FEATURES = {"dose_total_g", "days", "evening_share"};
    static final String[] ANOMALY_FEATURES = {"dose_total_g", "dose_last_day_g", "dose_min_day_g", "max_daily_mortality",
            "mortality_pct", "liver_mean_g", "liver_sigma_g", "itm"};
    static final double ANOMALY_THRESHOLD = 0.62;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batchWriter;
    private final ObjectMapper json;
    private final io.micrometer.core.instrument.MeterRegistry meters;

    private final io.relais.platform.cluster.JobLeases leases;

    Retraining(JdbcClient jdbc, NamedParameterJdbcTemplate batchWriter, ObjectMapper json, io.micrometer.core.instrument.MeterRegistry meters,
               io.relais.platform.cluster.JobLeases leases) {
        this.leases = leases;
        this.jdbc = jdbc;
        this.batchWriter = batchWriter;
        this.json = json;
        this.meters = meters;
    }

    /** Everything, in order; answers each run. {@code POST /api/production/models/retrain} and the 02:00 schedule. */
    public List<Map<String, Object>> retrainAll(@VerifiedCaller Caller caller) {
        String actor = Caller.nameOf(caller);
        String by = actor == null || actor.isBlank() ? "schedule" : actor;
        List<Map<String, Object>> runs = new ArrayList<>();
        runs.add(run("regression", this::regressions, 1, by));
        runs.add(run("clustering", this::clustering, 1, by));
        runs.add(run("anomalies", this::anomalies, 1, by));
        runs.add(run("forecasts", this::forecasts, 1, by));
        jdbc.sql("select production.refresh_site_performance()").query(rs -> { });
        return runs;
    }

    public Map<String, Object> detectAnomalies() {
        return run("anomalies", this::anomalies, 1, "schedule");
    }

    private Function<Long, Map<String, Object>> work(String kind) {
        return switch (kind) {
            case "regression" -> this::regressions;
            case "clustering" -> this::clustering;
            case "anomalies" -> this::anomalies;
            case "forecasts" -> this::forecasts;
            default -> throw new IllegalArgumentException("no model kind " + kind);
        };
    }

    @Override
    public String kind() {
        return LEASE;
    }

    /** The node running this model run died: ABANDONED with the reason, and the same kind runs again here once. */
    @Override
    public java.util.Optional<Runnable> abandoned(io.relais.platform.cluster.JobLeases.Lease lease, String reason, boolean retry) {
        String kind = String.valueOf(lease.input().get("kind"));
        String by = String.valueOf(lease.input().getOrDefault("startedBy", "schedule"));
        jdbc.sql("update production.model_runs set status = :status, error = :error, finished_at = now() where id = :id and status = 'RUNNING'")
                .param("status", retry ? "ABANDONED" : "FAILED").param("error", reason + (retry ? "; run again" : "; not run again"))
                .param("id", Long.parseLong(lease.jobId())).update();
        if (!retry) return java.util.Optional.empty();
        int attempt = lease.attempt() + 1;
        return java.util.Optional.of(() -> new Thread(() -> run(kind, work(kind), attempt, by), "retraining-retake").start());
    }

    private Map<String, Object> run(String kind, Function<Long, Map<String, Object>> work, int attempt, String startedBy) {
        long id = jdbc.sql("insert into production.model_runs (kind, status, version, started_by) values (:kind, 'RUNNING', :version, :by) "
                + "returning id").param("kind", kind).param("version", VERSION).param("by", startedBy).query(Long.class).single();
        leases.take(LEASE, String.valueOf(id), attempt, Map.of("kind", kind, "startedBy", startedBy));
        try {
            return runLeased(id, kind, work);
        } finally {
            leases.release(LEASE, String.valueOf(id));
        }
    }

    private Map<String, Object> runLeased(Long id, String kind, Function<Long, Map<String, Object>> work) {
        long t0 = System.nanoTime();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("kind", kind);
        try {
            Map<String, Object> metrics = work.apply(id);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            jdbc.sql("update production.model_runs set status = 'SUCCEEDED', metrics = cast(:metrics as jsonb), finished_at = now(), "
                            + "duration_ms = :ms where id = :id and status = 'RUNNING'")
                    .param("metrics", json.writeValueAsString(metrics)).param("ms", ms).param("id", id).update();
            out.put("status", "SUCCEEDED");
            out.put("durationMs", ms);
            meters.timer("relais.production.retrain.duration", "kind", kind).record(java.time.Duration.ofMillis(ms));
            out.put("metrics", metrics);
            log.info("Production model run {} ({}) in {} ms: {}", id, kind, ms, metrics.keySet());
        } catch (Exception e) {
            jdbc.sql("update production.model_runs set status = 'FAILED', error = :error, finished_at = now(), duration_ms = :ms where id = :id")
                    .param("error", String.valueOf(e.getMessage())).param("ms", (System.nanoTime() - t0) / 1_000_000).param("id", id).update();
            out.put("status", "FAILED");
            out.put("error", e.getMessage());
            log.error("Production model run {} ({}) failed; the previous results keep serving: {}", id, kind, e.getMessage());
        }
        return out;
    }

    /** One row per finished batch: the dose curve summarised, the outcome. */
    private List<Map<String, Object>> batchFeatures() {
        return jdbc.sql("""
                select b.id, b.site_code, b.strain_code, b.farmer_id, b.simulated_anomaly,
                       sum(m.dose_morning_g + m.dose_evening_g)::float8 as dose_total_g,
                       count(*)::float8 as days,
                       (sum(m.dose_evening_g)::float8 / nullif(sum(m.dose_morning_g + m.dose_evening_g), 0)) as evening_share,
                       max(m.dose_morning_g + m.dose_evening_g) filter (where m.day_index = (select max(day_index) from production.measurements x where x.batch_id = b.id))::float8 as dose_last_day_g,
                       min(m.dose_morning_g + m.dose_evening_g)::float8 as dose_min_day_g,
                       max(m.mortality)::float8 as max_daily_mortality,
                       (100.0 * (b.ducks - o.ducks_slaughtered) / b.ducks)::float8 as mortality_pct,
                       o.liver_mean_g::float8 as liver_mean_g, o.liver_sigma_g::float8 as liver_sigma_g, o.itm::float8 as itm,
                       o.grade_a_pct::float8 as grade_a_pct
                  from production.batches b
                  join production.outcomes o on o.batch_id = b.id
                  join production.measurements m on m.batch_id = b.id
                 group by b.id, o.batch_id
                 order by b.id""").query().listOfRows();
    }

    private Map<String, Object> regressions(long runId) {
        List<Map<String, Object>> rows = batchFeatures();
        Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) groups.computeIfAbsent(r.get("site_code") + "|" + r.get("strain_code"), k -> new ArrayList<>()).add(r);
        int models = 0;
        List<Double> r2s = new ArrayList<>();
        for (var e : groups.entrySet()) {
            List<Map<String, Object>> g = e.getValue();
            if (g.size() < 30) continue;
            for (String target : new String[] {"itm", "liver_mean_g"}) {
                List<double[]> trainX = new ArrayList<>(), testX = new ArrayList<>();
                List<Double> trainY = new ArrayList<>(), testY = new ArrayList<>();
                for (int i = 0; i < g.size(); i++) {
                    double[] x = new double[DOSE_FEATURES.length];
                    for (int f = 0; f < x.length; f++) x[f] = num(g.get(i).get(DOSE_FEATURES[f]));
                    if (i % 5 == 4) {
                        testX.add(x);
                        testY.add(num(g.get(i).get(target)));
                    } else {
                        trainX.add(x);
                        trainY.add(num(g.get(i).get(target)));
                    }
                }
                LinearRegression model = LinearRegression.fit(target, DOSE_FEATURES, trainX.toArray(double[][]::new),
                        trainY.stream().mapToDouble(Double::doubleValue).toArray());
                double[] fit = model.evaluate(testX.toArray(double[][]::new), testY.stream().mapToDouble(Double::doubleValue).toArray());
                String[] key = e.getKey().split("\\|");
                jdbc.sql("insert into production.regressions (run_id, site_code, strain_code, target, formula, coefficients, r2, mae, "
                                + "train_rows, test_rows) values (:run, :site, :strain, :target, :formula, cast(:coefficients as jsonb), :r2, :mae, "
                                + ":trainRows, :testRows)")
                        .param("run", runId).param("site", key[0]).param("strain", key[1]).param("target", target)
                        .param("formula", model.formula()).param("coefficients", write(model.coefficients())).param("r2", fit[0])
                        .param("mae", fit[1]).param("trainRows", trainX.size()).param("testRows", testX.size()).update();
                models++;
                r2s.add(fit[0]);
            }
        }
        return Map.of("models", models, "batches", rows.size(), "mean_r2", r2s.stream().mapToDouble(d -> d).average().orElse(0));
    }

    private Map<String, Object> clustering(long runId) {
        List<Map<String, Object>> farmers = jdbc.sql("""
                select b.farmer_id, avg(o.itm)::float8 as itm, avg(o.liver_mean_g)::float8 as liver_mean_g,
                       avg(o.liver_sigma_g)::float8 as liver_sigma_g, avg(o.grade_a_pct)::float8 as grade_a_pct,
                       (100.0 * sum(b.ducks - o.ducks_slaughtered) / sum(b.ducks))::float8 as mortality_pct, count(*) as batches
                  from production.batches b join production.outcomes o on o.batch_id = b.id
                 group by b.farmer_id order by b.farmer_id""").query().listOfRows();
        if (farmers.size() < 4) throw new IllegalStateException("too few farmers with finished batches: " + farmers.size());
        String[] features = {"itm", "liver_mean_g", "liver_sigma_g", "grade_a_pct", "mortality_pct"};
        double[][] x = new double[farmers.size()][features.length];
        for (int i = 0; i < x.length; i++) for (int f = 0; f < features.length; f++) x[i][f] = num(farmers.get(i).get(features[f]));
        double[][] z = KMeans.standardise(x);
        KMeans.Result result = KMeans.chooseK(z, 2, 6, 17);
        double[][] previous = previousCentroids();
        result = KMeans.stabilise(result, previous);
        for (int i = 0; i < farmers.size(); i++) {
            Map<String, Object> f = new LinkedHashMap<>();
            for (int j = 0; j < features.length; j++) f.put(features[j], Math.round(x[i][j] * 1000) / 1000.0);
            jdbc.sql("insert into production.farmer_clusters (run_id, farmer_id, cluster, features) values (:run, :farmer, :cluster, "
                            + "cast(:features as jsonb))")
                    .param("run", runId).param("farmer", farmers.get(i).get("farmer_id")).param("cluster", result.labels()[i])
                    .param("features", write(f)).update();
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("k", result.k());
        metrics.put("silhouette", Math.round(result.silhouette() * 1000) / 1000.0);
        metrics.put("farmers", farmers.size());
        metrics.put("centroids", result.centroids());
        metrics.put("features", features);
        return metrics;
    }

    private double[][] previousCentroids() {
        List<String> last = jdbc.sql("select metrics ->> 'centroids' from production.model_runs where kind = 'clustering' "
                + "and status = 'SUCCEEDED' order by id desc limit 1").query(String.class).list();
        if (last.isEmpty() || last.get(0) == null) return null;
        try {
            return json.readValue(last.get(0), double[][].class);
        } catch (Exception e) {
            return null;
        }
    }

    private Map<String, Object> anomalies(long runId) {
        List<Map<String, Object>> rows = batchFeatures();
        if (rows.size() < 50) throw new IllegalStateException("too few finished batches: " + rows.size());
        double[][] x = new double[rows.size()][ANOMALY_FEATURES.length];
        for (int i = 0; i < x.length; i++) for (int f = 0; f < ANOMALY_FEATURES.length; f++) x[i][f] = num(rows.get(i).get(ANOMALY_FEATURES[f]));
        double[][] z = KMeans.standardise(x);
        IsolationForest forest = IsolationForest.fit(z, 200, 256, 23);
        int flagged = 0, truePositive = 0, planted = 0;
        List<MapSqlParameterSource> inserts = new ArrayList<>();
        for (int i = 0; i < z.length; i++) {
            double[] why = new double[ANOMALY_FEATURES.length];
            double score = forest.score(z[i], why);
            boolean anomalous = score >= ANOMALY_THRESHOLD;
            Map<String, Object> top = new LinkedHashMap<>();
            Integer[] order = new Integer[why.length];
            for (int k = 0; k < order.length; k++) order[k] = k;
            java.util.Arrays.sort(order, (a, b) -> Double.compare(why[b], why[a]));
            for (int k = 0; k < 3; k++) top.put(ANOMALY_FEATURES[order[k]], Math.round(why[order[k]] * 1000) / 1000.0);
            inserts.add(new MapSqlParameterSource("run", runId).addValue("batch", rows.get(i).get("id")).addValue("score", score)
                    .addValue("anomalous", anomalous).addValue("contributions", write(top)));
            boolean isPlanted = rows.get(i).get("simulated_anomaly") != null;
            if (isPlanted) planted++;
            if (anomalous) {
                flagged++;
                if (isPlanted) truePositive++;
            }
        }
        batchWriter.batchUpdate("insert into production.batch_anomalies (run_id, batch_id, score, anomalous, contributions) "
                + "values (:run, :batch, :score, :anomalous, cast(:contributions as jsonb))", inserts.toArray(MapSqlParameterSource[]::new));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("batches", rows.size());
        metrics.put("flagged", flagged);
        metrics.put("threshold", ANOMALY_THRESHOLD);
        if (planted > 0) {
            metrics.put("planted", planted);
            metrics.put("precision", flagged == 0 ? 0 : Math.round(1000.0 * truePositive / flagged) / 1000.0);
            metrics.put("recall", Math.round(1000.0 * truePositive / planted) / 1000.0);
        }
        return metrics;
    }

    /** Weekly liver kg per site, then 7, 30 and 90-day totals with their intervals and backtest MAPE. */
    private Map<String, Object> forecasts(long runId) {
        java.time.LocalDate last = jdbc.sql("select max(slaughter_date) from production.outcomes").query(java.time.LocalDate.class).optional().orElse(null);
        if (last == null) throw new IllegalStateException("no slaughter yet");
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (String site : jdbc.sql("select code from production.sites order by code").query(String.class).list()) {
            List<Double> weeks = jdbc.sql("""
                    select coalesce(sum(o.liver_kg), 0)::float8
                      from generate_series(date_trunc('week', (select min(slaughter_date) from production.outcomes)),
                                           date_trunc('week', cast(:last as date)) - interval '1 week', interval '1 week') w
                      left join production.outcomes o on date_trunc('week', o.slaughter_date) = w
                           and o.batch_id in (select id from production.batches where site_code = :site)
                     group by w order by w""").param("last", last).param("site", site).query(Double.class).list();
            double[] series = weeks.stream().mapToDouble(Double::doubleValue).toArray();
            Map<String, Object> perSite = new LinkedHashMap<>();
            for (int days : new int[] {7, 30, 90}) {
                Forecaster.Forecast f = Forecaster.forecast(series, days / 7.0);
                jdbc.sql("insert into production.forecasts (run_id, site_code, horizon_days, from_date, forecast_kg, lower_kg, upper_kg, "
                                + "backtest_mape) values (:run, :site, :days, :from, :forecast, :lower, :upper, :mape)")
                        .param("run", runId).param("site", site).param("days", days).param("from", last.plusDays(1)).param("forecast", f.value())
                        .param("lower", f.lower()).param("upper", f.upper()).param("mape", Double.isNaN(f.mape()) ? null : f.mape()).update();
                perSite.put(days + "d_mape", Double.isNaN(f.mape()) ? null : Math.round(f.mape() * 10) / 10.0);
            }
            metrics.put(site, perSite);
        }
        return metrics;
    }

    private static double num(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
