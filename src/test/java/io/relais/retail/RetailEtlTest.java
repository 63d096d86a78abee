package io.relais.retail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.retail.etl.EtlPipeline;
import io.relais.retail.etl.RetailDataGenerator;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The retail ETL end to end on generated Online Retail II data: clean, master data, COPY load, views, checks, runs. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetailEtlTest extends AppTest {

    @Autowired
    EtlPipeline etl;
    @Autowired
    JdbcTemplate jdbc;

    static Path generated(String name, int rows, long seed, String layout) throws Exception {
        Path file = Files.createTempDirectory("retail").resolve(name);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            RetailDataGenerator.write(out, rows, seed, layout);
        }
        return file;
    }

    @Test
    @Order(1)
    void a_run_cleans_matches_loads_and_checks_and_an_unchanged_input_is_skipped_unless_forced() throws Exception {
        Path file = generated("online_retail_II.csv", 6_000, 11, "ii");
        Map<String, Object> run = etl.run(file, "test", false, "test", n -> { });
        assertThat(run.get("status")).as(String.valueOf(run.get("error"))).isEqualTo("WARNED"); // 2011 data: freshness warns
        assertThat((Long) run.get("rowsRead")).isEqualTo(6_000L);
        @SuppressWarnings("unchecked") Map<String, Object> rejects = (Map<String, Object>) run.get("rejects");
        for (String rule : new String[] {"CANCELLATION", "MISSING_CUSTOMER", "DUPLICATE", "MALFORMED"}) {
            assertThat(((Number) rejects.get(rule)).longValue()).as(rule).isPositive();
        }
        long loaded = (Long) run.get("rowsLoaded");
        // every line read is loaded, rejected, or a cancellation that took back units (and the sales it emptied are gone)
        Map<?, ?> cancellations = (Map<?, ?>) run.get("cancellations");
        assertThat(loaded + (Long) run.get("rowsRejected") + ((Number) cancellations.get("lines")).longValue()
                + ((Number) cancellations.get("sales_removed")).longValue()).isEqualTo((Long) run.get("rowsRead"));
        assertThat(jdbc.queryForObject("select count(*) from retail.sales_facts", Long.class)).isEqualTo(loaded);
        assertThat(jdbc.queryForObject("select count(*) from retail.sales_facts where golden_id is null", Long.class)).isZero();
        @SuppressWarnings("unchecked") Map<String, Object> mdm = (Map<String, Object>) run.get("mdm");
        assertThat(((Number) mdm.get("golden_records")).intValue()).isLessThan(((Number) mdm.get("variants")).intValue());
        assertThat(run.get("steps").toString()).contains("clean", "mdm", "load", "checks");
        assertThat(jdbc.queryForObject("select count(*) from retail.v_product_kpi where revenue > 0", Long.class)).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from retail.v_alerts where level in ('CRITIQUE', 'A_SURVEILLER', 'OK')", Long.class)).isPositive();
        assertThat(jdbc.queryForMap("select * from retail.v_data_quality").get("run_id")).isEqualTo(run.get("id"));
        assertThat(jdbc.queryForObject("select level from retail.quality_results where run_id = ? and name = 'recent-invoices'",
                String.class, run.get("id"))).isEqualTo("WARN");

        Map<String, Object> again = etl.run(file, "test", false, "test", n -> { });
        assertThat(again.get("status")).isEqualTo("SKIPPED");
        assertThat(again.get("error").toString()).contains("run " + run.get("id"));
        Map<String, Object> forced = etl.run(file, "test", true, "test", n -> { });
        assertThat(forced.get("status")).isEqualTo("WARNED");
        assertThat(jdbc.queryForObject("select count(*) from retail.sales_facts", Long.class)).isEqualTo(loaded);
    }

    @Test
    @Order(2)
    void golden_ids_stay_the_same_across_runs() throws Exception {
        Map<String, String> before = goldenOfStockCode();
        Path file = generated("again.csv", 6_000, 11, "classic"); // same products, other layout: another input
        Map<String, Object> run = etl.run(file, "test", false, "test", n -> { });
        assertThat(run.get("status")).isEqualTo("WARNED");
        Map<String, String> after = goldenOfStockCode();
        before.forEach((code, golden) -> {
            if (after.containsKey(code)) assertThat(after.get(code)).as(code).isEqualTo(golden);
        });
        assertThat(jdbc.queryForObject("select count(*) from retail.customers where customer_id like '%.0'", Long.class)).isZero();
    }

    @Test
    @Order(3)
    void a_crash_in_the_middle_of_the_load_leaves_the_previous_data_intact() throws Exception {
        long before = jdbc.queryForObject("select count(*) from retail.sales_facts", Long.class);
        String lastGood = jdbc.queryForObject("select max(id)::text from retail.etl_runs where status in ('SUCCEEDED','WARNED')", String.class);
        Path file = generated("crash.csv", 8_000, 99, "ii");
        Map<String, Object> run = etl.run(file, "test", false, "test", n -> {
            if (n >= 2_000) throw new IllegalStateException("simulated crash after " + n + " rows");
        });
        assertThat(run.get("status")).isEqualTo("FAILED");
        assertThat(run.get("error").toString()).contains("simulated crash");
        assertThat(jdbc.queryForObject("select count(*) from retail.sales_facts", Long.class)).isEqualTo(before);
        assertThat(jdbc.queryForObject("select run_id::text from retail.v_data_quality", String.class)).isNotEqualTo(lastGood);
        // the failed input was not recorded as loaded: the same file runs again
        assertThat(etl.run(file, "test", false, "test", n -> { }).get("status")).isEqualTo("WARNED");
    }

    @Test
    @Order(4)
    void runs_are_started_and_followed_over_rest() throws Exception {
        String admin = api.adminToken();
        Path file = generated("upload.csv", 3_000, 5, "ii");
        var started = api.postRaw("/api/retail/etl/runs", "text/csv", Files.readString(file), admin);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        assertThat(started.header("Location")).isEqualTo("/api/retail/etl/runs/" + started.body().path("id").asText());
        JsonNode done = await().atMost(Duration.ofSeconds(60)).until(
                () -> api.get("/api/retail/etl/runs/" + started.body().path("id").asText(), admin).body(),
                r -> !"RUNNING".equals(r.path("status").asText()));
        assertThat(done.path("status").asText()).isEqualTo("WARNED");
        assertThat(api.get("/api/retail/etl/runs?size=2", admin).body().path("items").get(0).path("id").asLong())
                .isEqualTo(done.path("id").asLong());
        var skipped = api.postRaw("/api/retail/etl/runs", "text/csv", Files.readString(file), admin);
        assertThat(skipped.status()).isEqualTo(200);
        assertThat(skipped.body().path("status").asText()).isEqualTo("SKIPPED");

        JsonNode check = api.get("/api/retail/db/check", admin).body();
        assertThat(check.path("ok").asBoolean()).isTrue();
        assertThat(check.at("/views/v_product_kpi").asLong()).isPositive();
        assertThat(api.post("/api/retail/db/views", Map.of(), admin).status()).isEqualTo(200);
        assertThat(api.postRaw("/api/retail/etl/runs", "application/json", "{\"file\":\"../../etc/passwd\"}", admin).status())
                .isEqualTo(400);
        String customer = api.signup(unique("retail"), "rosebush-42").text("access_token");
        assertThat(api.postRaw("/api/retail/etl/runs", "text/csv", "x", customer).status()).isEqualTo(403);
    }

    @Test
    @Order(5)
    void reviews_dropped_in_the_inbox_reach_the_product_kpis_and_bad_ones_are_reported() throws Exception {
        String code = jdbc.queryForObject("select stock_code from retail.product_mapping order by score desc, stock_code limit 1", String.class);
        Path feed = inboxDir().resolve("retail").resolve("reviews");
        Files.createDirectories(feed);
        Path part = feed.getParent().resolve("reviews.json.part");
        Files.writeString(part, "[{\"StockCode\":\"" + code + "\",\"text\":\"Très joli\",\"rating\":5},"
                + "{\"stock_code\":\"" + code + "\",\"review\":\"cassé\",\"label\":\"negative\"},"
                + "{\"stock_code\":\"" + code + "\",\"rating\":9},{\"stock_code\":\"X\"}]");
        Files.move(part, feed.resolve("reviews.json"));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Path done = feed.resolve(".done");
            if (!Files.isDirectory(done)) return false;
            try (var files = Files.list(done)) {
                return files.anyMatch(f -> f.getFileName().toString().endsWith("reviews.json.report.json"));
            }
        });
        assertThat(jdbc.queryForObject("select count(*) from retail.review_facts where golden_id is not null", Long.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select rating from retail.v_product_kpi k join retail.product_mapping m "
                + "on m.golden_id = k.golden_id where m.stock_code = ? limit 1", Double.class, code)).isEqualTo(3.25);
        try (var files = Files.list(feed.resolve(".done"))) {
            Path report = files.filter(f -> f.getFileName().toString().endsWith("reviews.json.report.json")).findFirst().orElseThrow();
            JsonNode r = json.readTree(report.toFile());
            assertThat(r.at("/counts/rejected").asLong()).isEqualTo(2);
            assertThat(r.path("rejections").get(0).path("line").asLong()).isEqualTo(3);
        }
    }

    private Map<String, String> goldenOfStockCode() {
        Map<String, String> out = new java.util.HashMap<>();
        jdbc.query("select stock_code, golden_id from retail.products", rs -> {
            out.put(rs.getString(1), rs.getString(2));
        });
        return out;
    }
}
