package io.relais.retail.etl;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV records, one at a time: a line without quotes is split on the separator directly (the common case, fast);
 * a quoted field may hold separators, doubled quotes and line breaks. Tracks the physical line number of each record.
 */
final class CsvLines {

    private final BufferedReader in;
    private final char separator;
    private long line;
    private long recordLine;

    CsvLines(BufferedReader in, char separator) {
        this.in = in;
        this.separator = separator;
    }

    /** The line where the last record returned started (1 = the header). */
    long lineNumber() {
        return recordLine;
    }

    List<String> next() throws IOException {
        String text = in.readLine();
        if (text == null) return null;
        line++;
        recordLine = line;
        List<String> fields = new ArrayList<>(10);
        if (text.indexOf('"') < 0) {
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == separator) {
                    fields.add(text.substring(start, i));
                    start = i + 1;
                }
            }
            fields.add(text.substring(start));
            return fields;
        }
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i >= text.length()) {
                if (quoted) { // a line break inside quotes: the record goes on
                    String more = in.readLine();
                    if (more == null) break;
                    line++;
                    field.append('\n');
                    text = more;
                    i = 0;
                    continue;
                }
                break;
            }
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
