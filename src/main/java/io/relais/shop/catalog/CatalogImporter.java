package io.relais.shop.catalog;

import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.relais.platform.files.ImportReport;
import io.relais.platform.web.ApiProblem;
import io.relais.shop.ShopSettings;
import io.relais.shop.stock.StockCache;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a catalog CSV: streamed, validated row by row, upserted by reference in batches (one statement per batch).
 * A row identical to what is stored is counted "unchanged" and not written: re-importing a file changes nothing.
 * A new reference gets its initial stock through the ledger; an existing reference's stock is left to the ledger
 * (deliveries, orders), never overwritten by a catalog file.
 */
@Service("catalogImporter")
public class CatalogImporter {

    private static final Logger log = LoggerFactory.getLogger(CatalogImporter.class);

    private static final String UPSERT = """
            with input as (
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::int[], ?::text[], ?::int[], ?::text[])
                       as t(reference, name, description, category, price, threshold, image_url, stock, attributes)
            ), upserted as (
                insert into shop.products as p (reference, name, description, category, price, stock_alert_threshold, image_url,
                                                attributes, attributes_text)
                select reference, name, description, category, price, threshold, image_url, attributes::jsonb,
                       (select string_agg(value, ' ') from jsonb_each_text(attributes::jsonb)) from input
                on conflict (reference) do update
                   set name = excluded.name, description = excluded.description, category = excluded.category,
                       price = excluded.price, stock_alert_threshold = excluded.stock_alert_threshold,
                       image_url = excluded.image_url, attributes = excluded.attributes,
                       attributes_text = excluded.attributes_text, updated_at = now()
                 where (p.name, p.description, p.category, p.price, p.stock_alert_threshold, p.image_url, p.attributes)
                       is distinct from
                       (excluded.name, excluded.description, excluded.category, excluded.price,
                        excluded.stock_alert_threshold, excluded.image_url, excluded.attributes)
                returning p.id, p.reference, (xmax = 0) as inserted
            ), new_stock as (
                insert into shop.stock (product_id, quantity)
                select u.id, i.stock from upserted u join input i using (reference) where u.inserted
                returning product_id, quantity
            ), ledger as (
                insert into shop.stock_movements (product_id, type, quantity_delta, reason, actor)
                select product_id, 'INITIAL', quantity, 'catalog import', ? from new_stock where quantity > 0
            )
            select id, inserted from upserted
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ShopSettings settings;
    private final StockCache stockCache;
    private final MeterRegistry meters;
    private final ColumnMappings mappings;

    /** Rows a preview shows as they would land. */
    static final int PREVIEW_ROWS = 10;

    CatalogImporter(JdbcTemplate jdbc, TransactionTemplate transactions, ShopSettings settings, StockCache stockCache,
                    MeterRegistry meters, ColumnMappings mappings) {
        this.mappings = mappings;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.stockCache = stockCache;
        this.meters = meters;
    }

    /**
     * REST and inbox entry point: the body is the CSV. The layout is inferred; {@code mapping} names a saved or
     * configured mapping and {@code columns} (JSON, field -> column) gives some fields' columns. With {@code dryRun}
     * nothing is written: the report shows the layout with its confidences, sample rows as they would land, and the
     * rejections.
     */
    public ImportReport importCsv(InputStream csv, @Header("mapping") String mappingName, @Header("columns") String columns,
                                  @Header("dryRun") String dryRun, @Header("CamelFileName") String fileName,
                                  @VerifiedCaller Caller caller) {
        String actor = Caller.nameOf(caller);
        if (csv == null) throw ApiProblem.invalidField("body", "the body is empty: a catalog CSV is expected");
        ShopSettings.ColumnMapping mapping = mappings.forImport(mappingName, columns);
        return importFrom(csv, mapping, fileName == null ? "request body" : fileName, actor == null ? "inbox" : actor,
                io.relais.platform.web.QueryParams.bool("dryRun", dryRun, false));
    }

    public ImportReport importFrom(InputStream csv, ShopSettings.ColumnMapping mapping, String source, String actor) {
        return importFrom(csv, mapping, source, actor, false);
    }

    /** Imports (or, with {@code dryRun}, previews) a catalog file. */
    public ImportReport importFrom(InputStream csv, ShopSettings.ColumnMapping mapping, String source, String actor, boolean dryRun) {
        ImportReport report = new ImportReport(source);
        List<CatalogRow> batch = new ArrayList<>(settings.importing().batchSize());
        List<CatalogRow> sample = new ArrayList<>();
        CatalogCsvReader reader = new CatalogCsvReader(settings.importing());
        try {
            reader.read(csv, mapping, report, row -> {
                if (dryRun) {
                    report.count("valid", 1);
                    if (sample.size() < PREVIEW_ROWS) sample.add(row);
                    return;
                }
                batch.add(row);
                if (batch.size() >= settings.importing().batchSize()) {
                    upsert(batch, actor, report);
                    batch.clear();
                }
            });
        } catch (IllegalArgumentException unreadable) {
            throw ApiProblem.badRequest("cannot import " + source + ": " + unreadable.getMessage());
        }
        if (dryRun) {
            report.detail("sample", sample);
            return report.finish("PREVIEW", "nothing was written: import again without dryRun to land the valid rows");
        }
        if (!batch.isEmpty()) upsert(batch, actor, report);
        report.completed();
        meters.counter("relais.shop.import.rows", "outcome", "accepted")
                .increment(report.count("inserted") + report.count("updated") + report.count("unchanged"));
        meters.counter("relais.shop.import.rows", "outcome", "rejected").increment(report.count("rejected"));
        log.info("Catalog import of {}: {}", source, report.getCounts());
        return report;
    }

    private void upsert(List<CatalogRow> rows, String actor, ImportReport report) {
        int[] counts = transactions.execute(status -> {
            int[] written = jdbc.execute((ConnectionCallback<int[]>) c -> run(c, rows, actor));
            if (written[0] + written[1] > 0) ProductSearch.catalogChanged(jdbc);
            return written;
        });
        report.count("inserted", counts[0]).count("updated", counts[1]).count("unchanged", rows.size() - counts[0] - counts[1]);
        if (counts[0] > 0) stockCache.evictAll();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static String json(java.util.Map<String, String> attributes) {
        if (attributes == null || attributes.isEmpty()) return "{}";
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(attributes));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] run(Connection c, List<CatalogRow> rows, String actor) throws SQLException {
        int n = rows.size();
        String[] refs = new String[n], names = new String[n], descs = new String[n], cats = new String[n], images = new String[n],
                attributes = new String[n];
        BigDecimal[] prices = new BigDecimal[n];
        Integer[] thresholds = new Integer[n], stocks = new Integer[n];
        for (int i = 0; i < n; i++) {
            CatalogRow r = rows.get(i);
            refs[i] = r.reference();
            names[i] = r.name();
            descs[i] = r.description();
            cats[i] = r.category();
            prices[i] = r.price();
            thresholds[i] = r.alertThreshold();
            images[i] = r.imageUrl();
            stocks[i] = r.stock();
            attributes[i] = json(r.attributes());
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            Array[] arrays = {c.createArrayOf("text", refs), c.createArrayOf("text", names), c.createArrayOf("text", descs),
                    c.createArrayOf("text", cats), c.createArrayOf("numeric", prices), c.createArrayOf("int4", thresholds),
                    c.createArrayOf("text", images), c.createArrayOf("int4", stocks), c.createArrayOf("text", attributes)};
            for (int i = 0; i < arrays.length; i++) ps.setArray(i + 1, arrays[i]);
            ps.setString(10, actor);
            int inserted = 0, updated = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean("inserted")) inserted++;
                    else updated++;
                }
            }
            return new int[] {inserted, updated};
        }
    }
}
