package io.relais.shop.restock;

import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.relais.platform.data.Outbox;
import io.relais.platform.files.ImportReport;
import io.relais.platform.web.ApiProblem;
import io.relais.shop.ShopSettings;
import io.relais.shop.stock.StockLedger;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;

/**
 * Restock: scheduled purchase proposals from reorder rules and sales velocity, and deliveries that raise stock
 * through the ledger and announce {@code StockReplenished} (route {@code direct:shop-stock-replenished}) after commit.
 */
@Service("restockService")
@Validated
public class RestockService {

    public static final String REPLENISHED_ROUTE = "direct:shop-stock-replenished";
    private static final Logger log = LoggerFactory.getLogger(RestockService.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final StockLedger ledger;
    private final ShopSettings settings;
    private final Outbox outbox;

    RestockService(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, StockLedger ledger,
                   ShopSettings settings, Outbox outbox) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ledger = ledger;
        this.settings = settings;
        this.outbox = outbox;
    }

    public record Delivery(@NotEmpty @Valid List<DeliveryLine> lines, String reason) {
        public record DeliveryLine(@NotBlank String reference, @NotNull @Min(1) @Max(1_000_000) Integer quantity) {
        }
    }

    public record Proposal(String reference, String name, int quantity, String reason, String plannedAt) {
    }

    /** A delivery: every line lands or none (unknown references are a 404). */
    public Map<String, Object> deliver(@NotNull @Valid Delivery delivery, @VerifiedCaller Caller caller) {
        String actor = Caller.nameOf(caller);
        Map<String, Integer> received = transactions.execute(tx -> {
            Map<String, Integer> byRef = new LinkedHashMap<>();
            delivery.lines().forEach(l -> byRef.merge(l.reference().strip().toUpperCase(Locale.ROOT), l.quantity(), Integer::sum));
            Map<String, Long> ids = new LinkedHashMap<>();
            jdbc.query("select reference, id from shop.products where reference in (:refs) order by id",
                    new MapSqlParameterSource("refs", byRef.keySet()), rs -> {
                        ids.put(rs.getString(1), rs.getLong(2));
                    });
            List<String> unknown = byRef.keySet().stream().filter(r -> !ids.containsKey(r)).toList();
            if (!unknown.isEmpty()) throw ApiProblem.notFound("unknown product reference(s): " + String.join(", ", unknown));
            String reason = delivery.reason() == null ? "delivery" : delivery.reason();
            ids.forEach((ref, id) -> ledger.receive(id, byRef.get(ref), reason, actor == null ? "inbox" : actor));
            jdbc.update("update shop.purchase_proposals set status = 'RECEIVED' where status in ('PROPOSED', 'ORDERED') "
                    + "and product_id in (:ids)", new MapSqlParameterSource("ids", ids.values()));
            Map<String, Integer> done = new LinkedHashMap<>(byRef);
            // in this transaction: the delivery and its StockReplenished commit together (the outbox delivers it)
            outbox.send(REPLENISHED_ROUTE, Map.of("references", List.copyOf(done.keySet()), "received", done));
            return done;
        });
        log.info("Delivery received by {}: {}", actor, received);
        return Map.of("received", received);
    }

    /** inbox/shop/deliveries/*.csv: reference,quantity[,reason] lines; bad lines reported, the rest delivered. */
    public ImportReport deliverCsv(java.io.InputStream csv, @Header("CamelFileName") String file) throws java.io.IOException {
        ImportReport report = new ImportReport(file);
        List<Delivery.DeliveryLine> lines = new ArrayList<>();
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(csv, java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            long n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                if (line.isBlank() || (n == 1 && line.toLowerCase(Locale.ROOT).contains("reference"))) continue;
                String[] parts = line.split("[;,\t]");
                try {
                    int q = Integer.parseInt(parts[1].strip());
                    if (q <= 0) throw new NumberFormatException();
                    lines.add(new Delivery.DeliveryLine(parts[0].strip(), q));
                } catch (RuntimeException e) {
                    report.reject(n, "expected reference,quantity (quantity a whole number > 0)", line);
                }
            }
        }
        if (!lines.isEmpty()) {
            Map<String, Integer> known = new LinkedHashMap<>();
            jdbc.query("select reference from shop.products where reference in (:refs)", new MapSqlParameterSource("refs",
                    lines.stream().map(l -> l.reference().toUpperCase(Locale.ROOT)).toList()), rs -> {
                        known.put(rs.getString(1), 0);
                    });
            List<Delivery.DeliveryLine> valid = lines.stream().filter(l -> known.containsKey(l.reference().toUpperCase(Locale.ROOT))).toList();
            lines.stream().filter(l -> !known.containsKey(l.reference().toUpperCase(Locale.ROOT)))
                    .forEach(l -> report.reject(0, "unknown reference " + l.reference(), l.reference()));
            if (!valid.isEmpty()) {
                deliver(new Delivery(valid, "delivery file " + file), Caller.named("inbox"));
                report.count("received", valid.size());
            }
        }
        return report.completed();
    }

    /** The scheduled planning run: one open proposal per product at most; returns how many were proposed. */
    public int planProposals() {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select p.id, p.stock_alert_threshold, s.quantity - s.reserved as available,
                       coalesce((select sum(l.quantity) from shop.order_lines l join shop.orders o on o.id = l.order_id
                                  where l.product_id = p.id and o.status = 'CONFIRMED'
                                    and o.created_at > now() - make_interval(days => :days)), 0) as sold,
                       r.min_quantity, r.max_quantity, r.pack_multiple, r.lead_time_days
                  from shop.products p join shop.stock s on s.product_id = p.id
                  left join shop.reorder_rules r on r.product_id = p.id
                 where not exists (select 1 from shop.purchase_proposals pp where pp.product_id = p.id and pp.status = 'PROPOSED')
                """, new MapSqlParameterSource("days", settings.restock().velocityDays()));
        int proposed = 0;
        for (Map<String, Object> r : rows) {
            double velocity = ((Number) r.get("sold")).doubleValue() / settings.restock().velocityDays();
            ReorderPlanner.Rule rule = r.get("min_quantity") == null
                    ? ReorderPlanner.defaultRule((Integer) r.get("stock_alert_threshold"), velocity, settings.restock().coverDays())
                    : new ReorderPlanner.Rule((Integer) r.get("min_quantity"), (Integer) r.get("max_quantity"),
                    (Integer) r.get("pack_multiple"), (Integer) r.get("lead_time_days"));
            ReorderPlanner.Proposal proposal = ReorderPlanner.plan((Integer) r.get("available"), velocity, rule);
            if (proposal == null) continue;
            proposed += jdbc.update("insert into shop.purchase_proposals (product_id, quantity, reason) values (:p, :q, :r) "
                    + "on conflict do nothing", new MapSqlParameterSource("p", r.get("id")).addValue("q", proposal.quantity())
                    .addValue("r", proposal.reason()));
        }
        log.info("Restock planning: {} new purchase proposal(s)", proposed);
        return proposed;
    }

    public List<Proposal> proposals() {
        return jdbc.query("""
                select p.reference, p.name, pp.quantity, pp.reason, pp.planned_at from shop.purchase_proposals pp
                  join shop.products p on p.id = pp.product_id where pp.status = 'PROPOSED' order by pp.planned_at desc, p.reference
                """, (rs, n) -> new Proposal(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                rs.getTimestamp(5).toInstant().toString()));
    }
}
