package io.relais.resources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relais.platform.web.ApiProblem;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /api/resources/migration/import} (and {@code /api/migration/import}, and {@code inbox/resources/*.json}):
 * the app's localStorage export ({table: [rows]}) into the 19 tables, in dependency order, in one transaction. Legacy
 * ids become name-based UUIDs ("table:id"), so the same export always gives the same rows and a re-import changes
 * nothing. Rows with a missing or unknown reference, a duplicate, or a value of the wrong type or outside its enum are
 * rejected with the reason; the rest lands. {@code dryRun=true} does all of it and rolls back. The receipt has counts
 * per table and the SHA-256 of the export as received, for the client to compare before it clears its localStorage.
 */
@Service("resourcesMigration")
public class MigrationImport {

    private static final Logger log = LoggerFactory.getLogger(MigrationImport.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;

    MigrationImport(JdbcClient jdbc, TransactionTemplate transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    /** What an import did: counts per table and in total, each rejected row with its reason, the export's checksum. */
    public record Receipt(String checksum, boolean dryRun, Map<String, Map<String, Integer>> tables, Map<String, Integer> totals,
                          List<Rejection> rejections,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                          List<String> ignoredTables) {
    }

    /** A row left out: its table, its id in the export, its position and why. */
    public record Rejection(String table, String id, int index, String reason) {
    }

    public Receipt importExport(@Body InputStream body, @Header("dryRun") String dryRunParam) throws IOException {
        byte[] bytes = body.readAllBytes();
        JsonNode export;
        try {
            export = json.readTree(bytes);
        } catch (IOException e) {
            throw ApiProblem.invalidField("body", "not JSON: " + e.getMessage());
        }
        if (export == null || !export.isObject()) throw ApiProblem.invalidField("body", "an object of table name -> array of rows");
        boolean dryRun = Boolean.parseBoolean(dryRunParam);
        String checksum = sha256(bytes);
        Map<String, Map<String, Integer>> tables = new LinkedHashMap<>();
        List<Rejection> rejections = new ArrayList<>();
        List<String> unknownTables = new ArrayList<>();
        export.fieldNames().forEachRemaining(n -> {
            if (ExportSchema.TABLES.stream().noneMatch(t -> t.name().equals(n))) unknownTables.add(n);
        });
        transactions.executeWithoutResult(tx -> {
            Map<String, Set<UUID>> known = new HashMap<>();
            for (ExportSchema.Table table : ExportSchema.TABLES) {
                JsonNode rows = export.path(table.name());
                Map<String, Integer> counts = new LinkedHashMap<>(Map.of("received", 0, "inserted", 0, "updated", 0, "unchanged", 0, "rejected", 0));
                tables.put(table.name(), counts);
                if (!rows.isArray()) continue;
                Set<UUID> accepted = known.computeIfAbsent(table.name(), k -> new HashSet<>());
                Set<String> seen = new HashSet<>();
                List<JsonNode> ordered = selfOrdered(table, rows);
                int index = 0;
                for (JsonNode row : ordered) {
                    counts.merge("received", 1, Integer::sum);
                    String legacy = text(row.get("id"));
                    String problem = null;
                    if (legacy == null) problem = "no id";
                    else if (!seen.add(legacy)) problem = "duplicate id " + legacy;
                    Map<String, Object> values = new LinkedHashMap<>();
                    if (problem == null) problem = values(table, row, values, known);
                    if (problem != null) {
                        counts.merge("rejected", 1, Integer::sum);
                        rejections.add(new Rejection(table.name(), legacy, index, problem));
                        index++;
                        continue;
                    }
                    UUID id = uuid(table.name(), legacy);
                    Object savepoint = tx.createSavepoint();
                    try {
                        String outcome = upsert(table, id, values);
                        counts.merge(outcome, 1, Integer::sum);
                        jdbc.sql("insert into resources.legacy_ids (table_name, legacy_id, id) values (:table, :legacy, :id) on conflict do nothing")
                                .param("table", table.name()).param("legacy", legacy).param("id", id).update();
                        tx.releaseSavepoint(savepoint);
                        accepted.add(id);
                    } catch (DataAccessException e) {
                        tx.rollbackToSavepoint(savepoint);
                        counts.merge("rejected", 1, Integer::sum);
                        rejections.add(new Rejection(table.name(), legacy, index, constraint(e)));
                    }
                    index++;
                }
            }
            if (dryRun) tx.setRollbackOnly();
        });
        Map<String, Integer> totals = new LinkedHashMap<>();
        tables.values().forEach(c -> c.forEach((k, v) -> totals.merge(k, v, Integer::sum)));
        log.info("Resources migration{}: {} (checksum {})", dryRun ? " (dry run)" : "", totals, checksum);
        return new Receipt(checksum, dryRun, tables, totals, rejections, unknownTables);
    }

    /** Reads and checks the row's columns into SQL values; answers the first problem, or null. */
    private String values(ExportSchema.Table table, JsonNode row, Map<String, Object> values, Map<String, Set<UUID>> known) {
        for (ExportSchema.Column c : table.columns()) {
            JsonNode v = field(row, c.name());
            boolean missing = v == null || v.isNull() || v.isTextual() && v.asText().isBlank();
            if (missing) {
                if (c.required()) return "missing " + c.name();
                continue;
            }
            try {
                switch (c.type()) {
                    case TEXT -> values.put(c.name(), v.isTextual() ? v.asText() : v.toString());
                    case INT -> {
                        if (!v.canConvertToInt() && !(v.isTextual() && v.asText().matches("-?\\d{1,9}"))) return c.name() + " is not a whole number: " + v;
                        int n = v.isTextual() ? Integer.parseInt(v.asText()) : v.asInt();
                        if (c.name().equals("rating") && (n < 1 || n > 5)) return "rating " + n + " is not between 1 and 5";
                        if (c.name().equals("vote") && n != 1 && n != -1) return "vote " + n + " is not 1 or -1";
                        if (c.name().endsWith("_count") && n < 0) return c.name() + " " + n + " is negative";
                        if (c.name().equals("version") && n < 1) return "version " + n + " is not positive";
                        values.put(c.name(), n);
                    }
                    case BOOL -> {
                        if (!v.isBoolean() && !(v.isTextual() && v.asText().matches("(?i)true|false"))) return c.name() + " is not true or false: " + v;
                        values.put(c.name(), v.isBoolean() ? v.asBoolean() : Boolean.parseBoolean(v.asText()));
                    }
                    case TIMESTAMP -> values.put(c.name(), timestamp(v));
                    case JSON -> values.put(c.name(), json.writeValueAsString(v));
                    case TEXT_ARRAY -> {
                        List<String> tags = new ArrayList<>();
                        if (v.isArray()) v.forEach(t -> tags.add(t.asText()));
                        else for (String t : v.asText().split(",")) if (!t.isBlank()) tags.add(t.strip());
                        values.put(c.name(), tags.toArray(new String[0]));
                    }
                    case ENUM -> {
                        String e = v.asText().strip().toLowerCase(java.util.Locale.ROOT);
                        if (!c.values().contains(e)) return c.name() + " '" + v.asText() + "' is not one of " + c.values();
                        values.put(c.name(), e);
                    }
                    case REF -> {
                        UUID target = uuid(c.target(), v.asText());
                        boolean exists = known.getOrDefault(c.target(), Set.of()).contains(target) || jdbc.sql(
                                "select exists (select 1 from resources." + c.target() + " where id = :id)").param("id", target).query(Boolean.class).single();
                        if (!exists) return c.name() + " '" + v.asText() + "' refers to no row of " + c.target();
                        values.put(c.name(), target);
                    }
                }
            } catch (RuntimeException | IOException e) {
                return c.name() + " is not valid: " + e.getMessage();
            }
        }
        return null;
    }

    /** inserted, updated, or unchanged (the stored row already says the same). */
    private String upsert(ExportSchema.Table table, UUID id, Map<String, Object> values) {
        List<String> cols = new ArrayList<>(values.keySet());
        StringBuilder sql = new StringBuilder("insert into resources.").append(table.name()).append(" (id");
        for (String c : cols) sql.append(", ").append(quote(c));
        sql.append(") values (:id");
        for (String c : cols) sql.append(", ").append(placeholder(table, c));
        sql.append(") on conflict (id) do ");
        if (cols.isEmpty()) {
            sql.append("nothing returning (xmax = 0)");
        } else {
            sql.append("update set ");
            for (int i = 0; i < cols.size(); i++) sql.append(i == 0 ? "" : ", ").append(quote(cols.get(i))).append(" = excluded.").append(quote(cols.get(i)));
            sql.append(" where (");
            for (int i = 0; i < cols.size(); i++) sql.append(i == 0 ? "" : ", ").append(table.name()).append('.').append(quote(cols.get(i)));
            sql.append(") is distinct from (");
            for (int i = 0; i < cols.size(); i++) sql.append(i == 0 ? "" : ", ").append("excluded.").append(quote(cols.get(i)));
            sql.append(") returning (xmax = 0)");
        }
        List<Boolean> result = jdbc.sql(sql.toString()).param("id", id).params(values).query(Boolean.class).list();
        if (result.isEmpty()) return "unchanged";
        return Boolean.TRUE.equals(result.get(0)) ? "inserted" : "updated";
    }

    private static String placeholder(ExportSchema.Table table, String column) {
        for (ExportSchema.Column c : table.columns()) {
            if (c.name().equals(column)) {
                return switch (c.type()) {
                    case ENUM -> "cast(:" + column + " as resources." + c.target() + ")";
                    case JSON -> "cast(:" + column + " as jsonb)";
                    default -> ":" + column;
                };
            }
        }
        return ":" + column;
    }

    private static String quote(String column) {
        return column.equals("values") ? "\"values\"" : column;
    }

    /** Rows of a self-referencing table come parents first (a parent missing from the export is then a broken reference). */
    private static List<JsonNode> selfOrdered(ExportSchema.Table table, JsonNode rows) {
        List<JsonNode> all = new ArrayList<>();
        rows.forEach(all::add);
        String self = table.columns().stream().filter(c -> c.type() == ExportSchema.Type.REF && c.target().equals(table.name()))
                .map(ExportSchema.Column::name).findFirst().orElse(null);
        if (self == null) return all;
        List<JsonNode> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        Set<String> ids = new HashSet<>();
        all.forEach(r -> ids.add(text(r.get("id"))));
        boolean progress = true;
        while (progress && ordered.size() < all.size()) {
            progress = false;
            for (JsonNode r : all) {
                if (ordered.contains(r)) continue;
                String parent = text(field(r, self));
                if (parent == null || placed.contains(parent) || !ids.contains(parent)) {
                    ordered.add(r);
                    placed.add(text(r.get("id")));
                    progress = true;
                }
            }
        }
        for (JsonNode r : all) if (!ordered.contains(r)) ordered.add(r); // a cycle: their references will be reported
        return ordered;
    }

    /** snake_case as the export writes it, camelCase as some versions of the app did. */
    private static JsonNode field(JsonNode row, String name) {
        JsonNode v = row.get(name);
        if (v != null) return v;
        StringBuilder camel = new StringBuilder();
        boolean up = false;
        for (char ch : name.toCharArray()) {
            if (ch == '_') up = true;
            else {
                camel.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return row.get(camel.toString());
    }

    private static Timestamp timestamp(JsonNode v) {
        if (v.isNumber()) return new Timestamp(v.asLong()); // Date.now()
        String s = v.asText().strip();
        if (s.matches("\\d{10,13}")) return new Timestamp(Long.parseLong(s));
        try {
            return Timestamp.from(OffsetDateTime.parse(s).toInstant());
        } catch (RuntimeException e) {
            return Timestamp.from(Instant.parse(s.endsWith("Z") ? s : s + "Z"));
        }
    }

    static UUID uuid(String table, String legacyId) {
        return UUID.nameUUIDFromBytes((table + ":" + legacyId).getBytes(StandardCharsets.UTF_8));
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static String constraint(DataAccessException e) {
        String message = e.getMostSpecificCause().getMessage();
        if (message != null && message.contains("duplicate key")) {
            return "duplicate: " + message.replaceAll("(?s).*Key (\\(.*?\\)=\\(.*?\\)).*", "$1") + " already exists";
        }
        return message == null ? e.getClass().getSimpleName() : message.split("\n")[0];
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
