package io.relais.retail.etl;

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
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Product reviews ({@code inbox/retail/reviews/*.json}): a JSON array (or one object per line) of reviews with a
 * product code ({@code stock_code}, {@code StockCode}, {@code sku}, {@code product_id}), a text ({@code text},
 * {@code review}, {@code comment}), a rating 1-5 ({@code rating}, {@code score}, {@code stars}) or a label
 * ({@code positive} 4.5, {@code neutral} 3, {@code negative} 1.5), optionally a customer. Each file replaces the
 * reviews in one transaction; reviews are tied to golden records through the product mapping.
 */
@Component("retailReviews")
public class ReviewLoader {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;

    ReviewLoader(JdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    public ImportReport load(@Body InputStream input, @Header("CamelFileName") String name) throws IOException {
        ImportReport report = new ImportReport(name == null ? "reviews" : name);
        byte[] bytes = input.readAllBytes();
        List<JsonNode> items = new ArrayList<>();
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
        if (text.startsWith("[")) json.readTree(text).forEach(items::add);
        else for (String line : text.split("\n")) if (!line.isBlank()) items.add(json.readTree(line));
        Map<String, String> golden = new HashMap<>();
        jdbc.query("select distinct on (stock_code) stock_code, golden_id from retail.product_mapping order by stock_code, score desc",
                rs -> {
                    golden.put(rs.getString(1), rs.getString(2));
                });
        List<Object[]> rows = new ArrayList<>();
        long index = 0;
        for (JsonNode item : items) {
            index++;
            String code = first(item, "stock_code", "StockCode", "stockCode", "sku", "product_id", "product");
            String review = first(item, "text", "review", "review_text", "comment", "body");
            BigDecimal rating = rating(item);
            String label = first(item, "label", "sentiment");
            if (rating == null && label != null) rating = switch (label.toLowerCase(Locale.ROOT)) {
                case "positive", "positif", "pos" -> new BigDecimal("4.5");
                case "neutral", "neutre" -> new BigDecimal("3");
                case "negative", "negatif", "négatif", "neg" -> new BigDecimal("1.5");
                default -> null;
            };
            if (rating != null && (rating.doubleValue() < 0 || rating.doubleValue() > 5)) {
                report.reject(index, "rating " + rating + " is not between 0 and 5", item.toString());
                continue;
            }
            if (review == null && rating == null) {
                report.reject(index, "neither a text nor a rating", item.toString());
                continue;
            }
            String stockCode = code == null ? null : code.strip().toUpperCase(Locale.ROOT);
            rows.add(new Object[] {stockCode, stockCode == null ? null : golden.get(stockCode),
                    TransactionCleaner.customerId(String.valueOf(first(item, "customer_id", "CustomerID", "Customer ID") == null ? ""
                            : first(item, "customer_id", "CustomerID", "Customer ID"))),
                    rating, label, review});
        }
        transactions.executeWithoutResult(tx -> {
            jdbc.execute("truncate retail.review_facts");
            jdbc.batchUpdate("insert into retail.review_facts (stock_code, golden_id, customer_id, rating, label, text) "
                    + "values (?, ?, nullif(?, ''), ?, ?, ?)", rows);
        });
        report.count("loaded", rows.size());
        report.count("linked_to_products", rows.stream().filter(r -> r[1] != null).count());
        return report.completed();
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
