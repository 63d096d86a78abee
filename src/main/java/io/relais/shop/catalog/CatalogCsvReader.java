package io.relais.shop.catalog;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.relais.platform.files.ImportReport;
import io.relais.shop.ShopSettings;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a catalog CSV into valid {@link CatalogRow}s and rejections (line number and reason), whatever the
 * supplier's habits: UTF-8 (with or without BOM) or Windows-1252, comma, semicolon, tab or pipe separated, decimal
 * comma, currency signs, thousands separators. Plain Java: no Camel, no database.
 */
public final class CatalogCsvReader {

    private final ShopSettings.Import settings;
    private final Pattern referencePattern;

    public CatalogCsvReader(ShopSettings.Import settings) {
        this.settings = settings;
        this.referencePattern = Pattern.compile(settings.referencePattern());
    }

    /**
     * Reads {@code in}, handing every valid row to {@code rows} and every invalid one to the report. A file whose
     * header lacks a required column is refused as a whole ({@link IllegalArgumentException}).
     */
    public void read(InputStream in, ShopSettings.ColumnMapping mapping, ImportReport report, Consumer<CatalogRow> rows) {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        Charset charset = detectCharset(buffered, mapping);
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(buffered, charset), 1 << 16);
            reader.mark(1 << 16);
            String firstLine = reader.readLine();
            if (firstLine == null) throw new IllegalArgumentException("the file is empty");
            if (firstLine.startsWith("\uFEFF")) firstLine = firstLine.substring(1);
            reader.reset();
            if (reader.read() != '\uFEFF') reader.reset();
            char separator = mapping != null && mapping.separator() != null && !mapping.separator().isEmpty()
                    ? unescape(mapping.separator()) : detectSeparator(firstLine);
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).setIgnoreEmptyLines(true)
                    .setTrim(true).get();
            try (CSVParser parser = CSVParser.parse(reader, format)) {
                Iterator<CSVRecord> records = parser.iterator();
                if (!records.hasNext()) throw new IllegalArgumentException("the file has no header line");
                CSVRecord header = records.next();
                CsvLayout layout = CsvLayout.of(header.toList(), separator, mapping);
                if (!layout.missingRequired().isEmpty()) {
                    throw new IllegalArgumentException("the header has no column for " + layout.missingRequired()
                            + " (found " + header.toList() + "); name a column mapping or use the canonical header "
                            + String.join(",", CsvLayout.FIELDS));
                }
                Map<String, Long> seen = new HashMap<>();
                long previousEnd = parser.getCurrentLineNumber();
                while (true) {
                    CSVRecord record;
                    try {
                        if (!records.hasNext()) break;
                        record = records.next();
                    } catch (UncheckedIOException | IllegalStateException malformed) {
                        report.reject(previousEnd + 1, "malformed line: " + rootMessage(malformed)
                                + "; the rest of the file could not be read", null);
                        break;
                    }
                    long line = previousEnd + 1;
                    previousEnd = parser.getCurrentLineNumber();
                    report.count("read", 1);
                    validate(record, layout, line, seen, report, rows);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void validate(CSVRecord record, CsvLayout layout, long line, Map<String, Long> seen, ImportReport report,
                          Consumer<CatalogRow> rows) {
        List<String> values = record.toList();
        String raw = String.join(String.valueOf(layout.separator()), values);
        if (values.size() < layout.positions().values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1
                && values.size() <= 1) {
            report.reject(line, "malformed line: expected columns separated by '" + layout.separator() + "'", raw);
            return;
        }
        String reference = layout.value(values, "reference");
        if (reference == null) {
            report.reject(line, "bad reference: missing", raw);
            return;
        }
        reference = reference.toUpperCase(Locale.ROOT);
        if (!referencePattern.matcher(reference).matches()) {
            report.reject(line, "bad reference: '" + reference + "' does not match " + settings.referencePattern(), raw);
            return;
        }
        String name = layout.value(values, "name");
        if (name == null) {
            report.reject(line, "missing name", raw);
            return;
        }
        BigDecimal price;
        try {
            price = Prices.parse(layout.value(values, "price"), layout.decimalComma());
        } catch (NumberFormatException e) {
            report.reject(line, "bad price: " + e.getMessage(), raw);
            return;
        }
        if (price.signum() < 0) {
            report.reject(line, "negative price: " + price.toPlainString(), raw);
            return;
        }
        Integer stock = wholeNumber(layout.value(values, "stock"), 0);
        if (stock == null || stock < 0) {
            report.reject(line, "bad stock: '" + layout.value(values, "stock") + "' is not a whole number >= 0", raw);
            return;
        }
        Integer threshold = wholeNumber(layout.value(values, "stock_alert_threshold"), settings.defaultAlertThreshold());
        if (threshold == null || threshold < 0) {
            report.reject(line, "bad stock_alert_threshold: '" + layout.value(values, "stock_alert_threshold") + "'", raw);
            return;
        }
        String image = layout.value(values, "image_url");
        if (image != null && !isHttpUrl(image)) {
            report.reject(line, "bad image_url: '" + image + "' is not an http(s) URL", raw);
            return;
        }
        Long firstLine = seen.putIfAbsent(reference, line);
        if (firstLine != null) {
            report.reject(line, "duplicate reference " + reference + " (first on line " + firstLine + ")", raw);
            return;
        }
        String category = layout.value(values, "category");
        rows.accept(new CatalogRow(line, reference, name, layout.value(values, "description"),
                category == null ? "divers" : category.toLowerCase(Locale.ROOT), price, stock, threshold, image));
    }

    private static Integer wholeNumber(String value, int fallback) {
        if (value == null) return fallback;
        try {
            BigDecimal n = Prices.parse(value, true);
            return n.stripTrailingZeros().scale() > 0 ? null : n.intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** UTF-8 unless the first 64 KiB are not valid UTF-8 (then Windows-1252, what Excel writes in France). */
    static Charset detectCharset(BufferedInputStream in, ShopSettings.ColumnMapping mapping) {
        if (mapping != null && mapping.encoding() != null && !mapping.encoding().isBlank()) {
            return Charset.forName(mapping.encoding());
        }
        try {
            in.mark(1 << 16);
            byte[] head = in.readNBytes(1 << 16);
            in.reset();
            int length = head.length;
            // do not judge a multi-byte character cut at the end of the sample
            while (length > 0 && length > head.length - 4 && (head[length - 1] & 0xC0) == 0x80) length--;
            if (length > 0 && (head[length - 1] & 0xC0) == 0xC0) length--;
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, 0, length));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return Charset.forName("windows-1252");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The most frequent of ; , tab | outside quotes in the header line. */
    static char detectSeparator(String header) {
        char best = ',';
        long bestCount = 0;
        for (char c : new char[] {';', ',', '\t', '|'}) {
            long count = 0;
            boolean quoted = false;
            for (char h : header.toCharArray()) {
                if (h == '"') quoted = !quoted;
                else if (h == c && !quoted) count++;
            }
            if (count > bestCount) {
                best = c;
                bestCount = count;
            }
        }
        return best;
    }

    private static char unescape(String separator) {
        return "\\t".equals(separator) || "tab".equalsIgnoreCase(separator) ? '\t' : separator.charAt(0);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) c = c.getCause();
        return c.getMessage();
    }

}
