package io.relais.shop.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import io.relais.shop.ShopSettings;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Catalog column mappings: those of the configuration ({@code relais.shop.importing.mappings}) and those saved through
 * the API ({@code shop.column_mappings}), usable at once by name ({@code ?mapping=<name>}), and mappings given with an
 * import ({@code ?columns={"reference": "SKU"}}). A mapping names the column of some fields; the rest is inferred.
 */
@Service("columnMappings")
public class ColumnMappings {

    private static final Logger log = LoggerFactory.getLogger(ColumnMappings.class);

    /** A mapping by name, and where it comes from ({@code configuration} or {@code saved}). */
    public record Named(String name, String source, ShopSettings.ColumnMapping mapping) {
    }

    private final JdbcClient jdbc;
    private final ShopSettings settings;
    private final ObjectMapper json;

    ColumnMappings(JdbcClient jdbc, ShopSettings settings, ObjectMapper json) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.json = json;
    }

    public Optional<ShopSettings.ColumnMapping> find(String name) {
        ShopSettings.ColumnMapping configured = settings.importing().mappings().get(name);
        if (configured != null) return Optional.of(configured);
        return jdbc.sql("select mapping::text from shop.column_mappings where name = :name").param("name", name).query(String.class)
                .optional().map(this::read);
    }

    public List<Named> list() {
        List<Named> out = new ArrayList<>();
        settings.importing().mappings().forEach((name, m) -> out.add(new Named(name, "configuration", m)));
        jdbc.sql("select name, mapping::text from shop.column_mappings order by name")
                .query(rs -> { out.add(new Named(rs.getString(1), "saved", read(rs.getString(2)))); });
        return out;
    }

    /** {@code PUT /api/shop/catalog/mappings/{name}}: saves (or replaces) a mapping, usable at once. */
    public Named save(@Header("name") String name, @Body ShopSettings.ColumnMapping mapping, @VerifiedCaller Caller caller) {
        String actor = Caller.nameOf(caller);
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw ApiProblem.notFoundField("name", "a mapping name is lower-case letters, digits, - and _ (at most 64)");
        }
        if (settings.importing().mappings().containsKey(name)) {
            throw ApiProblem.conflictField("name", "'" + name + "' is a mapping of the configuration; save yours under another name");
        }
        ShopSettings.ColumnMapping valid = validate(mapping, "");
        jdbc.sql("""
                        insert into shop.column_mappings (name, mapping, updated_by) values (:name, cast(:mapping as jsonb), :by)
                        on conflict (name) do update set mapping = excluded.mapping, updated_by = excluded.updated_by, updated_at = now()""")
                .param("name", name).param("mapping", write(valid)).param("by", actor).update();
        log.info("Catalog column mapping '{}' saved by {}: {}", name, actor, valid.columns());
        return new Named(name, "saved", valid);
    }

    /**
     * The mapping for one import: the named one (if any) with the given columns (a JSON object, field -> column of
     * the file) on top.
     */
    public ShopSettings.ColumnMapping forImport(String name, String columns) {
        ShopSettings.ColumnMapping base = null;
        if (name != null && !name.isBlank()) {
            base = find(name).orElseThrow(() -> ApiProblem.invalidField("mapping", "no column mapping named '" + name + "'; known: "
                    + list().stream().map(Named::name).toList()));
        }
        if (columns == null || columns.isBlank()) return base;
        Map<String, String> given;
        try {
            given = json.readValue(columns, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw ApiProblem.invalidField("columns", "a JSON object of field -> column name, such as {\"reference\": \"SKU\"}");
        }
        Map<String, String> merged = new LinkedHashMap<>(base == null || base.columns() == null ? Map.of() : base.columns());
        merged.putAll(given);
        return validate(new ShopSettings.ColumnMapping(base == null ? null : base.separator(), base == null ? null : base.decimalComma(),
                base == null ? null : base.encoding(), merged), "columns");
    }

    private static ShopSettings.ColumnMapping validate(ShopSettings.ColumnMapping m, String prefix) {
        String at = prefix.isEmpty() ? "columns" : prefix;
        if (m == null) throw ApiProblem.invalidField("body", "a mapping {separator, decimalComma, encoding, columns}");
        Map<String, String> columns = m.columns() == null ? Map.of() : m.columns();
        for (var e : columns.entrySet()) {
            if (!CsvLayout.FIELDS.contains(e.getKey())) throw ApiProblem.invalidField(at + "." + e.getKey(), "not a field; fields: " + CsvLayout.FIELDS);
            if (e.getValue() == null || e.getValue().isBlank() || e.getValue().length() > 200) {
                throw ApiProblem.invalidField(at + "." + e.getKey(), "the name of a column of the file (at most 200 characters)");
            }
        }
        if (m.separator() != null && m.separator().length() > 2) throw ApiProblem.invalidField("separator", "one character (or \\t)");
        if (m.encoding() != null && !m.encoding().isBlank() && !java.nio.charset.Charset.isSupported(m.encoding())) {
            throw ApiProblem.invalidField("encoding", "an encoding such as UTF-8 or windows-1252");
        }
        return new ShopSettings.ColumnMapping(m.separator(), m.decimalComma(), m.encoding(), Map.copyOf(columns));
    }

    private ShopSettings.ColumnMapping read(String text) {
        try {
            return json.readValue(text, ShopSettings.ColumnMapping.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable saved mapping: " + e.getMessage(), e);
        }
    }

    private String write(ShopSettings.ColumnMapping m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
