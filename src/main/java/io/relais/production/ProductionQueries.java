package io.relais.production;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import io.relais.platform.web.QueryParams;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the production screens read: sites, the dashboard KPIs, farmers' performance (with their cluster), quality
 * (ITM, sigma, anomalies with their reasons), finance per site, batches. A {@code farmer} sees only their own batches
 * and performance; managers and admins see everything. Model results are those of the last successful run.
 */
@Service("productionQueries")
public class ProductionQueries {

    private final JdbcClient jdbc;
    private final ProductionSettings settings;

    ProductionQueries(JdbcClient jdbc, ProductionSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public List<Map<String, Object>> sites() {
        return jdbc.sql("""
                select s.code, s.name, s.region,
                       (select count(*) from production.farmers f where f.site_code = s.code) as farmers,
                       (select count(*) from production.batches b where b.site_code = s.code and b.status = 'ACTIVE') as active_batches
                  from production.sites s order by s.code""").query().listOfRows();
    }

    public Map<String, Object> kpis() {
        Map<String, Object> k = new LinkedHashMap<>(jdbc.sql("""
                select coalesce(round(sum(o.liver_kg), 1), 0) as production_totale_kg,
                       (select count(*) from production.batches where status = 'ACTIVE') as nb_lots_actifs,
                       (select count(distinct farmer_id) from production.batches where status = 'ACTIVE') as nb_gaveurs_actifs,
                       round(avg(o.itm), 3) as itm_moyen,
                       round(avg(o.liver_sigma_g), 1) as sigma_moyen,
                       round(100.0 * (sum(b.ducks) - sum(o.ducks_slaughtered)) / nullif(sum(b.ducks), 0), 2) as mortalite_pct
                  from production.batches b join production.outcomes o on o.batch_id = b.id""").query().singleRow());
        k.put("nb_alertes_critiques", jdbc.sql("""
                select count(*) from production.batch_anomalies a join production.current_runs r on r.id = a.run_id
                 where r.kind = 'anomalies' and a.anomalous""").query(Long.class).single());
        return k;
    }

    public List<Map<String, Object>> performances(@Header("site_code") String site, @VerifiedCaller Caller caller) {
        String only = farmerOnly(caller);
        return jdbc.sql("""
                select f.code, f.name, f.site_code, count(o.batch_id) as batches, round(avg(o.itm), 3) as itm,
                       round(avg(o.liver_mean_g), 1) as liver_mean_g, round(avg(o.liver_sigma_g), 1) as sigma_g,
                       round(100.0 * sum(b.ducks - o.ducks_slaughtered) / nullif(sum(b.ducks), 0), 2) as mortality_pct,
                       (select c.cluster from production.farmer_clusters c join production.current_runs r on r.id = c.run_id
                         where r.kind = 'clustering' and c.farmer_id = f.id) as cluster
                  from production.farmers f
                  left join production.batches b on b.farmer_id = f.id
                  left join production.outcomes o on o.batch_id = b.id
                 where (cast(:site as text) is null or f.site_code = :site) and (cast(:farmer as text) is null or f.username = :farmer)
                 group by f.id order by f.code""").param("site", site).param("farmer", only).query().listOfRows();
    }

    public Map<String, Object> quality(@Header("site_code") String site) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("site_code", site);
        out.put("by_month", jdbc.sql("""
                select site_code, month, batches, avg_itm, avg_sigma_g, mortality_pct from production.site_performance
                 where cast(:site as text) is null or site_code = :site order by site_code, month""").param("site", site).query().listOfRows());
        out.put("anomalies", jdbc.sql("""
                select b.code as batch, b.site_code, f.code as farmer, round(a.score::numeric, 3) as score, a.contributions::text as why
                  from production.batch_anomalies a
                  join production.current_runs r on r.id = a.run_id and r.kind = 'anomalies'
                  join production.batches b on b.id = a.batch_id join production.farmers f on f.id = b.farmer_id
                 where a.anomalous and (cast(:site as text) is null or b.site_code = :site)
                 order by a.score desc limit 50""").param("site", site).query().listOfRows());
        return out;
    }

    public List<Map<String, Object>> finance() {
        ProductionSettings.Prices p = settings.prices();
        return jdbc.sql("""
                select b.site_code, round(sum(o.liver_kg) * cast(:liver as numeric), 2) as revenue_eur,
                       round(sum(o.maize_kg) * cast(:maize as numeric) + sum(b.ducks) * cast(:duckling as numeric), 2) as costs_eur,
                       round(sum(o.liver_kg) * cast(:liver as numeric) - sum(o.maize_kg) * cast(:maize as numeric)
                             - sum(b.ducks) * cast(:duckling as numeric), 2) as margin_eur,
                       count(*) as batches
                  from production.batches b join production.outcomes o on o.batch_id = b.id
                 group by b.site_code order by b.site_code""")
                .param("liver", p.liverPerKg()).param("maize", p.maizePerKg()).param("duckling", p.duckling()).query().listOfRows();
    }

