package io.relais.shop.catalog;

import java.math.BigDecimal;

/** Reads prices as suppliers write them: "12,50", "1 234,56 €", "€1,234.56", "12.5". */
public final class Prices {

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    private Prices() {
    }

    /**
     * @param decimalComma whether a lone comma is the decimal mark (French files); with both marks present the last
     *                     one is always the decimal mark
     */
    public static BigDecimal parse(String text, boolean decimalComma) {
        BigDecimal plain = text == null ? null : plain(text, decimalComma);
        return plain != null ? plain : general(text, decimalComma);
    }

    /** Any way a supplier writes a number: spaces, currency signs, either mark as the decimal one. */
    static BigDecimal general(String text, boolean decimalComma) {
        if (text == null || text.isBlank()) throw new NumberFormatException("missing");
        String s = text.replace("\u00A0", "").replace("\u202F", "").replace(" ", "")
                .replace("€", "").replace("EUR", "").replace("eur", "").replace("$", "").replace("£", "");
        int comma = s.lastIndexOf(','), dot = s.lastIndexOf('.');
        if (comma >= 0 && dot >= 0) {
            s = comma > dot ? s.replace(".", "").replace(',', '.') : s.replace(",", "");
        } else if (comma >= 0) {
            s = decimalComma ? s.replace(',', '.') : s.replace(",", "");
        }
        if (!NUMBER.matcher(s).matches()) throw new NumberFormatException("'" + text + "' is not a number");
        return new BigDecimal(s);
    }

    /**
     * The common case in one pass, as {@link #general} reads it: an optional sign, digits, and at most one mark
     * followed by digits ("12", "12.50", "12,50"). Null for anything else (currency signs, spaces, both marks).
     */
    private static BigDecimal plain(String text, boolean decimalComma) {
        int n = text.length(), i = 0, mark = -1;
        if (n == 0) return null;
        if (text.charAt(0) == '+' || text.charAt(0) == '-') i = 1;
        int digitsBefore = 0, digitsAfter = 0;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (mark < 0) digitsBefore++;
                else digitsAfter++;
            } else if ((c == '.' || c == ',') && mark < 0) {
                mark = i;
            } else {
                return null;
            }
        }
        if (digitsBefore == 0 || (mark >= 0 && digitsAfter == 0)) return null;
        if (mark < 0 || text.charAt(mark) == '.') return new BigDecimal(text);
        String digits = decimalComma ? text.substring(0, mark) + '.' + text.substring(mark + 1)
                : text.substring(0, mark) + text.substring(mark + 1);
        return new BigDecimal(digits);
    }
}
