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

    /** Rows read ahead to see what each column holds. */
    static final int SAMPLE_ROWS = 200;

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
                // the first rows show what the columns hold: they are read ahead, then handled like the rest
                Numbered numbered = new Numbered(parser, records, report);
                List<CSVRecord> ahead = new ArrayList<>();
                List<Long> aheadLines = new ArrayList<>();
                CSVRecord record;
                while (ahead.size() < SAMPLE_ROWS && (record = numbered.next()) != null) {
                    ahead.add(record);
                    aheadLines.add(numbered.line);
                }
                CsvLayout layout = CsvLayout.of(header.toList(), ahead.stream().map(CSVRecord::toList).toList(), separator, mapping);
                if (!layout.missingRequired().isEmpty()) {
                    throw new IllegalArgumentException("no column of " + header.toList() + " could be recognised as the "
                            + layout.missingRequired() + "; give the columns (?columns={\"reference\": \"<your column>\"}) or "
                            + "name a saved mapping (?mapping=<name>)");
                }
                report.detail("layout", layout.describe());
                Map<String, Long> seen = new HashMap<>();
                for (int i = 0; i < ahead.size(); i++) {
                    report.count("read", 1);
                    validate(ahead.get(i), layout, aheadLines.get(i), seen, report, rows);
                }
                while ((record = numbered.next()) != null) {
                    report.count("read", 1);
                    validate(record, layout, numbered.line, seen, report, rows);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void validate(CSVRecord record, CsvLayout layout, long line, Map<String, Long> seen, ImportReport report,
                          Consumer<CatalogRow> rows) {
        List<String> values = record.toList();
        // the line as read, joined again only for a rejection's report
        java.util.function.Supplier<String> raw = () -> String.join(String.valueOf(layout.separator()), values);
        if (values.size() < layout.positions().values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1
                && values.size() <= 1) {
            report.reject(line, "malformed line: expected columns separated by '" + layout.separator() + "'", raw.get());
            return;
        }
        String reference = layout.value(values, "reference");
        if (reference == null) {
            report.reject(line, "bad reference: missing", raw.get());
            return;
        }
        reference = reference.toUpperCase(Locale.ROOT);
        if (!referencePattern.matcher(reference).matches()) {
            report.reject(line, "bad reference: '" + reference + "' does not match " + settings.referencePattern(), raw.get());
            return;
        }
        String name = layout.value(values, "name");
        if (name == null) {
            report.reject(line, "missing name", raw.get());
            return;
        }
        BigDecimal price = null;
        String priceText = layout.value(values, "price");
        if (priceText != null) {
            try {
                price = Prices.parse(priceText, layout.decimalComma());
            } catch (NumberFormatException e) {
                report.reject(line, "bad price: " + e.getMessage(), raw.get());
                return;
            }
            if (price.signum() < 0) {
                report.reject(line, "negative price: " + price.toPlainString(), raw.get());
                return;
            }
        }
        Integer stock = wholeNumber(layout.value(values, "stock"), 0);
        if (stock == null || stock < 0) {
            report.reject(line, "bad stock: '" + layout.value(values, "stock") + "' is not a whole number >= 0", raw.get());
            return;
        }
        Integer threshold = wholeNumber(layout.value(values, "stock_alert_threshold"), settings.defaultAlertThreshold());
        if (threshold == null || threshold < 0) {
            report.reject(line, "bad stock_alert_threshold: '" + layout.value(values, "stock_alert_threshold") + "'", raw.get());
            return;
        }
        String image = layout.value(values, "image_url");
        if (image != null && !isHttpUrl(image)) {
            report.reject(line, "bad image_url: '" + image + "' is not an http(s) URL", raw.get());
            return;
        }
        Long firstLine = seen.putIfAbsent(reference, line);
        if (firstLine != null) {
            report.reject(line, "duplicate reference " + reference + ": the row on line " + firstLine + " (the first) is kept", raw.get());
            return;
        }
        if (price == null) {
            report.count("unpriced", 1).note(line, reference + " has no price: it lands unpriced and cannot be ordered until it has one");
        }
        String category = layout.value(values, "category");
        rows.accept(new CatalogRow(line, reference, name, layout.value(values, "description"),
                category == null ? "divers" : category.toLowerCase(Locale.ROOT), price, stock, threshold, image, layout.attributes(values)));
    }

    /** A file's records with the line each starts on; a malformed line ends the file with a rejection. */
    private static final class Numbered {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final ImportReport report;
        private long previousEnd;
        private boolean done;
        long line;

        Numbered(CSVParser parser, Iterator<CSVRecord> records, ImportReport report) {
            this.parser = parser;
            this.records = records;
            this.report = report;
            this.previousEnd = parser.getCurrentLineNumber();
        }

        CSVRecord next() {
            if (done) return null;
            try {
                if (!records.hasNext()) {
                    done = true;
                    return null;
                }
                CSVRecord record = records.next();
                line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                return record;
            } catch (UncheckedIOException | IllegalStateException malformed) {
                done = true;
                report.reject(previousEnd + 1, "malformed line: " + rootMessage(malformed) + "; the rest of the file could not be read", null);
                return null;
            }
        }
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
