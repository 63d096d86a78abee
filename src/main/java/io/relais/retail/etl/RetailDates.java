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

    public static LocalDateTime parse(String value) {
        String v = value.strip().replace('T', ' ');
        int space = v.indexOf(' ');
        String date = space < 0 ? v : v.substring(0, space);
        String time = space < 0 ? "0:00" : v.substring(space + 1).strip();
        int year, month, day;
        if (date.contains("-")) {
            String[] d = date.split("-");
            year = Integer.parseInt(d[0]);
            month = Integer.parseInt(d[1]);
            day = Integer.parseInt(d[2]);
        } else if (date.contains("/")) {
            String[] d = date.split("/");
            int a = Integer.parseInt(d[0]), b = Integer.parseInt(d[1]);
            year = Integer.parseInt(d[2]);
            if (year < 100) year += 2000;
            if (a > 12) {
                day = a;
                month = b;
            } else {
                month = a;
                day = b;
            }
        } else {
            throw new IllegalArgumentException("date " + value);
        }
        String[] t = time.split(":");
        int hour = Integer.parseInt(t[0]);
        int minute = t.length > 1 ? Integer.parseInt(t[1]) : 0;
        int second = t.length > 2 ? (int) Double.parseDouble(t[2]) : 0;
        return LocalDateTime.of(year, month, day, hour, minute, second);
    }
}
