package io.relais.retail.etl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;


/**
 * Streams an Online Retail CSV (the II layout {@code Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country}
 * or the older {@code InvoiceNo,...,UnitPrice,CustomerID,...}; comma, semicolon or tab; decimal comma with
 * semicolons; dates with or without seconds; customer ids like {@code 17850.0}) and hands on every clean line.
 * Rules, in order: malformed, cancellation ({@code C} invoice: handed to the cancellations when the caller takes them,
 * else rejected), non-positive quantity, non-positive price, missing customer, exact duplicate of an earlier line. Plain Java: one pass, memory bounded by the duplicate filter (8 bytes
 * per distinct line).
 */
public final class TransactionCleaner {

    static final List<String> FIELDS = List.of("invoice", "stock_code", "description", "quantity", "invoice_date",
            "price", "customer_id", "country");
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        alias("invoice", "invoice", "invoiceno", "invoice_no", "invoicenumber");
        alias("stock_code", "stockcode", "stock_code", "sku", "productcode");
        alias("description", "description", "productname", "product");
        alias("quantity", "quantity", "qty");
        alias("invoice_date", "invoicedate", "invoice_date", "date");
        alias("price", "price", "unitprice", "unit_price");
        alias("customer_id", "customerid", "customer_id", "customer", "customerno");
        alias("country", "country");
    }

    private static void alias(String field, String... names) {
        for (String n : names) ALIASES.put(n, field);
    }

    private TransactionCleaner() {
    }

    /** Reads the whole input; {@code clean} receives each accepted line, cancellations are rejected. */
    public static CleaningReport clean(InputStream input, int samplesPerRule, Consumer<Transaction> clean) throws IOException {
        return clean(input, samplesPerRule, clean, null);
    }

    /**
     * Reads the whole input; {@code clean} receives each accepted line and {@code cancellations} each cancellation line
     * that names a customer and a positive number of units (the caller applies them to earlier sales, or rejects them).
     */
    public static CleaningReport clean(InputStream input, int samplesPerRule, Consumer<Transaction> clean,
                                       Consumer<Cancellations.Cancel> cancellations) throws IOException {
        CleaningReport report = new CleaningReport(samplesPerRule);
        BufferedReader reader = new BufferedReader(new InputStreamReader(stripBom(input), StandardCharsets.UTF_8), 1 << 16);
        reader.mark(8192);
        String header = reader.readLine();
        if (header == null) return report;
        char separator = separator(header);
        reader.reset();
        boolean decimalComma = separator == ';';
        LongHashSet seen = new LongHashSet(1 << 20);
        try (CSVParser lines = csv(separator).parse(reader)) {
            Iterator<CSVRecord> records = lines.iterator();
            if (!records.hasNext()) throw new IOException("empty file");
            int[] columns = columns(records.next().toList());
            int needed = columnsNeeded(columns);
            while (true) {
                long line = lines.getCurrentLineNumber() + 1;
                List<String> record;
                try {
                    if (!records.hasNext()) break;
                    record = records.next().toList();
                } catch (UncheckedIOException e) {
                    throw new IOException("line " + line + ": " + e.getCause().getMessage(), e);
                }
                if (record.size() == 1 && record.get(0).isBlank()) continue;
                report.countRead();
                cleanRecord(record, columns, needed, decimalComma, line, seen, report, clean, cancellations);
            }
        }
        return report;
    }

    private static void cleanRecord(List<String> record, int[] columns, int needed, boolean decimalComma, long line,
                                    LongHashSet seen, CleaningReport report, Consumer<Transaction> clean,
                                    Consumer<Cancellations.Cancel> cancellations) {
        java.util.function.Supplier<String> text = () -> String.join(",", record);
        if (record.size() < needed) {
            report.reject(RejectRule.MALFORMED, line, "expected " + needed + " columns, got " + record.size(), text);
            return;
        }
        String invoice = field(record, columns, 0);
        String stockCode = field(record, columns, 1);
        String description = field(record, columns, 2);
        String country = field(record, columns, 7);
        int quantity;
        BigDecimal price;
        LocalDateTime date;
        try {
            quantity = Integer.parseInt(number(field(record, columns, 3), decimalComma));
            price = new BigDecimal(number(field(record, columns, 5), decimalComma));
            date = RetailDates.parse(field(record, columns, 4));
        } catch (RuntimeException e) {
            report.reject(RejectRule.MALFORMED, line, "unreadable quantity, price or date: " + e.getMessage(), text);
            return;
        }
        if (invoice.isEmpty() || stockCode.isEmpty()) {
            report.reject(RejectRule.MALFORMED, line, "missing invoice or stock code", text);
            return;
        }
        if (invoice.startsWith("C") || invoice.startsWith("c")) {
            String customer = customerId(field(record, columns, 6));
            if (cancellations == null) {
                report.reject(RejectRule.CANCELLATION, line, "cancelled invoice " + invoice, text);
            } else if (quantity >= 0 || customer.isEmpty()) {
                report.reject(RejectRule.CANCELLATION, line, "cancelled invoice " + invoice + (customer.isEmpty()
                        ? " without a customer: nothing to take back" : " with quantity " + quantity + ": nothing to take back"), text);
            } else {
                report.countCancellation();
                String t = text.get();
                cancellations.accept(new Cancellations.Cancel(line, invoice, stockCode.toUpperCase(Locale.ROOT), customer, date, -quantity,
                        t.length() > 300 ? t.substring(0, 300) : t));
            }
            return;
        }
        if (quantity <= 0) {
            report.reject(RejectRule.NON_POSITIVE_QUANTITY, line, "quantity " + quantity, text);
            return;
        }
        if (price.signum() <= 0) {
            report.reject(RejectRule.NON_POSITIVE_PRICE, line, "price " + price, text);
            return;
        }
        String customer = customerId(field(record, columns, 6));
        if (customer.isEmpty()) {
            report.reject(RejectRule.MISSING_CUSTOMER, line, "no customer id", text);
            return;
        }
        Transaction t = new Transaction(invoice, stockCode.toUpperCase(Locale.ROOT), description.isEmpty() ? null : description.strip(),
                quantity, date, price, customer, country.isEmpty() ? null : country);
        if (!seen.add(fingerprint(t))) {
            report.reject(RejectRule.DUPLICATE, line, "same as an earlier line", text);
            return;
        }
        report.countAccepted();
        clean.accept(t);
    }

    private static int columnsNeeded(int[] columns) {
        int max = 0;
        for (int c : columns) max = Math.max(max, c + 1);
        return max;
    }

    private static int[] columns(List<String> header) {
        int[] columns = new int[FIELDS.size()];
        java.util.Arrays.fill(columns, -1);
        for (int i = 0; i < header.size(); i++) {
            String key = Normalizer.normalize(header.get(i), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                    .toLowerCase(Locale.ROOT).replaceAll("[^a-z_]", "");
            String field = ALIASES.get(key);
            if (field == null) field = ALIASES.get(key.replace("_", ""));
            if (field != null && columns[FIELDS.indexOf(field)] < 0) columns[FIELDS.indexOf(field)] = i;
        }
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] < 0 && !FIELDS.get(i).equals("description") && !FIELDS.get(i).equals("country")) {
                throw new IllegalArgumentException("the header has no column for " + FIELDS.get(i) + ": " + header);
            }
        }
        return columns;
    }

    private static String field(List<String> record, int[] columns, int field) {
        int c = columns[field];
        return c < 0 || c >= record.size() ? "" : record.get(c).strip();
    }

    private static String number(String value, boolean decimalComma) {
        String v = value.replace(" ", "");
        return decimalComma ? v.replace(".", "").replace(',', '.') : v;
    }

    /** "17850.0" -> "17850"; blank or "nan" -> "". */
    static String customerId(String raw) {
        String v = raw.strip();
        if (v.isEmpty() || v.equalsIgnoreCase("nan") || v.equalsIgnoreCase("null")) return "";
        if (v.endsWith(".0")) v = v.substring(0, v.length() - 2);
        return v;
    }

    /** A 64-bit hash of every field (a price hashes the same at any scale: 2.5 and 2.50 are one price). */
    private static long fingerprint(Transaction t) {
        long h = 1125899906842597L;
        h = mix(h, t.invoice());
        h = mix(h, t.stockCode());
        h = mix(h, t.description());
        h = 31 * h + t.quantity();
        h = 31 * h + t.invoiceDate().toEpochSecond(java.time.ZoneOffset.UTC);
        BigDecimal price = t.price().stripTrailingZeros();
        h = 31 * h + price.scale();
        h = 31 * h + (price.unscaledValue().bitLength() < 63 ? price.unscaledValue().longValue() : price.unscaledValue().hashCode());
        h = mix(h, t.customerId());
        h = mix(h, t.country());
        return h ^ (h >>> 29) * 0x9E3779B97F4A7C15L;
    }

    private static long mix(long h, String s) {
        String v = s == null ? "\u0000" : s;
        for (int i = 0; i < v.length(); i++) h = 31 * h + v.charAt(i);
        return 31 * h + 0x1F;
    }

    /**
     * RFC 4180 as real files bend it (Commons CSV): a quote opens a quoted field only at its start ({@code 12" POT}
     * is text), text after a closing quote is kept, an unclosed quote at the end of the file ends the field there.
     */
    static CSVFormat csv(char separator) {
        return CSVFormat.RFC4180.builder().setDelimiter(separator).setIgnoreEmptyLines(false)
                .setTrailingData(true).setLenientEof(true).get();
    }

    static char separator(String header) {
        int commas = count(header, ','), semicolons = count(header, ';'), tabs = count(header, '\t');
        if (tabs > commas && tabs > semicolons) return '\t';
        return semicolons > commas ? ';' : ',';
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) n++;
        return n;
    }

    private static InputStream stripBom(InputStream in) throws IOException {
        java.io.PushbackInputStream p = new java.io.PushbackInputStream(in, 3);
        byte[] bom = new byte[3];
        int n = p.readNBytes(bom, 0, 3);
        if (!(n == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF) && n > 0) {
            p.unread(bom, 0, n);
        }
        return p;
    }
}
