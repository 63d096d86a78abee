package io.relais.retail.etl;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import io.relais.retail.mdm.GoldenRecords;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads a cleaned run with PostgreSQL COPY, all in one transaction: the tables are emptied and refilled inside it, the
 * publication gate (the quality checks) runs on the new data inside it too, and only a passing load commits; a crash,
 * an error or a failed check rolls back to the previous data, and readers never see half a load or a failed one. Golden ids come
 * from {@code retail.golden_registry}: a variant seen before keeps its golden id across runs.
 */
@Component
public class RetailLoader {

    /** A cleaned input ready to load: the sales file in COPY text (golden id to fill) and what it contains. */
    public record Staged(Path sales, Map<String, GoldenRecords.Variant> variants, Map<String, String[]> customers) {
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    RetailLoader(DataSource dataSource, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    /** Answers rows loaded per table. {@code salesLoaded} hears every 1,000 sales rows (and may throw to abort). */
    public Map<String, Long> load(long runId, Staged staged, GoldenRecords.Result mdm, LongConsumer salesLoaded) {
        return load(runId, staged, mdm, salesLoaded, counts -> true);
    }

    /**
     * Loads, then asks {@code publish} (inside the transaction, with the rows loaded per table) whether to commit; a
     * false answer rolls the load back. Answers the rows loaded per table (also when rolled back).
     */
    public Map<String, Long> load(long runId, Staged staged, GoldenRecords.Result mdm, LongConsumer salesLoaded,
                                  java.util.function.Predicate<Map<String, Long>> publish) {
        return transactions.execute(tx -> {
            try {
                Connection connection = DataSourceUtils.getConnection(dataSource);
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                jdbc.execute("truncate retail.sales_facts, retail.product_mapping, retail.mapping_review, retail.products, retail.customers");
                Map<Integer, String> goldenIds = goldenIds(runId, mdm);
                Map<String, Long> counts = new HashMap<>();
                counts.put("products", copyRows(copy, "retail.products (golden_id, stock_code, description, variants, stock_codes)",
                        mdm.goldens().stream().map(g -> CopyText.row(goldenIds.get(g.index()), g.stockCode(), g.description(),
                                g.members().size(), "{" + String.join(",", g.stockCodes().stream().map(RetailLoader::arrayItem).toList()) + "}")).toList()));
                Map<String, String> goldenOfVariant = new HashMap<>();
                List<String> mapping = new ArrayList<>();
                for (GoldenRecords.Link link : mdm.links()) {
                    String id = goldenIds.get(link.golden());
                    goldenOfVariant.put(rawKey(link.variant().stockCode(), link.variant().description()), id);
                    mapping.add(CopyText.row(link.variant().stockCode(), nz(link.variant().description()), id, link.pass(),
                            Math.round(link.score() * 1000) / 1000.0));
                }
                counts.put("product_mapping", copyRows(copy, "retail.product_mapping (stock_code, description_raw, golden_id, pass, score)", mapping));
                counts.put("mapping_review", copyRows(copy, "retail.mapping_review (stock_code, description_raw, candidate, pass, score)",
                        mdm.reviews().stream().map(r -> CopyText.row(r.variant().stockCode(), nz(r.variant().description()),
                                goldenIds.get(r.candidateGolden()), r.pass(), Math.round(r.score() * 1000) / 1000.0)).distinct().toList()));
                counts.put("customers", copyRows(copy, "retail.customers (customer_id, country, first_seen, last_seen)",
                        staged.customers().entrySet().stream().map(e -> CopyText.row(e.getKey(), e.getValue()[0], e.getValue()[1],
                                e.getValue()[2])).toList()));
                counts.put("sales_facts", copySales(connection.unwrap(PGConnection.class), staged.sales(), goldenOfVariant, salesLoaded));
                jdbc.execute("analyze retail.sales_facts");
                if (!publish.test(counts)) tx.setRollbackOnly();
                return counts;
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("load failed: " + e.getMessage(), e);
            }
        });
    }

    /** Streams the staged sales (COPY text without golden id) into COPY, adding each line's golden id. */
    private static long copySales(PGConnection pg, Path sales, Map<String, String> goldenOfVariant, LongConsumer progress)
            throws SQLException, IOException {
        long rows = 0;
        try (PGCopyOutputStream out = new PGCopyOutputStream(pg, "copy retail.sales_facts (invoice, stock_code, golden_id, "
                + "description, quantity, invoice_date, price, revenue, customer_id, country) from stdin with (freeze)", 1 << 16);
             BufferedReader in = Files.newBufferedReader(sales, StandardCharsets.UTF_8)) {
            String line;
            StringBuilder next = new StringBuilder(256);
            while ((line = in.readLine()) != null) {
                int t1 = line.indexOf('\t');
                int t2 = line.indexOf('\t', t1 + 1);
                int t3 = line.indexOf('\t', t2 + 1);
                String description = line.substring(t2 + 1, t3);
                String golden = goldenOfVariant.get(rawKey(line.substring(t1 + 1, t2),
                        "\\N".equals(description) ? null : CopyText.unescape(description)));
                next.setLength(0);
                next.append(line, 0, t2).append('\t').append(golden == null ? "\\N" : golden).append(line, t2, line.length()).append('\n');
                out.write(next.toString().getBytes(StandardCharsets.UTF_8));
                if (++rows % 1_000 == 0) progress.accept(rows);
            }
        }
        return rows;
    }

    private static long copyRows(CopyManager copy, String table, List<String> rows) throws SQLException, IOException {
        StringBuilder all = new StringBuilder();
        rows.forEach(all::append);
        return copy.copyIn("copy " + table + " from stdin", new java.io.StringReader(all.toString()));
    }

    /** Golden ids: reuse any id a member variant already had; else a new one from the anchor; remember all members. */
    private Map<Integer, String> goldenIds(long runId, GoldenRecords.Result mdm) {
        Map<String, String> registry = new HashMap<>();
        jdbc.query("select norm_key, golden_id from retail.golden_registry", rs -> {
            registry.put(rs.getString(1), rs.getString(2));
        });
        Map<Integer, String> ids = new HashMap<>();
        List<Object[]> fresh = new ArrayList<>();
        for (GoldenRecords.Golden g : mdm.goldens()) {
            Map<String, Integer> votes = new HashMap<>();
            for (GoldenRecords.Variant v : g.members()) {
                String known = registry.get(v.key());
                if (known != null) votes.merge(known, 1, Integer::sum);
            }
            String id = votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElseGet(() -> "G" + sha1(g.anchorKey()).substring(0, 10).toUpperCase());
            while (!votes.containsKey(id) && ids.containsValue(id)) id = "G" + sha1(id).substring(0, 10).toUpperCase();
            ids.put(g.index(), id);
            for (GoldenRecords.Variant v : g.members()) if (!registry.containsKey(v.key())) fresh.add(new Object[] {v.key(), id, runId});
        }
        jdbc.batchUpdate("insert into retail.golden_registry (norm_key, golden_id, first_run) values (?, ?, ?) on conflict do nothing", fresh);
        return ids;
    }

    static String rawKey(String stockCode, String description) {
        return stockCode + "\u0000" + nz(description);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String arrayItem(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
