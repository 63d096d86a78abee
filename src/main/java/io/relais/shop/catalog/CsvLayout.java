package io.relais.shop.catalog;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.relais.shop.ShopSettings;

/**
 * Which column of a supplier's file holds which catalog field. Either a named mapping from config, or recognised
 * from the header with the names suppliers actually use (French and English, any case, accents or punctuation):
 * "Référence", "Code article", "SKU", "Désignation", "Prix TTC", "Qté"...
 */
public final class CsvLayout {

    public static final List<String> FIELDS = List.of("reference", "name", "description", "category", "price", "stock",
            "stock_alert_threshold", "image_url");

    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        alias("reference", "reference", "ref", "sku", "code", "codearticle", "coderef", "article", "itemcode", "productcode",
                "productid", "refarticle", "ean");
        alias("name", "name", "nom", "designation", "libelle", "productname", "title", "titre", "produit", "product", "label");
        alias("description", "description", "desc", "details", "descriptif", "longdescription");
        alias("category", "category", "categorie", "famille", "family", "rayon", "type", "gamme", "univers");
        alias("price", "price", "prix", "prixttc", "prixht", "unitprice", "tarif", "pu", "prixunitaire", "prixvente",
                "priceeur", "prixeur");
        alias("stock", "stock", "quantity", "qty", "quantite", "qte", "inventory", "stockinitial", "onhand");
        alias("stock_alert_threshold", "stockalertthreshold", "seuil", "seuilalerte", "alertthreshold", "minstock",
                "reorderpoint", "stockmin", "seuilstock");
        alias("image_url", "imageurl", "image", "photo", "picture", "img", "urlimage", "imagelink");
    }

    private final Map<String, Integer> positions;
    private final char separator;
    private final boolean decimalComma;

    private CsvLayout(Map<String, Integer> positions, char separator, boolean decimalComma) {
        this.positions = positions;
        this.separator = separator;
        this.decimalComma = decimalComma;
    }

    /** The layout of a file whose header is {@code header}; {@code mapping} may be null (recognise by name). */
    public static CsvLayout of(List<String> header, char separator, ShopSettings.ColumnMapping mapping) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < header.size(); i++) byName.putIfAbsent(normalise(header.get(i)), i);
        if (mapping != null && mapping.columns() != null) {
            mapping.columns().forEach((field, column) -> {
                Integer at = byName.get(normalise(column));
                if (at != null) positions.put(field, at);
            });
        }
        for (int i = 0; i < header.size(); i++) {
            String field = ALIASES.get(normalise(header.get(i)));
            if (field != null) positions.putIfAbsent(field, i);
        }
        boolean decimalComma = mapping != null && mapping.decimalComma() != null ? mapping.decimalComma() : separator == ';';
        return new CsvLayout(positions, separator, decimalComma);
    }

    /** The fields a valid file must have, missing from this header. */
    public List<String> missingRequired() {
        return List.of("reference", "name", "price").stream().filter(f -> !positions.containsKey(f)).toList();
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

    private static void alias(String field, String... names) {
        for (String n : names) ALIASES.put(n, field);
    }
}
