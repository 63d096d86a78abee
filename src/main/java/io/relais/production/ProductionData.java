package io.relais.production;

import io.relais.platform.security.Caller;
import java.io.StringReader;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.relais.platform.embedded.DemoData;
import io.relais.production.simulation.FarmSimulator;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the simulator's two years into an empty production schema (on the embedded default, or when asked), with the
 * reference data: the three sites, the strains, three abattoirs with their capacities and distances. The demo's two
 * years end yesterday (the same data for a given day), so its dashboards show active batches, and next week's
 * abattoir plan has batches to place, whatever the date; nothing is measured after yesterday.
 */
@Component("productionData")
public class ProductionData {

    private static final Logger log = LoggerFactory.getLogger(ProductionData.class);
    public static final LocalDate SIMULATION_START = LocalDate.of(2024, 1, 1);

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final Environment env;
    private final ProductionSettings settings;
    private final org.springframework.beans.factory.ObjectProvider<io.relais.production.models.Retraining> models;

    ProductionData(JdbcClient jdbc, DataSource dataSource, TransactionTemplate transactions, Environment env,
                   ProductionSettings settings, org.springframework.beans.factory.ObjectProvider<io.relais.production.models.Retraining> models) {
        this.settings = settings;
        this.models = models;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.env = env;
    }

    @EventListener(ApplicationReadyEvent.class)
    void demo() {
        // the demo's screens show model results at once rather than after the first 02:00 retraining
        if (DemoData.wanted(settings.demoData(), env) && loadSimulationIfEmpty(demoStart(LocalDate.now(), 730), 730, 2024) > 0) {
            models.getObject().retrainAll(Caller.named("demo"));
        }
    }

    /** The first day of {@code days} simulated days that end yesterday. */
    public static LocalDate demoStart(LocalDate today, int days) {
        return today.minusDays(days);
    }

    /** Loads {@code days} of simulated production from {@link #SIMULATION_START} unless batches exist (tests: fixed dates). */
    public synchronized int loadSimulationIfEmpty(int days, long seed) {
        return loadSimulationIfEmpty(SIMULATION_START, days, seed);
    }

    /**
     * Loads {@code days} of simulated production from {@code from} unless batches exist; the day after the last is
     * "today": batches running then are ACTIVE, measured up to the day before. Answers the batches loaded.
     */
    public synchronized int loadSimulationIfEmpty(LocalDate from, int days, long seed) {
        if (jdbc.sql("select count(*) from production.batches").query(Long.class).single() > 0) return 0;
        long t0 = System.nanoTime();
        FarmSimulator.Data data = FarmSimulator.generate(from, days, seed);
        transactions.executeWithoutResult(tx -> {
            for (FarmSimulator.Site s : data.sites()) {
                jdbc.sql("insert into production.sites (code, name, region) values (:code, :name, :region) on conflict do nothing")
                        .param("code", s.code()).param("name", s.name()).param("region", s.region()).update();
            }
            jdbc.sql("insert into production.strains values ('MULARD', 'Mulard'), ('BARBARIE', 'Barbarie') on conflict do nothing").update();
            jdbc.sql("insert into production.abattoirs values ('A-LAN', 'Abattoir des Landes', 6), ('A-GER', 'Abattoir du Gers', 5), "
                    + "('A-BRE', 'Abattoir de Bretagne', 4) on conflict do nothing").update();
            jdbc.sql("""
                    insert into production.abattoir_distances values
                    ('A-LAN','LL',690),('A-LAN','LS',420),('A-LAN','MT',95),('A-GER','LL',720),('A-GER','LS',450),('A-GER','MT',60),
                    ('A-BRE','LL',35),('A-BRE','LS',180),('A-BRE','MT',760) on conflict do nothing""").update();
            Map<String, Integer> farmerIds = new HashMap<>();
            for (FarmSimulator.Farmer f : data.farmers()) {
                Integer id = jdbc.sql("insert into production.farmers (code, name, site_code) values (:code, :name, :site) returning id")
                        .param("code", f.code()).param("name", f.name()).param("site", f.site()).query(Integer.class).single();
                farmerIds.put(f.code(), id);
            }
            StringBuilder measurements = new StringBuilder();
            StringBuilder outcomes = new StringBuilder();
            LocalDate today = from.plusDays(days);
            for (FarmSimulator.Batch b : data.batches()) {
                String status = status(b, today);
                Long id = jdbc.sql("""
                                insert into production.batches (code, site_code, farmer_id, strain_code, ducks, start_date, end_date, status,
                                                                simulated_anomaly)
                                values (:code, :site, :farmer, :strain, :ducks, :start, :end, :status, :anomaly) returning id""")
                        .param("code", b.code()).param("site", b.site()).param("farmer", farmerIds.get(b.farmer())).param("strain", b.strain())
                        .param("ducks", b.ducks()).param("start", b.start()).param("end", b.end()).param("status", status)
                        .param("anomaly", b.anomaly()).query(Long.class).single();
                for (FarmSimulator.Day d : measured(b, today)) {
                    measurements.append(id).append('\t').append(d.day()).append('\t').append(d.index()).append('\t').append(d.doseMorning())
                            .append('\t').append(d.doseEvening()).append('\t').append(d.weight()).append('\t').append(d.mortality()).append('\n');
                }
                if ("DONE".equals(status)) {
                    outcomes.append(id).append('\t').append(b.end().plusDays(1)).append('\t').append(b.slaughtered()).append('\t')
                            .append(String.format(java.util.Locale.ROOT, "%.1f\t%.1f\t%.2f\t%.2f\t%.2f\t%.3f", b.liverMean(), b.liverSigma(),
                                    b.gradeA(), b.maizeKg(), b.liverKg(), b.itm())).append('\n');
                }
            }
            try {
                Connection c = DataSourceUtils.getConnection(dataSource);
                var copy = c.unwrap(PGConnection.class).getCopyAPI();
                copy.copyIn("copy production.measurements (batch_id, day, day_index, dose_morning_g, dose_evening_g, weight_g, mortality) "
                        + "from stdin", new StringReader(measurements.toString()));
                copy.copyIn("copy production.outcomes (batch_id, slaughter_date, ducks_slaughtered, liver_mean_g, liver_sigma_g, "
                        + "grade_a_pct, maize_kg, liver_kg, itm) from stdin", new StringReader(outcomes.toString()));
            } catch (Exception e) {
                throw new IllegalStateException("simulated production not loaded: " + e.getMessage(), e);
            }
        });
        jdbc.sql("refresh materialized view production.site_performance").update();
        log.info("Production: {} simulated batches loaded ({} farmers, {} days from {}) in {} ms", data.batches().size(),
                data.farmers().size(), days, from, (System.nanoTime() - t0) / 1_000_000);
        return data.batches().size();
    }

    /** A simulated batch's status on {@code today}: DONE once it ended before yesterday, PLANNED before it starts, else ACTIVE. */
    public static String status(FarmSimulator.Batch b, LocalDate today) {
        return b.end().isBefore(today.minusDays(1)) ? "DONE" : b.start().isAfter(today) ? "PLANNED" : "ACTIVE";
    }

    /** The days of a simulated batch measured by {@code today}: those before it (nothing is measured in the future). */
    public static java.util.List<FarmSimulator.Day> measured(FarmSimulator.Batch b, LocalDate today) {
        return b.days().stream().filter(d -> d.day().isBefore(today)).toList();
    }
}
