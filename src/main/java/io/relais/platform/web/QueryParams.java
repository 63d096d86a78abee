package io.relais.platform.web;

import java.math.BigDecimal;

/** Query parameters read with a 400 that names the parameter, instead of a type-conversion 500. */
public final class QueryParams {

    private QueryParams() {
    }

    public static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) return fallback;
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) throw ApiProblem.invalidField(name, "must be between " + min + " and " + max);
            return n;
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField(name, "'" + value + "' is not a whole number");
        }
    }

    public static BigDecimal decimal(String name, String value) {
        try {
            return new BigDecimal(value.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField(name, "'" + value + "' is not a number");
        }
    }

    public static boolean bool(String name, String value, boolean fallback) {
        if (value == null || value.isBlank()) return fallback;
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiProblem.invalidField(name, "must be true or false");
        };
    }
}
