package io.relais.testsupport;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Daily Online Retail feeds with the properties of a real shop's: one file a day, repeated lines, cancellations. */
public final class DailyRetailFeeds {

    public static final String HEADER = "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private DailyRetailFeeds() {
    }

    /**
     * A month of a small shop's transactions, a file a day: about 40 invoices a day from 60 customers over 80 products
     * (some descriptions with typos and other cases, so master data has variants to match), prices below one cent now
     * and then, lines without a customer, repeated lines, and cancellations of earlier days' sales (some of more units
     * than were sold, some of nothing that was sold).
     */
    public static List<List<String>> days(int count, long seed) {
        return days(count, seed, 40, LocalDateTime.of(2011, 10, 1, 8, 0));
    }

    /** {@code invoicesPerDay} invoices a day from {@code first} on. */
    public static List<List<String>> days(int count, long seed, int invoicesPerDay, LocalDateTime first) {
        Random random = new Random(seed);
        String[] countries = {"United Kingdom", "France", "Germany", "EIRE", "Spain"};
        String[][] products = new String[80][];
        for (int i = 0; i < products.length; i++) {
            String name = "GARDEN ITEM " + (char) ('A' + i % 26) + " NUMBER " + i;
            products[i] = new String[] {String.valueOf(21000 + i * 7), name, name.toLowerCase(), name.replace("NUMBER", "NUMBR")};
        }
        List<String[]> sold = new ArrayList<>(); // invoice line fields of earlier sales: code, description, quantity, price, customer, country
        List<List<String>> days = new ArrayList<>();
        int invoice = 580000;
        for (int d = 0; d < count; d++) {
            List<String> lines = new ArrayList<>();
            LocalDateTime day = first.plusDays(d);
            for (int n = 0; n < invoicesPerDay; n++) {
                invoice++;
                String customer = random.nextInt(30) == 0 ? "" : String.valueOf(12000 + random.nextInt(60));
                String country = countries[random.nextInt(countries.length)];
                String when = day.plusSeconds(n * 600L * 40 / invoicesPerDay).format(WHEN);
                int items = 1 + random.nextInt(5);
                for (int k = 0; k < items; k++) {
                    String[] p = products[random.nextInt(products.length)];
                    String description = p[1 + (random.nextInt(10) == 0 ? 1 + random.nextInt(2) : 0)];
                    int quantity = 1 + random.nextInt(12);
                    String price = random.nextInt(25) == 0 ? "0.004" : (1 + random.nextInt(900)) / 100.0 + "";
                    String line = invoice + "," + p[0] + "," + description + "," + quantity + "," + when + "," + price + "," + customer + "," + country;
                    lines.add(line);
                    if (random.nextInt(40) == 0) lines.add(line); // a line sent twice
                    if (!customer.isEmpty()) sold.add(new String[] {p[0], description, String.valueOf(quantity), price, customer, country});
                }
            }
            for (int c = 0; c < 4 && !sold.isEmpty(); c++) {
                String[] s = sold.get(random.nextInt(sold.size()));
                int units = random.nextInt(6) == 0 ? Integer.parseInt(s[2]) + 3 : 1 + random.nextInt(Integer.parseInt(s[2]));
                String stock = random.nextInt(8) == 0 ? "99" + random.nextInt(1000) : s[0]; // now and then, nothing to take back
                lines.add("C" + (++invoice) + "," + stock + "," + s[1] + ",-" + units + "," + day.plusHours(20).format(WHEN) + ","
                        + s[3] + "," + s[4] + "," + s[5]);
            }
            days.add(lines);
        }
        return days;
    }
}
