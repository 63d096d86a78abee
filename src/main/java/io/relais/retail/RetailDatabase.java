package io.relais.retail;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.relais.platform.embedded.DemoData;
import io.relais.retail.etl.EtlPipeline;
import io.relais.retail.etl.RetailDataGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retail database as its operators see it (parity with the seed's setup script): {@code check} lists tables,
 * views and counts; {@code views} rebuilds the views only ({@code db/retail/views.sql}); {@code drop} removes the
 * views and the loaded data (runs and golden ids stay). At start the views are built, and on the embedded default
 * an empty retail schema gets a small generated data set.
 */
@Component("retailDatabase")
public class RetailDatabase {

    private static final Logger log = LoggerFactory.getLogger(RetailDatabase.class);
    static final List<String> TABLES = List.of("etl_runs", "golden_registry", "products", "product_mapping", "mapping_review",
            "customers", "sales_facts", "review_facts", "parameters", "quality_results", "agent_audit");
    public static final List<String> VIEWS = List.of("v_product_kpi", "v_customer_kpi", "v_country_kpi", "v_alerts", "v_data_quality",
            "v_sales");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EtlPipeline etl;
    private final RetailSettings settings;
    private final Environment env;

    RetailDatabase(JdbcTemplate jdbc, TransactionTemplate transactions, EtlPipeline etl, RetailSettings settings, Environment env) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.etl = etl;
        this.settings = settings;
        this.env = env;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() throws IOException {
        rebuildViews();
        boolean demo = DemoData.wanted(settings.demoData(), env);
        Long runs = jdbc.queryForObject("select count(*) from retail.etl_runs", Long.class);
        if (demo && runs != null && runs == 0) {
            Path file = Path.of(env.getProperty("relais.data-dir", "data")).resolve("retail").resolve("demo-online-retail.csv");
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                RetailDataGenerator.write(out, settings.demoRows(), 7, "ii");
            }
            etl.submit(file, "demo data (" + settings.demoRows() + " generated rows)", false, io.relais.retail.etl.RetailLoader.Mode.SNAPSHOT, "demo");
            log.info("Retail demo data: {} generated Online Retail II rows are loading", settings.demoRows());
        }
    }

    /** {@code POST /api/retail/db/views}: the views again, from db/retail/views.sql. */
    public Map<String, Object> rebuildViews() throws IOException {
        String sql;
        try (InputStream in = new ClassPathResource("db/retail/views.sql").getInputStream()) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        transactions.executeWithoutResult(tx -> {
            for (String statement : statements(sql)) jdbc.execute(statement);
        });
        return Map.of("views", VIEWS, "rebuilt", true);
    }

    /** {@code GET /api/retail/db/check}: every table and view with its row count. */
    public Map<String, Object> check() {
        Map<String, Object> tables = new LinkedHashMap<>();
        for (String t : TABLES) tables.put(t, count("retail." + t));
        Map<String, Object> views = new LinkedHashMap<>();
        for (String v : VIEWS) {
            boolean exists = new NamedParameterJdbcTemplate(jdbc).queryForObject("select exists (select 1 from information_schema.views where table_schema = 'retail' "
                    + "and table_name = :view)", java.util.Map.of("view", v), Boolean.class);
            views.put(v, exists ? count("retail." + v) : "missing");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schema", "retail");
        out.put("tables", tables);
        out.put("views", views);
        out.put("ok", views.values().stream().noneMatch("missing"::equals));
        return out;
    }

    /** {@code POST /api/retail/db/drop}: views and loaded data go; runs, golden ids and parameters stay. */
    public Map<String, Object> drop() {
        transactions.executeWithoutResult(tx -> {
            for (String v : VIEWS) jdbc.execute("drop view if exists retail." + v + " cascade");
            jdbc.execute("truncate retail.sales_facts, retail.product_mapping, retail.mapping_review, retail.products, "
                    + "retail.customers, retail.review_facts");
        });
        return Map.of("dropped", VIEWS, "emptied", List.of("sales_facts", "product_mapping", "mapping_review", "products",
                "customers", "review_facts"));
    }

    private Object count(String relation) {
        return jdbc.queryForObject("select count(*) from " + relation, Long.class);
    }

    /** Splits on ";" at a line end, keeping DO blocks ($$ ... $$) whole. */
    static List<String> statements(String sql) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean dollar = false;
        for (String line : sql.split("\n")) {
            if (line.strip().startsWith("--") && current.length() == 0) continue;
            current.append(line).append('\n');
            int marks = line.split("\\$\\$", -1).length - 1;
            if (marks % 2 == 1) dollar = !dollar;
            if (!dollar && line.strip().endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) out.add(current.toString().strip());
        return out;
    }
}
