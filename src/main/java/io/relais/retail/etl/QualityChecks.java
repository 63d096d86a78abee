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
import org.springframework.stereotype.Component;

/**
 * The data-quality checks declared in {@code relais.retail.checks}, run on a load before it is published (inside its
 * transaction, so they see the new data and nobody else does yet); each result is stored in
 * {@code retail.quality_results} (visible in {@code v_data_quality}) and on the run. A FAIL marks the run FAILED and
 * the load is rolled back (the previous data keeps serving); a WARN marks it WARNED and it is published.
 */
@Component
public class QualityChecks {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final JdbcTemplate jdbc;
    private final RetailSettings settings;

    QualityChecks(JdbcTemplate jdbc, RetailSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
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
        List<Outcome> outcomes = new ArrayList<>();
        for (RetailSettings.Check check : settings.checks()) {
            try {
                outcomes.add(evaluate(check, increment));
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

    private Outcome evaluate(RetailSettings.Check c, boolean increment) {
        String table = "retail." + id(c.table());
        return switch (c.kind()) {
            case "row_count" -> {
                long rows = totals.computeIfAbsent(table, t -> count("select count(*) from " + t));
                yield new Outcome(c.name(), c.kind(), atLeast(rows, c.warn(), c.fail()), (double) rows, rows + " rows in " + table);
            }
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
            case "freshness" -> {
                LocalDateTime newest = jdbc.queryForObject("select max(" + id(c.column()) + ") from " + table, LocalDateTime.class);
                if (newest == null) yield new Outcome(c.name(), c.kind(), "FAIL", null, "no data");
                Duration age = Duration.between(newest, LocalDateTime.now());
                String level = c.maxAgeFail() != null && age.compareTo(c.maxAgeFail()) > 0 ? "FAIL"
                        : c.maxAgeWarn() != null && age.compareTo(c.maxAgeWarn()) > 0 ? "WARN" : "OK";
                yield new Outcome(c.name(), c.kind(), level, (double) age.toDays(), "newest " + c.column() + " " + newest + " (" + age.toDays() + " days old)");
            }
            default -> throw new IllegalArgumentException("unknown check kind " + c.kind());
        };
    }

    private Outcome rate(RetailSettings.Check c, String badSql, String table) {
        long total = totals.computeIfAbsent(table, t -> count("select count(*) from " + t));
        long bad = count(badSql);
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
