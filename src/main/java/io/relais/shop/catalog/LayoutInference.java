package io.relais.shop.catalog;

import java.math.BigDecimal;
import java.net.URI;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Works out which column of a catalog file holds which field, without a configured mapping: from the header's names
 * (French and English, compound and suffixed: {@code product_code}, {@code article_label}, {@code qty_on_hand},
 * "Prix unitaire TTC (€)") and from the values of the first rows (the unique code-like column is the reference, the
 * decimal column the price, a URL column the image, long text the description, a few repeated words the category).
 * Each field gets a confidence between 0 and 1 and what decided it. Plain Java.
 */
public final class LayoutInference {

    /** A field's column: its position, header name, confidence and what decided it (header, content, given). */
    public record Guess(int column, String header, double confidence, String by) {
    }

    /**
     * The fields found, the columns no field took (kept as product attributes), and the given columns the header does
     * not have (field -> the name given).
     */
    public record Inferred(Map<String, Guess> fields, Map<Integer, String> extras, Map<String, String> missingGiven) {
    }

    /** Words that name a field, whole or as a part of a compound name; the first list is the strongest. */
    private static final Map<String, List<String>> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put("reference", List.of("reference", "ref", "sku", "code", "codearticle", "itemcode", "productcode", "productid", "refarticle",
                "artikelnummer", "partnumber", "partno", "itemno", "itemnumber", "articlenumber", "catalognumber", "modelnumber", "mpn",
                "upc", "ean", "gtin", "barcode", "id", "no", "num", "numero", "article"));
        WORDS.put("name", List.of("name", "nom", "designation", "libelle", "label", "title", "titre", "productname", "itemname",
                "produit", "product", "item", "intitule", "commonname", "variety", "variete", "plant", "plante", "cultivar"));
        WORDS.put("description", List.of("description", "desc", "details", "descriptif", "longdescription", "notes", "comment",
                "commentaire", "body", "bodyhtml", "text", "texte", "summary", "resume", "info"));
        WORDS.put("category", List.of("category", "categorie", "cat", "famille", "family", "rayon", "type", "gamme", "univers",
                "department", "departement", "group", "groupe", "collection", "section", "class", "classe", "genre", "genus"));
        WORDS.put("price", List.of("price", "prix", "tarif", "pu", "cost", "cout", "amount", "montant", "rrp", "msrp", "pvc",
                "unitprice", "prixunitaire", "prixttc", "prixht", "saleprice", "retail", "eur", "euro", "usd", "gbp"));
        WORDS.put("stock", List.of("stock", "quantity", "qty", "quantite", "qte", "inventory", "onhand", "available", "disponible",
                "dispo", "instock", "units", "count", "level", "niveau"));
        WORDS.put("stock_alert_threshold", List.of("stockalertthreshold", "seuil", "seuilalerte", "alertthreshold", "minstock",
                "reorderpoint", "reorderlevel", "stockmin", "seuilstock", "minimum", "min", "safetystock", "reorder"));
        WORDS.put("image_url", List.of("imageurl", "image", "photo", "picture", "img", "urlimage", "imagelink", "imagesrc",
                "thumbnail", "vignette", "visuel", "media"));
    }

    /** Words that say a compound name is about the product itself. */
    private static final Set<String> SUBJECTS = Set.of("product", "produit", "item", "article", "art", "prod");

    private static final Pattern DECIMAL = Pattern.compile("[-+]?[€$£]?\\s*\\d{1,3}([ .,\u00a0\u202f]?\\d{3})*([.,]\\d{1,4})?\\s*[€$£]?(\\s*(eur|ttc|ht))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WHOLE = Pattern.compile("\\d{1,7}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{1,39}");

    private LayoutInference() {
    }

    /**
     * Infers the layout of a file whose header is {@code header}, from its names and the {@code sample} rows;
     * {@code given} (field -> header name, may be empty) fixes some fields first.
     */
    public static Inferred infer(List<String> header, List<List<String>> sample, Map<String, String> given) {
        int n = header.size();
        Map<String, Guess> fields = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < n; i++) byName.putIfAbsent(CsvLayout.normalise(header.get(i)), i);
        Map<String, String> missingGiven = new LinkedHashMap<>();
        given.forEach((field, column) -> {
            Integer at = byName.get(CsvLayout.normalise(column));
            if (at != null && !taken.contains(at)) {
                fields.put(field, new Guess(at, header.get(at), 1.0, "given"));
                taken.add(at);
            } else if (at == null) {
                missingGiven.put(field, column);
            }
        });
        List<Profile> profiles = new ArrayList<>();
        for (int i = 0; i < n; i++) profiles.add(Profile.of(i, sample));
        // every (column, field) pair scored; the best pairs taken first, one field a column and one column a field
        List<double[]> pairs = new ArrayList<>();
        List<String> names = new ArrayList<>(WORDS.keySet());
        for (int i = 0; i < n; i++) {
            if (taken.contains(i)) continue;
            for (int f = 0; f < names.size(); f++) {
                if (fields.containsKey(names.get(f))) continue;
                double byHeader = headerScore(header.get(i), names.get(f));
                double byContent = contentScore(profiles.get(i), names.get(f));
                // the header decides when it is clear and the values agree; the values decide when it is silent
                double score = byHeader > 0 ? byHeader * (0.6 + 0.4 * byContent) : 0.7 * byContent;
                if (score > 0.25) pairs.add(new double[] {score, i, f, byHeader > 0 ? 1 : 0});
            }
        }
        pairs.sort((a, b) -> Double.compare(b[0], a[0]));
        for (double[] p : pairs) {
            int column = (int) p[1];
            String field = names.get((int) p[2]);
            if (taken.contains(column) || fields.containsKey(field)) continue;
            fields.put(field, new Guess(column, header.get(column), Math.round(p[0] * 100) / 100.0, p[3] == 1 ? "header" : "content"));
            taken.add(column);
        }
        Map<Integer, String> extras = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (!taken.contains(i) && !header.get(i).isBlank() && !profiles.get(i).empty()) extras.put(i, header.get(i).strip());
        }
        return new Inferred(fields, extras, missingGiven);
    }

    /** How well a header names a field: 1 for the whole name, less for a word of a compound name. */
    static double headerScore(String header, String field) {
        String whole = CsvLayout.normalise(header);
        List<String> words = WORDS.get(field);
        if (whole.isEmpty()) return 0;
        int at = words.indexOf(whole);
        if (at >= 0) return at < 8 ? 1.0 : 0.9;
        double best = 0;
        List<String> parts = words(header);
        // a compound about the product itself (product_code, article_label, item_name) names the field outright
        boolean ofTheProduct = parts.size() > 1 && parts.subList(0, parts.size() - 1).stream().anyMatch(SUBJECTS::contains);
        for (int p = 0; p < parts.size(); p++) {
            int w = words.indexOf(parts.get(p));
            if (w < 0) continue;
            boolean last = p == parts.size() - 1;
            // the last word of a compound usually says what it is: product_CODE, article_LABEL, qty_on_hand
            double score = last && ofTheProduct ? 0.95 : (w < 8 ? 0.85 : 0.7) - (last || parts.size() == 1 ? 0 : 0.1);
            best = Math.max(best, score);
        }
        if (best == 0) {
            for (String w : words) {
                if (w.length() >= 4 && (whole.startsWith(w) || whole.endsWith(w))) best = Math.max(best, 0.6);
            }
        }
        return best;
    }

    /** How well a column's values fit a field, between 0 and 1. */
    static double contentScore(Profile p, String field) {
        if (p.empty()) return 0;
        return switch (field) {
            case "reference" -> p.codeLike() * p.unique() * (p.wholeNumbers() > 0.9 && p.maxLength() <= 3 ? 0.3 : 1.0);
            case "name" -> p.text() * (1 - Math.abs(Math.min(p.meanLength(), 80) - 30) / 80.0) * (0.4 + 0.6 * p.unique());
            case "description" -> p.text() * Math.min(1, p.meanLength() / 80.0);
            case "category" -> p.text() * (1 - p.unique()) * (p.meanLength() < 40 ? 1 : 0.3);
            case "price" -> p.decimals() * (p.hasFraction() ? 1 : 0.5);
            case "stock" -> p.wholeNumbers() * (p.hasFraction() ? 0 : 0.6);
            case "stock_alert_threshold" -> p.wholeNumbers() * (p.hasFraction() ? 0 : 0.3);
            case "image_url" -> p.urls();
            default -> 0;
        };
    }

    /** "qtyOnHand", "article_label", "Prix unitaire (€)" -> their words, normalised. */
    static List<String> words(String header) {
        String s = Normalizer.normalize(header == null ? "" : header, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("\\(.*?\\)", " ").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String w : s.split("[^a-z0-9]+")) if (!w.isEmpty()) out.add(w);
        return out;
    }

    /** What a column's sample values look like (shares of the non-empty values). */
    record Profile(int filled, double unique, double codeLike, double decimals, double wholeNumbers, boolean hasFraction, double urls,
                   double text, double meanLength, int maxLength) {

        boolean empty() {
            return filled == 0;
        }

        static Profile of(int column, List<List<String>> sample) {
            int filled = 0, codes = 0, decimals = 0, wholes = 0, urls = 0, texts = 0, maxLength = 0;
            long length = 0;
            boolean fraction = false;
            Set<String> distinct = new HashSet<>();
            for (List<String> row : sample) {
                if (column >= row.size()) continue;
                String v = row.get(column) == null ? "" : row.get(column).strip();
                if (v.isEmpty()) continue;
                filled++;
                distinct.add(v.toUpperCase(Locale.ROOT));
                length += v.length();
                maxLength = Math.max(maxLength, v.length());
                boolean isDecimal = DECIMAL.matcher(v).matches() && parses(v);
                boolean isWhole = WHOLE.matcher(v).matches();
                if (isDecimal) decimals++;
                if (isWhole) wholes++;
                if (isDecimal && !isWhole && v.matches(".*\\d[.,]\\d{1,4}\\s*\\D*")) fraction = true;
                if (CODE.matcher(v).matches() && !isDecimal || (isWhole && v.length() >= 4)) codes++;
                if (url(v)) urls++;
                if (!isDecimal && !url(v) && v.chars().anyMatch(Character::isLetter)) texts++;
            }
            if (filled == 0) return new Profile(0, 0, 0, 0, 0, false, 0, 0, 0, 0);
            double f = filled;
            return new Profile(filled, distinct.size() / f, codes / f, decimals / f, wholes / f, fraction, urls / f, texts / f,
                    length / f, maxLength);
        }

        private static boolean parses(String v) {
            try {
                BigDecimal d = Prices.parse(v, v.contains(",") && !v.contains("."));
                return d.signum() >= 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static boolean url(String v) {
            if (!v.startsWith("http://") && !v.startsWith("https://")) return false;
            try {
                return URI.create(v).getHost() != null;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
