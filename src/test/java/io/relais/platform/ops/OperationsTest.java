package io.relais.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Backups with a verified restore, retention, alerts, the audit log, and dashboards that only name meters that exist. */
class OperationsTest extends AppTest {

    @Autowired
    Backups backups;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.springframework.core.env.Environment env;

    private static void requirePgTools() {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/pg_dump")) && Files.isExecutable(Path.of("/usr/bin/pg_restore"));
        if (System.getenv("RELAIS_REQUIRE_PG_TOOLS") == null) Assumptions.assumeTrue(installed, "postgresql-client is not installed");
        assertThat(installed).as("pg_dump and pg_restore in /usr/bin").isTrue();
    }

    @Test
    void a_backup_restores_into_a_scratch_database_with_the_same_row_counts() throws Exception {
        requirePgTools();
        String admin = api.adminToken();
        var r = api.post("/api/admin/backups", Map.of(), admin);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.body().path("status").asText()).as(r.raw().body()).isEqualTo("SUCCEEDED");
        Path file = Path.of(r.body().path("file").asText());
        assertThat(Files.readString(Path.of(file + ".sha256"))).startsWith(r.body().path("sha256").asText());
        JsonNode database = api.get("/api/admin/database", admin).body();
        assertThat(database.path("embedded").asBoolean()).isTrue();
        assertThat(database.path("port").asInt()).as("the embedded server's port, chosen at start").isPositive();
        assertThat(database.path("restore").asText()).contains("pg_restore").contains("-p " + database.path("port").asInt());
        assertThat(api.get("/api/admin/database", api.signup(unique("ops"), "rosebush-42").text("access_token")).status()).isEqualTo(403);
        JsonNode listed = api.get("/api/admin/backups", admin).body();
        assertThat(listed.get(0).path("id").asLong()).isEqualTo(r.body().path("id").asLong());
        assertThat(api.get("/api/admin/audit", admin).body().findValuesAsText("action")).contains("POST /api/admin/backups");

        String url = env.getProperty("spring.datasource.url");
        String scratch = "restore_check_" + System.nanoTime();
        jdbc.execute("create database " + scratch);
        try {
            var port = java.net.URI.create(url.substring(5)).getPort();
            Process p = new ProcessBuilder("pg_restore", "--no-owner", "--host", "127.0.0.1", "--port", String.valueOf(port),
                    "--username", "postgres", "--dbname", scratch, file.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(output).isZero();
            Map<String, Long> original = counts(url), restored = counts(url.replaceFirst("/[^/]*$", "/" + scratch));
            assertThat(original).isNotEmpty();
            assertThat(restored).isEqualTo(original);
        } finally {
            jdbc.execute("drop database if exists " + scratch + " with (force)");
        }
    }

