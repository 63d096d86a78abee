package io.relais.shop.catalog;

import java.math.BigDecimal;

/** Reads prices as suppliers write them: "12,50", "1 234,56 €", "€1,234.56", "12.5". */
public final class Prices {

    private Prices() {
    }

    /**
     * @param decimalComma whether a lone comma is the decimal mark (French files); with both marks present the last
     *                     one is always the decimal mark
     */
    public static BigDecimal parse(String text, boolean decimalComma) {
        if (text == null || text.isBlank()) throw new NumberFormatException("missing");
        String s = text.replace("\u00A0", "").replace("\u202F", "").replace(" ", "")
                .replace("€", "").replace("EUR", "").replace("eur", "").replace("$", "").replace("£", "");
        int comma = s.lastIndexOf(','), dot = s.lastIndexOf('.');
        if (comma >= 0 && dot >= 0) {
            s = comma > dot ? s.replace(".", "").replace(',', '.') : s.replace(",", "");
        } else if (comma >= 0) {
            s = decimalComma ? s.replace(',', '.') : s.replace(",", "");
        }
        if (!s.matches("[+-]?\\d+(\\.\\d+)?")) throw new NumberFormatException("'" + text + "' is not a number");
        return new BigDecimal(s);
    }
}
