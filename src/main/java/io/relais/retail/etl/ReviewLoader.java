package io.relais.retail.etl;

import io.relais.platform.security.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relais.platform.files.ImportReport;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Product reviews ({@code inbox/retail/reviews/}): a JSON array (or one object per line), or a CSV/TSV file whose
 * header is recognised (text, rating, label, date, product, customer, in French or English), with a product code
 * ({@code stock_code}, {@code StockCode}, {@code sku}, {@code product_id}), a text ({@code text}, {@code review},
 * {@code comment}, {@code avis}), a rating 1-5 ({@code rating}, {@code score}, {@code stars}, {@code note}) or a label
 * ({@code positive}, {@code neutral}, {@code negative}), a date, a customer. Each file replaces the reviews in one
 * transaction; reviews are tied to golden records through the product mapping; then the sentiment model is trained
 * again and every review gets its sentiment.
 */
@Component("retailReviews")
public class ReviewLoader {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;

    private final org.springframework.beans.factory.ObjectProvider<io.relais.retail.sentiment.ReviewSentiment> sentiment;

    ReviewLoader(JdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper json,
                 org.springframework.beans.factory.ObjectProvider<io.relais.retail.sentiment.ReviewSentiment> sentiment) {
        this.sentiment = sentiment;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    public ImportReport load(@Body InputStream input, @Header("CamelFileName") String name) throws IOException {
        ImportReport report = new ImportReport(name == null ? "reviews" : name);
        byte[] bytes = input.readAllBytes();
        List<JsonNode> items = new ArrayList<>();
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (text.startsWith("[")) {
            json.readTree(text).forEach(items::add);
        } else if (text.startsWith("{")) {
            for (String line : text.split("\n")) if (!line.isBlank()) items.add(json.readTree(line));
        } else {
            items.addAll(delimited(text, report));
        }
        Map<String, String> golden = new HashMap<>();
        jdbc.query("select distinct on (stock_code) stock_code, golden_id from retail.product_mapping order by stock_code, score desc",
                rs -> {
                    golden.put(rs.getString(1), rs.getString(2));
                });
        List<MapSqlParameterSource> rows = new ArrayList<>();
        long index = 0;
        for (JsonNode item : items) {
            index++;
            String code = first(item, "stock_code", "StockCode", "stockCode", "sku", "product_id", "productId", "product", "asin", "produit");
            String review = first(item, "text", "review", "review_text", "reviewText", "comment", "body", "content", "avis", "commentaire",
                    "texte", "avis_client", "customer_review", "review_body", "comment_text", "review_content");
            BigDecimal rating = rating(item);
            String label = first(item, "label", "sentiment", "polarity", "polarite");
            java.time.LocalDate date = date(first(item, "date", "review_date", "reviewDate", "created_at", "createdAt", "time", "timestamp"));
            if (rating == null && label != null) rating = switch (label.toLowerCase(Locale.ROOT)) { // for the rating KPIs
                case "positive", "positif", "pos" -> new BigDecimal("4.5");
                case "neutral", "neutre" -> new BigDecimal("3");
                case "negative", "negatif", "négatif", "neg" -> new BigDecimal("1.5");
                default -> null;
            };
            if (rating != null && (rating.doubleValue() < 0 || rating.doubleValue() > 5)) {
                report.reject(index, "rating " + rating + " is not between 0 and 5", item.toString());
                continue;
            }
            if (review == null && rating == null && label == null) {
                report.reject(index, "neither a text, a rating nor a label", item.toString());
                continue;
            }
            String stockCode = code == null ? null : code.strip().toUpperCase(Locale.ROOT);
            rows.add(new MapSqlParameterSource("stockCode", stockCode).addValue("golden", stockCode == null ? null : golden.get(stockCode))
                    .addValue("customer", TransactionCleaner.customerId(String.valueOf(first(item, "customer_id", "CustomerID", "Customer ID") == null
                            ? "" : first(item, "customer_id", "CustomerID", "Customer ID"))))
                    .addValue("rating", rating).addValue("label", label).addValue("text", review)
                    .addValue("date", date == null ? null : java.sql.Date.valueOf(date)));
        }
        transactions.executeWithoutResult(tx -> {
            jdbc.execute("truncate retail.review_facts");
            new NamedParameterJdbcTemplate(jdbc).batchUpdate("insert into retail.review_facts (stock_code, golden_id, customer_id, rating, "
                    + "label, text, review_date) values (:stockCode, :golden, nullif(:customer, ''), :rating, :label, :text, :date)",
                    rows.toArray(MapSqlParameterSource[]::new));
        });
        report.count("loaded", rows.size());
        report.count("linked_to_products", rows.stream().filter(r -> r.getValue("golden") != null).count());
        try {
            Map<String, Object> run = sentiment.getObject().train(Caller.named("reviews load"));
            report.detail("sentiment", Map.of("run", run.get("id"), "status", run.get("status"), "accuracy",
                    run.get("accuracy") == null ? "n/a" : run.get("accuracy")));
        } catch (RuntimeException e) {
            report.detail("sentiment", Map.of("status", "FAILED", "error", String.valueOf(e.getMessage())));
        }
        jdbc.queryForList("select sentiment_source, count(*) as n from retail.review_facts group by 1").forEach(r ->
                report.count("sentiment_from_" + (r.get("sentiment_source") == null ? "none" : r.get("sentiment_source")), ((Number) r.get("n")).longValue()));
        return report.completed();
    }

    /**
     * A CSV or TSV file of reviews: the separator from the header (tab, semicolon or comma), each row as an object
     * keyed by its header (so the same names are recognised as in JSON).
     */
    private List<JsonNode> delimited(String text, ImportReport report) throws IOException {
        String header = text.lines().findFirst().orElse("");
        char separator = header.chars().filter(c -> c == '\t').count() > 0 ? '\t'
                : header.chars().filter(c -> c == ';').count() > header.chars().filter(c -> c == ',').count() ? ';' : ',';
        List<JsonNode> out = new ArrayList<>();
        var format = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setDelimiter(separator).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true).setIgnoreHeaderCase(false).get();
        try (var parser = org.apache.commons.csv.CSVParser.parse(text, format)) {
            List<String> names = parser.getHeaderNames().stream().map(ReviewLoader::key).toList();
            for (var record : parser) {
                var node = json.createObjectNode();
                for (int i = 0; i < names.size() && i < record.size(); i++) node.put(names.get(i), record.get(i));
                out.add(node);
            }
        } catch (java.io.UncheckedIOException | IllegalStateException | IllegalArgumentException malformed) {
            report.reject(out.size() + 2, "malformed line: " + malformed.getMessage() + "; the rest of the file could not be read", null);
        }
        return out;
    }

