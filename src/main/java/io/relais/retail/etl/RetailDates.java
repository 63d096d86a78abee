package io.relais.retail.etl;

import java.time.LocalDateTime;

/**
 * The invoice dates of Online Retail files: {@code 2009-12-01 07:45:00}, {@code 2010-12-01 08:26},
 * {@code 12/1/2010 8:26} (month first, as the UCI files), {@code 13/1/2010 8:26} (day first when the first number
 * cannot be a month), with or without seconds, {@code T} between date and time.
 */
public final class RetailDates {

    private RetailDates() {
    }

    /**
     * Read in one pass over the characters (no splitting, no substrings): a million lines spend their cleaning time
     * here otherwise. Anything else than the forms above is an {@link IllegalArgumentException}.
     */
    public static LocalDateTime parse(String value) {
        Cursor c = new Cursor(value);
        c.skipSpaces();
        int a = c.number(4);
        char separator = c.next();
        if (separator != '-' && separator != '/') throw c.invalid();
        int b = c.number(2);
        c.expect(separator);
        int third = c.number(4);
        int year, month, day;
        if (separator == '-') {
            year = a;
            month = b;
            day = third;
        } else {
            year = third < 100 ? third + 2000 : third;
            month = a > 12 ? b : a;
            day = a > 12 ? a : b;
        }
        int hour = 0, minute = 0, second = 0;
        if (c.more() && (c.peek() == ' ' || c.peek() == 'T')) {
            c.next();
            c.skipSpaces();
            if (c.more()) {
                hour = c.number(2);
                if (c.more() && c.peek() == ':') {
                    c.next();
                    minute = c.number(2);
                    if (c.more() && c.peek() == ':') {
                        c.next();
                        second = c.number(2);
                        if (c.more() && c.peek() == '.') {
                            c.next();
                            c.number(9); // a fraction of a second: dropped, as before
                        }
                    }
                }
            }
        }
        c.skipSpaces();
        if (c.more()) throw c.invalid();
        return LocalDateTime.of(year, month, day, hour, minute, second);
    }

    private static final class Cursor {
        private final String text;
        private int at;

        Cursor(String text) {
            this.text = text;
        }

        boolean more() {
            return at < text.length();
        }

        char peek() {
            return text.charAt(at);
        }

        char next() {
            if (!more()) throw invalid();
            return text.charAt(at++);
        }

        void expect(char wanted) {
            if (next() != wanted) throw invalid();
        }

        void skipSpaces() {
            while (more() && Character.isWhitespace(peek())) at++;
        }

        /** One to {@code maxDigits} ASCII digits. */
        int number(int maxDigits) {
            int n = 0, digits = 0;
            while (more() && peek() >= '0' && peek() <= '9') {
                if (++digits > maxDigits) throw invalid();
                n = n * 10 + (text.charAt(at++) - '0');
            }
            if (digits == 0) throw invalid();
            return n;
        }

        IllegalArgumentException invalid() {
            return new IllegalArgumentException("date " + text);
        }
    }
}
