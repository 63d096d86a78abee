package io.relais.platform.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Retention, run daily ({@code relais.housekeeping.*}): processed files in {@code inbox/**}/.done and .error older than
 * {@code files-days}; retail ETL runs older than {@code etl-runs-days} (with their check results); production
 * measurements older than {@code measurements-years} (whole yearly partitions dropped, or TimescaleDB chunks); audit
 * entries older than {@code audit-days}. Camunda's history is cleaned by Camunda itself in its batch window (config).
 * Each run is logged and written to the audit log with what it removed.
 */
@Component("housekeeping")
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final JdbcTemplate jdbc;
    private final Environment env;
    private final ObjectMapper json;

    Housekeeping(JdbcTemplate jdbc, Environment env, ObjectMapper json) {
        this.jdbc = jdbc;
        this.env = env;
        this.json = json;
    }

    public Map<String, Object> run() throws IOException {
        Map<String, Object> removed = new LinkedHashMap<>();
        removed.put("files", processedFiles(Path.of(env.getProperty("relais.inbox-dir", "inbox")),
                Duration.ofDays(env.getProperty("relais.housekeeping.files-days", Integer.class, 30))));
        int etlDays = env.getProperty("relais.housekeeping.etl-runs-days", Integer.class, 365);
        jdbc.update("delete from retail.quality_results q using retail.etl_runs r where q.run_id = r.id and r.started_at < now() - make_interval(days => ?)"
                + " and r.id <> (select max(id) from retail.etl_runs where status in ('SUCCEEDED', 'WARNED'))", etlDays);
        removed.put("etl_runs", jdbc.update("delete from retail.etl_runs r where r.started_at < now() - make_interval(days => ?) and r.id <> "
                + "coalesce((select max(id) from retail.etl_runs where status in ('SUCCEEDED', 'WARNED')), -1) "
                + "and not exists (select 1 from retail.quality_results q where q.run_id = r.id)", etlDays));
        removed.put("measurement_partitions", measurements(env.getProperty("relais.housekeeping.measurements-years", Integer.class, 5)));
        removed.put("audit_entries", jdbc.update("delete from platform.audit_log where at < now() - make_interval(days => ?)",
                env.getProperty("relais.housekeeping.audit-days", Integer.class, 730)));
        log.info("Housekeeping removed {}", removed);
        jdbc.update("insert into platform.audit_log (actor, action, outcome, details) values ('schedule', 'housekeeping', 'done', cast(? as jsonb))",
                json.writeValueAsString(removed));
        return removed;
    }

    /** Files under **}/.done and **}/.error older than the age; answers their paths. */
    static List<String> processedFiles(Path inbox, Duration age) throws IOException {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(inbox)) return removed;
        FileTime limit = FileTime.from(Instant.now().minus(age));
        try (Stream<Path> all = Files.walk(inbox)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String parent = p.getParent().getFileName().toString();
                if ((parent.equals(".done") || parent.equals(".error")) && Files.getLastModifiedTime(p).compareTo(limit) < 0) {
                    Files.delete(p);
                    removed.add(inbox.relativize(p).toString());
                }
            }
        }
        return removed;
    }

    /** Yearly partitions entirely older than the kept years are dropped (TimescaleDB: drop_chunks). */
    private List<String> measurements(int years) {
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
