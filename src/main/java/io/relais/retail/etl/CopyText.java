package io.relais.retail.etl;

/** PostgreSQL COPY text format: tab-separated, {@code \N} for null, backslash escapes. */
final class CopyText {

    private CopyText() {
    }

    static void field(StringBuilder line, Object value, boolean first) {
        if (!first) line.append('\t');
        if (value == null) {
            line.append("\\N");
            return;
        }
        String s = value.toString();
        if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            line.append(s);
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }

    /** 2011-12-09 12:50:00, without the allocation of LocalDateTime.toString(). */
    static void timestamp(StringBuilder line, java.time.LocalDateTime t) {
        line.append(t.getYear()).append('-');
        two(line, t.getMonthValue());
        line.append('-');
        two(line, t.getDayOfMonth());
        line.append(' ');
        two(line, t.getHour());
        line.append(':');
        two(line, t.getMinute());
        line.append(':');
        two(line, t.getSecond());
    }

    private static void two(StringBuilder line, int v) {
        if (v < 10) line.append('0');
        line.append(v);
    }

    static String row(Object... values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) field(line, values[i], i == 0);
        return line.append('\n').toString();
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
