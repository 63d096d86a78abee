package io.relais.shop.catalog;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.relais.shop.ShopSettings;

/**
 * Which column of a supplier's file holds which catalog field, and which columns are kept as product attributes.
 * Inferred from the header's names and the first rows' values ({@link LayoutInference}); a named or given mapping
 * fixes the fields it names first. Each field carries its confidence and what decided it.
 */
public final class CsvLayout {

    public static final List<String> FIELDS = List.of("reference", "name", "description", "category", "price", "stock",
            "stock_alert_threshold", "image_url");

    private final Map<String, Integer> positions;
    private final Map<String, LayoutInference.Guess> guesses;
    private final Map<Integer, String> attributes;
    private final char separator;
    private final boolean decimalComma;

    private CsvLayout(Map<String, LayoutInference.Guess> guesses, Map<Integer, String> attributes, char separator, boolean decimalComma) {
        this.guesses = guesses;
        this.positions = new LinkedHashMap<>();
        guesses.forEach((field, g) -> positions.put(field, g.column()));
        this.attributes = attributes;
        this.separator = separator;
        this.decimalComma = decimalComma;
    }

    /**
     * The layout of a file whose header is {@code header} and first rows {@code sample}; {@code mapping} (may be null)
     * names the columns of some fields, and may say the separator and decimal comma.
     */
    public static CsvLayout of(List<String> header, List<List<String>> sample, char separator, ShopSettings.ColumnMapping mapping) {
        Map<String, String> given = mapping == null || mapping.columns() == null ? Map.of() : mapping.columns();
        LayoutInference.Inferred inferred = LayoutInference.infer(header, sample, given);
        if (!inferred.missingGiven().isEmpty()) {
            // a mapping that names a column the file lacks is the wrong mapping for this file: say so, do not guess
            throw new IllegalArgumentException("the mapping names " + inferred.missingGiven().entrySet().stream()
                    .map(e -> "'" + e.getValue() + "' for " + e.getKey()).toList() + ", which the header " + header + " does not have");
        }
        Map<String, LayoutInference.Guess> fields = new LinkedHashMap<>();
        for (String f : FIELDS) if (inferred.fields().containsKey(f)) fields.put(f, inferred.fields().get(f));
        boolean decimalComma = mapping != null && mapping.decimalComma() != null ? mapping.decimalComma()
                : separator == ';' || commaDecimals(sample, fields.get("price"));
        return new CsvLayout(fields, inferred.extras(), separator, decimalComma);
    }

    /** The canonical layout's header, for a file with no rows yet. */
    public static CsvLayout of(List<String> header, char separator, ShopSettings.ColumnMapping mapping) {
        return of(header, List.of(), separator, mapping);
    }

    /** Prices written "12,50" (and never "1,234.50"): the file uses a decimal comma. */
    private static boolean commaDecimals(List<List<String>> sample, LayoutInference.Guess price) {
        if (price == null) return false;
        int comma = 0, point = 0;
        for (List<String> row : sample) {
            if (price.column() >= row.size() || row.get(price.column()) == null) continue;
            String v = row.get(price.column()).strip();
            if (v.matches(".*\\d,\\d{1,2}\\D*") && !v.contains(".")) comma++;
            if (v.matches(".*\\d\\.\\d{1,4}\\D*")) point++;
        }
        return comma > point;
    }

    /** The fields a valid file must have, missing from this header (a file without prices lands unpriced). */
    public List<String> missingRequired() {
        return List.of("reference", "name").stream().filter(f -> !positions.containsKey(f)).toList();
    }

    /** The columns kept as product attributes, by their header, with this row's non-empty values. */
    public Map<String, String> attributes(List<String> row) {
        Map<String, String> out = new LinkedHashMap<>();
        attributes.forEach((at, name) -> {
            if (at < row.size() && row.get(at) != null && !row.get(at).isBlank()) out.put(name, row.get(at).strip());
        });
        return out;
    }

    /** What the layout is, for the report: each field's column, confidence and source, and the attribute columns. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        guesses.forEach((field, g) -> fields.put(field, Map.of("column", g.header(), "confidence", g.confidence(), "by", g.by())));
        out.put("fields", fields);
        out.put("attributes", List.copyOf(attributes.values()));
        out.put("separator", String.valueOf(separator));
        out.put("decimalComma", decimalComma);
        return out;
    }

    public String value(List<String> row, String field) {
        Integer at = positions.get(field);
        if (at == null || at >= row.size()) return null;
        String v = row.get(at);
        if (v == null) return null;
        v = v.strip();
        return v.isEmpty() ? null : v;
    }

    public boolean has(String field) {
        return positions.containsKey(field);
    }

    public char separator() {
        return separator;
    }

    public boolean decimalComma() {
        return decimalComma;
    }

    public Map<String, Integer> positions() {
        return positions;
    }

    /** "Prix TTC (€)" -> "prixttc": lower case, no accents, letters and digits only, unit suffixes dropped. */
    static String normalise(String header) {
        String s = Normalizer.normalize(header == null ? "" : header, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        s = s.toLowerCase(Locale.ROOT).replaceAll("\\(.*?\\)", "").replace("€", "").replace("eur", "eur");
        return s.replaceAll("[^a-z0-9]", "");
    }
}