    /** "Review Text" -> "review_text", "Note (/5)" -> "note": the names JSON reviews use. */
    private static String key(String header) {
        String s = java.text.Normalizer.normalize(header, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("\\(.*?\\)", "").strip().toLowerCase(Locale.ROOT);
        return s.replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    private static java.time.LocalDate date(String value) {
        if (value == null) return null;
        String v = value.strip();
        try {
            if (v.matches("\\d{10,13}")) return java.time.Instant.ofEpochMilli(v.length() == 10 ? Long.parseLong(v) * 1000 : Long.parseLong(v))
                    .atZone(java.time.ZoneOffset.UTC).toLocalDate();
            if (v.matches("\\d{4}-\\d{2}-\\d{2}.*")) return java.time.LocalDate.parse(v.substring(0, 10));
            if (v.matches("\\d{1,2}/\\d{1,2}/\\d{4}.*")) {
                String[] p = v.split("[/ ]");
                return java.time.LocalDate.of(Integer.parseInt(p[2]), Integer.parseInt(p[1]), Integer.parseInt(p[0]));
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    private static String first(JsonNode item, String... names) {
        for (String n : names) {
            JsonNode v = item.get(n);
            if (v != null && !v.isNull() && !v.asText().isBlank()) return v.asText();
        }
        return null;
    }

    private static BigDecimal rating(JsonNode item) {
        String v = first(item, "rating", "score", "stars", "note");
        if (v == null) return null;
        try {
            return new BigDecimal(v.replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
