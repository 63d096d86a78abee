package io.relais.retail.etl;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.relais.retail.RetailSettings;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data-quality checks declared in {@code relais.retail.checks}, run on a load before it is published (inside its
 * transaction, so they see the new data and nobody else does yet); each result is stored in
 * {@code retail.quality_results} (visible in {@code v_data_quality}) and on the run. A FAIL marks the run FAILED and
 * the load is rolled back (the previous data keeps serving); a WARN marks it WARNED and it is published.
 */
@Component
public class QualityChecks {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(QualityChecks.class);

    private final JdbcTemplate jdbc;
    private final RetailSettings settings;

    /** A savepoint inside the load's transaction (a transaction of its own outside one). */
    private final TransactionTemplate nested;

    QualityChecks(JdbcTemplate jdbc, RetailSettings settings, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public record Outcome(String name, String kind, String level, Double measured, String detail) {
    }

    private final Map<String, Long> totals = new java.util.HashMap<>();

    /**
     * Every check, one after the other on the caller's connection (inside the load's transaction: the new data is
     * visible to them and to nobody else); nothing is stored ({@link #record}).
     */
    public List<Outcome> evaluateAll() {
        return evaluateAll(false);
    }

    /**
     * As {@link #evaluateAll()}; for an increment, the duplicate check looks at the sales of the run's invoices only
     * (a duplicate line shares its invoice, and the increment replaced whole invoices: the others were checked when
     * they were loaded), which spares a grouping of the whole table on every daily feed.
     */
    public List<Outcome> evaluateAll(boolean increment) {
        totals.clear();
        Map<RetailSettings.Check, Outcome> scanned = scanTables(settings.checks());
        List<Outcome> outcomes = new ArrayList<>();
        for (RetailSettings.Check check : settings.checks()) {
            try {
                // each under a savepoint: a check that cannot run fails alone, the transaction goes on for the others
                outcomes.add(scanned.containsKey(check) ? scanned.get(check) : nested.execute(tx -> evaluate(check, increment)));
            } catch (RuntimeException e) {
                outcomes.add(new Outcome(check.name(), check.kind(), "FAIL", null, "check could not run: " + e.getMessage()));
            }
        }
        return outcomes;
    }

    /**
     * The volume check: the sales rows serving after the load against those serving before it; a drop beyond the set
     * share FAILs, unless forced.
     */
    public Outcome volume(long salesRows, Long before, boolean forced) {
        if (before == null || before == 0) return new Outcome("volume", "volume", "OK", (double) salesRows, "no sales rows served before");
        double drop = 1.0 - (double) salesRows / before;
        String detail = salesRows + " sales rows against " + before + " serving before this run ("
                + String.format(java.util.Locale.ROOT, "%+.1f%%", -drop * 100) + ")";
        if (drop <= settings.maxVolumeDrop()) return new Outcome("volume", "volume", "OK", drop, detail);
        if (forced) return new Outcome("volume", "volume", "WARN", drop, detail + "; forced");
        return new Outcome("volume", "volume", "FAIL", drop, detail + "; above the allowed drop of "
                + Math.round(settings.maxVolumeDrop() * 100) + "% (force=true to publish it anyway)");
    }

    /** Stores the outcomes of a run (after its load committed or rolled back). */
    public void record(long runId, List<Outcome> outcomes) {
        new NamedParameterJdbcTemplate(jdbc).batchUpdate("insert into retail.quality_results (run_id, name, kind, level, measured, detail) "
                + "values (:run, :name, :kind, :level, :measured, :detail)", outcomes.stream().map(o -> new MapSqlParameterSource("run", runId)
                .addValue("name", o.name()).addValue("kind", o.kind()).addValue("level", o.level()).addValue("measured", o.measured())
                .addValue("detail", o.detail())).toArray(MapSqlParameterSource[]::new));
    }

    /** The kinds a table's single scan answers: each is one aggregate over the table's rows. */
    private static final java.util.Set<String> SCANNED = java.util.Set.of("row_count", "null_rate", "accepted_values", "freshness");

    /**
     * The checks that are one aggregate of a table's rows (row counts, null rates, accepted values, freshness), each
     * table read once for all of them: on a daily feed's run these were five scans of the whole sales table, 450 of the
     * checks' 790 ms. The scan runs under a savepoint: if it fails (a check names a column the table lacks), nothing is
     * answered here and each check runs on its own, under its own savepoint, saying which one could not run.
     */
    private Map<RetailSettings.Check, Outcome> scanTables(List<RetailSettings.Check> checks) {
        Map<String, List<RetailSettings.Check>> byTable = new LinkedHashMap<>();
        for (RetailSettings.Check c : checks) {
            if (SCANNED.contains(c.kind())) byTable.computeIfAbsent(c.table(), t -> new ArrayList<>()).add(c);
        }
        Map<RetailSettings.Check, Outcome> out = new java.util.HashMap<>();
        byTable.forEach((name, scanned) -> {
            try {
                out.putAll(nested.execute(tx -> scan(name, scanned)));
            } catch (RuntimeException e) {
                log.warn("Quality checks of retail.{}: one scan could not run ({}); each runs on its own", name, e.getMessage());
            }
        });
        return out;
    }

    private Map<RetailSettings.Check, Outcome> scan(String name, List<RetailSettings.Check> checks) {
        String table = "retail." + id(name);
        StringBuilder sql = new StringBuilder("select count(*)");
        for (RetailSettings.Check c : checks) {
            sql.append(", ").append(switch (c.kind()) {
                case "null_rate" -> "count(*) filter (where " + id(c.column()) + " is null)";
                case "accepted_values" -> "count(*) filter (where not (" + safeCondition(c.condition()) + "))";
                case "freshness" -> "max(" + id(c.column()) + ")";
                default -> "null";
            });
        }
        return jdbc.query(sql.append(" from ").append(table).toString(), rs -> {
            rs.next();
            long total = rs.getLong(1);
            totals.put(table, total);
            Map<RetailSettings.Check, Outcome> outcomes = new java.util.HashMap<>();
            for (int i = 0; i < checks.size(); i++) {
                RetailSettings.Check c = checks.get(i);
                outcomes.put(c, switch (c.kind()) {
                    case "row_count" -> rowCount(c, total, table);
                    case "freshness" -> freshness(c, (LocalDateTime) JdbcUtils.getResultSetValue(rs, i + 2, LocalDateTime.class));
                    default -> rate(c, rs.getLong(i + 2), total);
                });
            }
            return outcomes;
        });
    }

    private Outcome evaluate(RetailSettings.Check c, boolean increment) {
        String table = "retail." + id(c.table());
        return switch (c.kind()) {
            case "row_count" -> rowCount(c, totals.computeIfAbsent(table, t -> count("select count(*) from " + t)), table);
            case "null_rate" -> rate(c, "select count(*) filter (where " + id(c.column()) + " is null) from " + table, table);
            case "duplicate_rate" -> {
                String cols = String.join(", ", c.columns().stream().map(QualityChecks::id).toList());
                String scope = increment && c.table().equals("sales_facts") && c.columns().contains("invoice")
                        ? " where invoice in (select invoice from incoming_invoices)" : "";
                yield rate(c, "select coalesce(sum(n - 1), 0) from (select count(*) as n from " + table + scope + " group by " + cols
                        + " having count(*) > 1) as dup", table);
            }
            case "accepted_values" -> rate(c, "select count(*) filter (where not (" + safeCondition(c.condition()) + ")) from " + table, table);
            case "referential" -> {
                String[] ref = c.references().split("\\.");
                String sql = "select count(*) from " + table + " f where f." + id(c.column()) + " is not null and not exists "
                        + "(select 1 from retail." + id(ref[0]) + " r where r." + id(ref[1]) + " = f." + id(c.column()) + ")";
                yield rate(c, sql, table);
            }
            case "freshness" -> freshness(c, jdbc.queryForObject("select max(" + id(c.column()) + ") from " + table, LocalDateTime.class));
            default -> throw new IllegalArgumentException("unknown check kind " + c.kind());
        };
    }

    private static Outcome rowCount(RetailSettings.Check c, long rows, String table) {
        return new Outcome(c.name(), c.kind(), atLeast(rows, c.warn(), c.fail()), (double) rows, rows + " rows in " + table);
    }

    private static Outcome freshness(RetailSettings.Check c, LocalDateTime newest) {
        if (newest == null) return new Outcome(c.name(), c.kind(), "FAIL", null, "no data");
        Duration age = Duration.between(newest, LocalDateTime.now());
        String level = c.maxAgeFail() != null && age.compareTo(c.maxAgeFail()) > 0 ? "FAIL"
                : c.maxAgeWarn() != null && age.compareTo(c.maxAgeWarn()) > 0 ? "WARN" : "OK";
        return new Outcome(c.name(), c.kind(), level, (double) age.toDays(), "newest " + c.column() + " " + newest + " (" + age.toDays() + " days old)");
    }

    private Outcome rate(RetailSettings.Check c, String badSql, String table) {
        long total = totals.computeIfAbsent(table, t -> count("select count(*) from " + t));
        return rate(c, count(badSql), total);
    }

    private static Outcome rate(RetailSettings.Check c, long bad, long total) {
        double rate = total == 0 ? 0 : (double) bad / total;
        String level = c.fail() != null && rate > c.fail() ? "FAIL" : c.warn() != null && rate > c.warn() ? "WARN" : "OK";
        return new Outcome(c.name(), c.kind(), level, rate, bad + " of " + total + " rows (" + String.format("%.3f%%", rate * 100) + ")");
    }

    private static String atLeast(long value, Double warn, Double fail) {
        if (fail != null && value < fail) return "FAIL";
        if (warn != null && value < warn) return "WARN";
        return "OK";
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private static String id(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) throw new IllegalArgumentException("not a column or table name: " + name);
        return name;
    }

    /** Conditions come from config (operators' hands), still kept to comparisons of columns and literals. */
    private static String safeCondition(String condition) {
        if (condition == null || !condition.matches("[a-z0-9_ <>=!.'(),-]+") || condition.contains(";") || condition.contains("--")) {
            throw new IllegalArgumentException("condition must be a simple comparison: " + condition);
        }
        return condition;
    }

    public static String status(List<Outcome> outcomes) {
        if (outcomes.stream().anyMatch(o -> o.level().equals("FAIL"))) return "FAILED";
        if (outcomes.stream().anyMatch(o -> o.level().equals("WARN"))) return "WARNED";
        return "SUCCEEDED";
    }

    public static List<Map<String, Object>> describe(List<Outcome> outcomes) {
        return outcomes.stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", o.name());
            m.put("kind", o.kind());
            m.put("level", o.level());
            m.put("measured", o.measured());
            m.put("detail", o.detail());
            return m;
        }).toList();
    }
}