    /** Row counts of the domain tables (the platform's and Camunda's keep moving while the test runs). */
    private static Map<String, Long> counts(String url) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("select table_schema || '.' || table_name from information_schema.tables "
                    + "where table_type = 'BASE TABLE' and table_schema in ('shop', 'retail', 'production', 'knowledge', 'resources') "
                    + "and table_name not in ('ops_alerts') order by 1")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            for (String t : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("select count(*) from " + t)) {
                    rs.next();
                    out.put(t, rs.getLong(1));
                }
            }
        }
        return out;
    }

    @Test
    void a_failing_pg_dump_gives_a_failed_entry_and_an_alert() {
        var entry = backups.runWith("/nonexistent/pg_dump", "test");
        assertThat(entry.get("status")).isEqualTo("FAILED");
        assertThat(String.valueOf(entry.get("error"))).contains("pg_dump not found");
        assertThat(api.get("/api/admin/alerts", api.adminToken()).body().findValuesAsText("kind")).contains("backup");
    }

    @Test
    void the_disk_watch_raises_an_alert_above_its_threshold() {
        String openDisk = "select count(*) from platform.ops_alerts where kind = 'disk' and cleared_at is null";
        backups.checkDiskAbove(-1); // any disk is fuller than -1 %
        assertThat(jdbc.queryForObject(openDisk, Long.class)).isEqualTo(1);
        backups.checkDiskAbove(-1); // raised once, not again
        assertThat(jdbc.queryForObject(openDisk, Long.class)).isEqualTo(1);
        backups.checkDiskAbove(101);
        assertThat(jdbc.queryForObject(openDisk, Long.class)).isZero();
    }

    @Test
    void retention_keeps_the_newest_daily_and_one_per_week_and_purges_exactly_the_rest() throws Exception {
        jdbc.update("update platform.backups set status = 'PURGED' where status = 'SUCCEEDED'"); // only this test's entries count
        Path dir = Files.createTempDirectory("backups");
        String[] days = {"2026-11-24", "2026-11-23", "2026-11-22", "2026-11-18", "2026-11-10", "2026-11-03"};
        List<Long> ids = new ArrayList<>();
        for (String d : days) {
            Path f = Files.writeString(dir.resolve(d + ".dump"), d);
            ids.add(jdbc.queryForObject("insert into platform.backups (trigger, status, file, started_at, finished_at) "
                    + "values ('test', 'SUCCEEDED', ?, ?, ?) returning id", Long.class, f.toString(),
                    Timestamp.valueOf(LocalDateTime.parse(d + "T01:30:00")), Timestamp.valueOf(LocalDateTime.parse(d + "T01:31:00"))));
        }
        int purged = backups.retain(2, 2);
        // newest two (24th, 23rd), and the newest of each of two weeks (week 48: the 24th; week 47: the 22nd)
        assertThat(purged).isEqualTo(3);
        Set<String> left = new TreeSet<>(jdbc.queryForList("select to_char(started_at, 'YYYY-MM-DD') from platform.backups "
                + "where status = 'SUCCEEDED'", String.class));
        assertThat(left).containsExactly("2026-11-22", "2026-11-23", "2026-11-24");
        assertThat(Files.exists(dir.resolve("2026-11-18.dump"))).isFalse();
        assertThat(Files.exists(dir.resolve("2026-11-22.dump"))).isTrue();
    }

    @Autowired
    Housekeeping housekeeping;

    @Test
    void housekeeping_removes_exactly_what_the_retention_says_and_logs_it() throws Exception {
        Path done = inboxDir().resolve("hk").resolve("feed").resolve(".done");
        Files.createDirectories(done);
        Path old = Files.writeString(done.resolve("old.csv"), "x");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(40))));
        Path recent = Files.writeString(done.resolve("recent.csv"), "y");
        Path pending = Files.writeString(done.getParent().resolve("waiting.csv.part"), "z");
        Files.setLastModifiedTime(pending, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(40))));
        Long oldRun = jdbc.queryForObject("insert into retail.etl_runs (source, strategy, status, started_at) values ('old', 'fuzzy', 'FAILED', "
                + "now() - interval '800 days') returning id", Long.class);

        Map<String, Object> removed = housekeeping.run();
        assertThat(removed.get("files").toString()).isEqualTo("[hk/feed/.done/old.csv]");
        assertThat(Files.exists(old)).isFalse();
        assertThat(Files.exists(recent)).isTrue();
        assertThat(Files.exists(pending)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from retail.etl_runs where id = ?", Long.class, oldRun)).isZero();
        assertThat(removed.get("measurement_partitions").toString()).contains("production.measurements_2020")
                .doesNotContain("production.measurements_" + (LocalDateTime.now().getYear() - 1));
        assertThat(jdbc.queryForObject("select count(*) from platform.audit_log where action = 'housekeeping'", Long.class)).isPositive();
    }

    @Test
    void meters_move_and_the_dashboard_and_alert_rules_name_only_meters_that_exist() throws Exception {
        String admin = api.adminToken();
        String p = "OPS" + System.nanoTime() % 100000;
        api.postRaw("/api/shop/products/import", "text/csv", "reference,name,category,price,stock\n" + p + "-1,Ops test,outils,5,100\n", admin);
        String customer = api.signup(unique("ops"), "rosebush-42").text("access_token");
        double before = placed();
        api.post("/api/shop/orders", Map.of("lines", List.of(Map.of("reference", p + "-1", "quantity", 1))), customer);
        assertThat(placed()).isEqualTo(before + 1);

        String scrape = api.get("/actuator/prometheus", "test-scrape-token").raw().body();
        Set<String> exported = new TreeSet<>();
        scrape.lines().filter(l -> !l.startsWith("#")).forEach(l -> exported.add(l.replaceAll("[{ ].*", "")));
        Set<String> referenced = new TreeSet<>();
        for (String file : List.of("ops/grafana/dashboards/relais.json", "ops/prometheus/alerts.yml")) {
            String text = Files.readString(Path.of(file));
            if (file.endsWith(".json")) json.readTree(text); // parses
            else assertThat((Object) new org.yaml.snakeyaml.Yaml().load(text)).isNotNull();
            Matcher m = Pattern.compile("\\b((?:relais|camel|disk)_[a-z0-9_]+)").matcher(text);
            while (m.find()) referenced.add(m.group(1));
        }
        assertThat((Object) new org.yaml.snakeyaml.Yaml().load(Files.readString(Path.of("ops/prometheus/prometheus.yml")))).isNotNull();
        // meters that only appear once something happened: a retraining, a crawl, an ETL run, a rate-limit rejection
        Set<String> eventual = Set.of("relais_production_retrain_duration_seconds_sum", "relais_production_retrain_duration_seconds_count",
                "relais_knowledge_pages_fetched_total", "relais_retail_etl_duration_seconds_sum", "relais_retail_etl_duration_seconds_count",
                "relais_retail_etl_rows_total", "relais_platform_rate_limited_total");
        for (String name : referenced) {
            if (eventual.contains(name)) continue;
            assertThat(exported).as("exported meters").contains(name);
        }
        assertThat(referenced).contains("relais_shop_orders_placed_total", "camel_exchanges_total", "relais_camunda_incidents_open");
    }

    private double placed() {
        String scrape = api.get("/actuator/prometheus", "test-scrape-token").raw().body();
        return scrape.lines().filter(l -> l.startsWith("relais_shop_orders_placed_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
