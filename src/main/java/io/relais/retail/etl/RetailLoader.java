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
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads a cleaned run with PostgreSQL COPY, all in one transaction, in one of two modes: a {@code snapshot} empties
 * the tables and refills them; an {@code increment} (a daily feed) replaces the file's invoices and adds the new ones.
 * In both, the file's cancellations take back units of earlier sales ({@link Cancellations}), the golden records are
 * matched over every variant the data then holds, and the publication gate (the quality checks) runs on the new data
 * inside the transaction: only a passing load commits; a crash, an error or a failed check rolls back to the previous
 * data, and readers never see half a load or a failed one. Golden ids come from {@code retail.golden_registry}: a
 * variant seen before keeps its golden id across runs.
 */
@Component
public class RetailLoader {

    /** Whether a run replaces everything or adds a feed to what is there. */
    public enum Mode {
        SNAPSHOT, INCREMENT;

        public static Mode of(String name, Mode otherwise) {
            if (name == null || name.isBlank()) return otherwise;
            return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "snapshot" -> SNAPSHOT;
                case "increment" -> INCREMENT;
                default -> throw io.relais.platform.web.ApiProblem.invalidField("mode", "snapshot or increment");
            };
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A cleaned input ready to load: the sales file in COPY text (golden id to fill), its variants, customers,
     * invoices and cancellations.
     */
    public record Staged(Path sales, Map<String, GoldenRecords.Variant> variants, Map<String, String[]> customers,
                         java.util.Set<String> invoices, List<Cancellations.Cancel> cancels) {
    }