    public Map<String, Object> batches(@Header("site_code") String site, @Header("page") String page, @Header("size") String size,
                                       @VerifiedCaller Caller caller) {
        String only = farmerOnly(caller);
        int pg = QueryParams.integer("page", page, 0, 0, 100_000), sz = QueryParams.integer("size", size, 50, 1, 500);
        String where = " where (cast(:site as text) is null or b.site_code = :site) and (cast(:farmer as text) is null or f.username = :farmer)";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", jdbc.sql("select b.id, b.code, b.site_code, f.code as farmer, b.strain_code, b.ducks, b.start_date, "
                        + "b.end_date, b.status from production.batches b join production.farmers f on f.id = b.farmer_id" + where
                        + " order by b.start_date desc, b.id limit :limit offset :offset")
                .param("site", site).param("farmer", only).param("limit", sz).param("offset", (long) pg * sz).query().listOfRows());
        out.put("total", jdbc.sql("select count(*) from production.batches b join production.farmers f on f.id = b.farmer_id" + where)
                .param("site", site).param("farmer", only).query(Long.class).single());
        out.put("page", pg);
        out.put("size", sz);
        return out;
    }

    public Map<String, Object> batch(@Header("id") String id, @VerifiedCaller Caller caller) {
        long batchId;
        try {
            batchId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("no batch " + id);
        }
        List<Map<String, Object>> rows = jdbc.sql("select b.*, f.code as farmer, f.username from production.batches b "
                + "join production.farmers f on f.id = b.farmer_id where b.id = :id").param("id", batchId).query().listOfRows();
        if (rows.isEmpty()) throw ApiProblem.notFound("no batch " + id);
        String only = farmerOnly(caller);
        if (only != null && !only.equals(rows.get(0).get("username"))) throw ApiProblem.forbidden("batch " + id + " is another farmer's");
        Map<String, Object> b = new LinkedHashMap<>(rows.get(0));
        b.remove("username");
        b.remove("simulated_anomaly");
        b.put("measurements", jdbc.sql("select day, day_index, dose_morning_g, dose_evening_g, weight_g, mortality "
                + "from production.measurements where batch_id = :id order by day").param("id", batchId).query().listOfRows());
        b.put("outcome", jdbc.sql("select * from production.outcomes where batch_id = :id").param("id", batchId).query().listOfRows()
                .stream().findFirst().orElse(null));
        return b;
    }

    public Map<String, Object> models() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", jdbc.sql("select id, kind, status, version, metrics::text as metrics, error, started_at, started_by, duration_ms "
                + "from production.model_runs order by id desc limit 30").query().listOfRows());
        out.put("regressions", jdbc.sql("select site_code, strain_code, target, formula, round(r2::numeric, 3) as r2, "
                + "round(mae::numeric, 3) as mae, train_rows, test_rows from production.regressions g join production.current_runs r "
                + "on r.id = g.run_id and r.kind = 'regression' order by site_code, strain_code, target").query().listOfRows());
        out.put("forecasts", jdbc.sql("select site_code, horizon_days, from_date, round(forecast_kg::numeric, 1) as forecast_kg, "
                + "round(lower_kg::numeric, 1) as lower_kg, round(upper_kg::numeric, 1) as upper_kg, round(backtest_mape::numeric, 1) as mape_pct "
                + "from production.forecasts f join production.current_runs r on r.id = f.run_id and r.kind = 'forecasts' "
                + "order by site_code, horizon_days").query().listOfRows());
        out.put("clusters", jdbc.sql("select c.cluster, count(*) as farmers, round(avg((c.features ->> 'itm')::numeric), 3) as itm, "
                + "round(avg((c.features ->> 'liver_mean_g')::numeric), 1) as liver_mean_g from production.farmer_clusters c "
                + "join production.current_runs r on r.id = c.run_id and r.kind = 'clustering' group by c.cluster order by c.cluster").query().listOfRows());
        return out;
    }

    /** A farmer is limited to their own farm (their username); staff see all (null). */
    private static String farmerOnly(Caller caller) {
        if (caller == null) return "\u0000nobody";
        return caller.isStaff() ? null : caller.username();
    }
}