    /**
     * What a load did: rows per table once loaded ({@code sales_facts}: the whole table; {@code sales_loaded}: the
     * file's sales), the sales rows serving before, the golden records, the cancellations and how long matching took.
     */
    public record Loaded(Map<String, Long> counts, long salesBefore, GoldenRecords.Result mdm, Cancellations.Outcome cancellations,
                         List<Cancellations.Cancel> alreadyApplied, long mdmNanos) {
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc; // DDL, COPY companions, statements without parameters
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate transactions;

    RetailLoader(DataSource dataSource, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = new TransactionTemplate(transactions);
    }

    /**
     * Loads, matching golden records with {@code match}, then asks {@code publish} (inside the transaction) whether to
     * commit; a false answer rolls the load back. {@code salesLoaded} hears every 1,000 sales rows (and may throw).
     */
    public Loaded load(long runId, Staged staged, Mode mode, java.util.function.Function<java.util.Collection<GoldenRecords.Variant>,
            GoldenRecords.Result> match, LongConsumer salesLoaded, java.util.function.Predicate<Loaded> publish) {
        return transactions.execute(tx -> {
            try {
                Connection connection = DataSourceUtils.getConnection(dataSource);
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                long before = count("retail.sales_facts");
                if (mode == Mode.SNAPSHOT) {
                    jdbc.execute("truncate retail.sales_facts, retail.product_mapping, retail.mapping_review, retail.products, retail.customers, "
                            + "retail.applied_cancellations");
                }
                List<Cancellations.Cancel> retake = List.of();
                java.util.Set<String> appliedBefore = mode == Mode.INCREMENT ? appliedBefore(staged.cancels()) : java.util.Set.of();
                Stored stored = mode == Mode.INCREMENT ? stored() : null;
                if (mode == Mode.INCREMENT) {
                    jdbc.execute("create temp table incoming_invoices (invoice text primary key) on commit drop");
                    copy.copyIn("copy incoming_invoices from stdin", new java.io.StringReader(
                            String.join("", staged.invoices().stream().map(CopyText::row).toList())));
                    jdbc.query("delete from retail.sales_facts s using incoming_invoices i where s.invoice = i.invoice "
                            + "returning s.stock_code, s.description", rs -> {
                        stored.remove(rawKey(rs.getString(1), rs.getString(2)));
                    });
                    retake = takenFromReplacedInvoices();
                }
                // the file's sales that its cancellations (and those taken again) may reduce: one read of the staging file
                List<Cancellations.Sale> stagedSales = Staging.candidates(staged.sales(), concat(staged.cancels(), retake));
                List<Cancellations.Cancel> alreadyApplied = new ArrayList<>();
                Cancellations.Outcome cancelled = cancel(runId, staged, stagedSales, mode, retake, appliedBefore, alreadyApplied, stored);
                Map<String, GoldenRecords.Variant> variants = variants(staged, stagedSales, cancelled, stored);
                long m0 = System.nanoTime();
                GoldenRecords.Result mdm = match.apply(variants.values());
                long mdmNanos = System.nanoTime() - m0;

                jdbc.execute("truncate retail.product_mapping, retail.mapping_review, retail.products");
                Map<Integer, String> goldenIds = goldenIds(runId, mdm);
                copyRows(copy, "retail.products (golden_id, stock_code, description, variants, stock_codes)",
                        mdm.goldens().stream().map(g -> CopyText.row(goldenIds.get(g.index()), g.stockCode(), g.description(),
                                g.members().size(), "{" + String.join(",", g.stockCodes().stream().map(RetailLoader::arrayItem).toList()) + "}")).toList());
                Map<String, String> goldenOfVariant = new HashMap<>();
                List<String> mapping = new ArrayList<>();
                for (GoldenRecords.Link link : mdm.links()) {
                    String id = goldenIds.get(link.golden());
                    goldenOfVariant.put(rawKey(link.variant().stockCode(), link.variant().description()), id);
                    mapping.add(CopyText.row(link.variant().stockCode(), nz(link.variant().description()), id, link.pass(),
                            Math.round(link.score() * 1000) / 1000.0, link.variant().rows()));
                }
                copyRows(copy, "retail.product_mapping (stock_code, description_raw, golden_id, pass, score, sales_rows)", mapping);
                long reviews = copyRows(copy, "retail.mapping_review (stock_code, description_raw, candidate, pass, score)",
                        mdm.reviews().stream().map(r -> CopyText.row(r.variant().stockCode(), nz(r.variant().description()),
                                goldenIds.get(r.candidateGolden()), r.pass(), Math.round(r.score() * 1000) / 1000.0)).distinct().toList());
                List<String> customers = staged.customers().entrySet().stream().map(e -> CopyText.row(e.getKey(), e.getValue()[0],
                        e.getValue()[1], e.getValue()[2])).toList();
                if (mode == Mode.SNAPSHOT) {
                    copyRows(copy, "retail.customers (customer_id, country, first_seen, last_seen)", customers);
                } else {
                    jdbc.execute("create temp table incoming_customers (like retail.customers) on commit drop");
                    copyRows(copy, "incoming_customers (customer_id, country, first_seen, last_seen)", customers);
                    jdbc.update("""
                            insert into retail.customers select * from incoming_customers on conflict (customer_id) do update
                               set country = coalesce(retail.customers.country, excluded.country),
                                   first_seen = least(retail.customers.first_seen, excluded.first_seen),
                                   last_seen = greatest(retail.customers.last_seen, excluded.last_seen)""");
                }
                long salesCopied = copySales(connection.unwrap(PGConnection.class), staged.sales(), goldenOfVariant, cancelled.quantities(),
                        mode == Mode.SNAPSHOT, salesLoaded);
                if (mode == Mode.INCREMENT) {
                    moveToNewGoldens(copy, stored, goldenOfVariant);
                } else {
                    jdbc.execute("analyze retail.sales_facts"); // an increment changes the statistics too little to pay for it
                }
                Map<String, Long> counts = new java.util.LinkedHashMap<>();
                counts.put("products", (long) mdm.goldens().size());
                counts.put("product_mapping", (long) mapping.size());
                counts.put("mapping_review", reviews);
                counts.put("customers", mode == Mode.SNAPSHOT ? customers.size() : count("retail.customers"));
                counts.put("sales_facts", mode == Mode.SNAPSHOT ? salesCopied : count("retail.sales_facts"));
                counts.put("sales_loaded", salesCopied);
                Loaded loaded = new Loaded(counts, before, mdm, cancelled, alreadyApplied, mdmNanos);
                if (!publish.test(loaded)) tx.setRollbackOnly();
                return loaded;
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("load failed: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Applies the file's cancellations to the earlier sales: the file's own (reduced as they are copied) and, in an
     * increment, the stored ones (reduced or deleted here, by row). A cancellation an earlier run applied (a day sent
     * again) is not applied twice: it lands in {@code alreadyApplied}.
     */
    private Cancellations.Outcome cancel(long runId, Staged staged, List<Cancellations.Sale> stagedSales, Mode mode,
                                         List<Cancellations.Cancel> retake, java.util.Set<String> appliedBefore,
                                         List<Cancellations.Cancel> alreadyApplied, Stored stored) {
        if (staged.cancels().isEmpty() && retake.isEmpty()) return Cancellations.allocate(List.of(), List.of());
        List<Cancellations.Cancel> fresh = new ArrayList<>(staged.cancels());
        fresh.removeIf(c -> appliedBefore.contains(c.invoice() + "\u0001" + c.stockCode() + "\u0001" + c.customerId()) && alreadyApplied.add(c));
        List<Cancellations.Sale> sales = new ArrayList<>(stagedSales);
        fresh.addAll(retake);
        if (mode == Mode.INCREMENT) {
            java.util.Set<String> customers = new java.util.HashSet<>(), codes = new java.util.HashSet<>();
            fresh.forEach(c -> {
                customers.add(c.customerId());
                codes.add(c.stockCode());
            });
            named.query("""
                    select ctid::text, invoice, stock_code, customer_id, invoice_date, quantity, description from retail.sales_facts
                     where customer_id = any(:customers) and stock_code = any(:codes)""",
                    new MapSqlParameterSource("customers", customers.toArray(String[]::new)).addValue("codes", codes.toArray(String[]::new)),
                    (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                        sales.add(new Cancellations.Sale("d:" + rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getTimestamp(5).toLocalDateTime(), rs.getInt(6), rawKey(rs.getString(3), rs.getString(7))));
                    });
        }
        Cancellations.Outcome outcome = Cancellations.allocate(fresh, sales);
        named.batchUpdate("insert into retail.applied_cancellations (invoice, stock_code, customer_id, cancelled_at, sale_invoice, units, run_id) "
                + "values (:invoice, :stockCode, :customer, :cancelledAt, :saleInvoice, :units, :run)", outcome.takes().stream()
                .map(t -> new MapSqlParameterSource("invoice", t.cancel().invoice()).addValue("stockCode", t.cancel().stockCode())
                        .addValue("customer", t.cancel().customerId()).addValue("cancelledAt", java.sql.Timestamp.valueOf(t.cancel().date()))
                        .addValue("saleInvoice", t.sale().invoice()).addValue("units", t.units()).addValue("run", runId))
                .toArray(MapSqlParameterSource[]::new));
        if (!retake.isEmpty()) {
            // a retaken cancellation is not the file's: it is neither applied by this file nor unmatched in its report
            java.util.Set<Cancellations.Cancel> ours = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            ours.addAll(retake);
            outcome = new Cancellations.Outcome(outcome.quantities(), outcome.applied().stream().filter(c -> !ours.contains(c)).toList(),
                    outcome.unmatched().stream().filter(c -> !ours.contains(c)).toList(), outcome.unitsCancelled(), outcome.takes());
        }
        List<MapSqlParameterSource> reduced = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        outcome.quantities().forEach((ref, quantity) -> {
            if (!ref.startsWith("d:")) return;
            if (quantity == 0) removed.add(ref.substring(2));
            else reduced.add(new MapSqlParameterSource("quantity", quantity).addValue("row", ref.substring(2)));
        });
        named.batchUpdate("update retail.sales_facts set quantity = :quantity, revenue = price * :quantity where ctid = cast(:row as tid)",
                reduced.toArray(MapSqlParameterSource[]::new));
        named.batchUpdate("delete from retail.sales_facts where ctid = cast(:row as tid)",
                removed.stream().map(row -> new MapSqlParameterSource("row", row)).toArray(MapSqlParameterSource[]::new));
        if (stored != null) {
            java.util.Set<String> gone = new java.util.HashSet<>();
            removed.forEach(r -> gone.add("d:" + r));
            sales.stream().filter(s -> gone.contains(s.ref())).forEach(s -> stored.remove(s.variant()));
        }
        return outcome;
    }

    /**
     * The units earlier cancellations took back from the invoices this increment replaces: they are taken back again
     * from the new lines (a day sent again keeps its cancellations), and their records go (they are written anew).
     */
    private List<Cancellations.Cancel> takenFromReplacedInvoices() {
        List<Cancellations.Cancel> retake = jdbc.query("""
                select a.invoice, a.stock_code, a.customer_id, a.cancelled_at, sum(a.units) from retail.applied_cancellations a
                  join incoming_invoices i on i.invoice = a.sale_invoice group by 1, 2, 3, 4""",
                (rs, n) -> new Cancellations.Cancel(-1, rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toLocalDateTime(),
                        rs.getInt(5), "taken back again from a replaced invoice"));
        jdbc.update("delete from retail.applied_cancellations a using incoming_invoices i where a.sale_invoice = i.invoice");
        return retake;
    }

    /** The file's cancellations that an earlier run applied (invoice, stock code, customer). */
    private java.util.Set<String> appliedBefore(List<Cancellations.Cancel> cancels) {
        if (cancels.isEmpty()) return java.util.Set.of();
        return new java.util.HashSet<>(named.queryForList("""
                select distinct invoice || chr(1) || stock_code || chr(1) || customer_id from retail.applied_cancellations
                 where invoice = any(:invoices)""", Map.of("invoices", cancels.stream().map(Cancellations.Cancel::invoice).distinct()
                .toArray(String[]::new)), String.class));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * The variants stored before an increment, with their sales rows and golden ids (from {@code product_mapping},
     * which every load writes with the sales it maps); the rows of sales the increment deletes are taken off as it goes.
     */
    static final class Stored {
        final Map<String, GoldenRecords.Variant> variants = new HashMap<>();
        final Map<String, long[]> rows = new HashMap<>();
        final Map<String, String> golden = new HashMap<>();

        void remove(String key) {
            long[] n = rows.get(key);
            if (n != null) n[0]--;
        }
    }

    private Stored stored() {
        Stored stored = new Stored();
        boolean[] counted = {true};
        jdbc.query("select stock_code, description_raw, golden_id, sales_rows from retail.product_mapping", rs -> {
            String description = rs.getString(2).isEmpty() ? null : rs.getString(2);
            String key = rawKey(rs.getString(1), description);
            stored.variants.put(key, new GoldenRecords.Variant(rs.getString(1), description, 0));
            stored.golden.put(key, rs.getString(3));
            long n = rs.getLong(4);
            if (rs.wasNull()) counted[0] = false;
            stored.rows.put(key, new long[] {n});
        });
        if (!counted[0]) { // mappings written before the rows were kept: count them once
            stored.rows.clear();
            jdbc.query("select stock_code, description, count(*) from retail.sales_facts group by 1, 2", rs -> {
                String key = rawKey(rs.getString(1), rs.getString(2));
                stored.variants.putIfAbsent(key, new GoldenRecords.Variant(rs.getString(1), rs.getString(2), 0));
                stored.rows.put(key, new long[] {rs.getLong(3)});
            });
        }
        return stored;
    }

    /**
     * Every variant the data will hold, with its sales rows: the file's (less the sales its cancellations removed)
     * and, in an increment, those stored.
     */
    private static Map<String, GoldenRecords.Variant> variants(Staged staged, List<Cancellations.Sale> stagedSales,
                                                               Cancellations.Outcome cancelled, Stored stored) {
        Map<String, long[]> rows = new HashMap<>();
        Map<String, GoldenRecords.Variant> shape = new HashMap<>(staged.variants());
        staged.variants().forEach((key, v) -> rows.put(key, new long[] {v.rows()}));
        if (!cancelled.quantities().isEmpty()) {
            for (Cancellations.Sale s : stagedSales) {
                if (Integer.valueOf(0).equals(cancelled.quantities().get(s.ref()))) rows.get(s.variant())[0]--;
            }
        }
        if (stored != null) {
            stored.variants.forEach(shape::putIfAbsent);
            stored.rows.forEach((key, n) -> rows.computeIfAbsent(key, k -> new long[1])[0] += n[0]);
        }
        Map<String, GoldenRecords.Variant> out = new HashMap<>();
        shape.forEach((key, v) -> {
            long n = rows.getOrDefault(key, new long[1])[0];
            if (n > 0) out.put(key, new GoldenRecords.Variant(v.stockCode(), v.description(), n));
        });
        return out;
    }

    /** Stored sales follow their variant when matching moved it to another golden record (one join, when any moved). */
    private void moveToNewGoldens(CopyManager copy, Stored stored, Map<String, String> goldenOfVariant) throws SQLException, IOException {
        List<String> moved = new ArrayList<>();
        stored.golden.forEach((key, before) -> {
            String after = goldenOfVariant.get(key);
            if (after != null && !after.equals(before)) {
                GoldenRecords.Variant v = stored.variants.get(key);
                moved.add(CopyText.row(v.stockCode(), nz(v.description()), after));
            }
        });
        if (moved.isEmpty()) return;
        jdbc.execute("create temp table moved_variants (stock_code text, description_raw text, golden_id text) on commit drop");
        copyRows(copy, "moved_variants", moved);
        jdbc.update("""
                update retail.sales_facts s set golden_id = m.golden_id from moved_variants m
                 where m.stock_code = s.stock_code and m.description_raw = coalesce(s.description, '')""");
    }

    private long count(String table) {
        Long n = jdbc.queryForObject("select count(*) from " + table, Long.class);
        return n == null ? 0 : n;
    }

    /**
     * Streams the staged sales (COPY text without golden id) into COPY, adding each line's golden id; a sale that a
     * cancellation reduced gets its new quantity and revenue, one it took back entirely is left out.
     */
    private static long copySales(PGConnection pg, Path sales, Map<String, String> goldenOfVariant, Map<String, Integer> cancelled,
                                  boolean freeze, LongConsumer progress) throws SQLException, IOException {
        long rows = 0, index = -1;
        try (PGCopyOutputStream out = new PGCopyOutputStream(pg, "copy retail.sales_facts (invoice, stock_code, golden_id, "
                + "description, quantity, invoice_date, price, revenue, customer_id, country) from stdin"
                + (freeze ? " with (freeze)" : ""), 1 << 16); // freeze: the table was emptied in this transaction
             BufferedReader in = Files.newBufferedReader(sales, StandardCharsets.UTF_8)) {
            String line;
            StringBuilder next = new StringBuilder(256);
            while ((line = in.readLine()) != null) {
                index++;
                if (!cancelled.isEmpty()) {
                    Integer quantity = cancelled.get("s:" + index);
                    if (quantity != null && quantity == 0) continue;
                    if (quantity != null) line = withQuantity(line, quantity);
                }
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

    /** A staged line with a new quantity, and the revenue that goes with it (price x quantity, exact). */
    static String withQuantity(String line, int quantity) {
        String[] f = line.split("\t", -1);
        f[3] = String.valueOf(quantity);
        f[6] = new java.math.BigDecimal(f[5]).multiply(java.math.BigDecimal.valueOf(quantity)).toPlainString();
        return String.join("\t", f);
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
        java.util.Set<String> used = new java.util.HashSet<>();
        List<MapSqlParameterSource> fresh = new ArrayList<>();
        for (GoldenRecords.Golden g : mdm.goldens()) {
            Map<String, Integer> votes = new HashMap<>();
            for (GoldenRecords.Variant v : g.members()) {
                String known = registry.get(v.key());
                if (known != null) votes.merge(known, 1, Integer::sum);
            }
            // the id most of its variants had, unless a golden record matched before (a bigger one) took it: when a
            // record splits, its id stays with one part and the other gets the next id its variants had, or a new one
            String id = votes.entrySet().stream().filter(v -> !used.contains(v.getKey()))
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).orElseGet(() -> "G" + sha1(g.anchorKey()).substring(0, 10).toUpperCase());
            while (used.contains(id)) id = "G" + sha1(id).substring(0, 10).toUpperCase();
            used.add(id);
            ids.put(g.index(), id);
            for (GoldenRecords.Variant v : g.members()) if (!registry.containsKey(v.key())) fresh.add(new MapSqlParameterSource("key", v.key()).addValue("golden", id).addValue("run", runId));
        }
        named.batchUpdate("insert into retail.golden_registry (norm_key, golden_id, first_run) values (:key, :golden, :run) on conflict do nothing",
                fresh.toArray(MapSqlParameterSource[]::new));
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
