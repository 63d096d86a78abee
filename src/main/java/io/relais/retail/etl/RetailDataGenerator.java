package io.relais.retail.etl;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded Online Retail II-shaped transactions with the dirt of the real file: cancellations ({@code C} invoices with
 * negative quantities), adjustments with non-positive quantities or prices, about a fifth of lines without a customer,
 * exact duplicates, a few malformed lines, and description variants for one stock code (case, spacing, punctuation,
 * typos, "SET 3" / "SET OF 3"). {@code layout} "ii" (2009-2011 file) or "classic" (InvoiceNo, UnitPrice, CustomerID
 * as 17850.0, dates 12/1/2010 8:26). {@code java ... RetailDataGenerator <rows> <file> [ii|classic]}.
 */
public final class RetailDataGenerator {

    private static final String[] COLOURS = {"WHITE", "RED", "PINK", "BLUE", "GREEN", "CREAM", "IVORY", "BLACK", "VINTAGE", "RETRO"};
    private static final String[] THINGS = {"HANGING HEART T-LIGHT HOLDER", "METAL LANTERN", "CERAMIC MUG", "PAPER CHAIN KIT",
            "LUNCH BAG", "JUMBO BAG", "ALARM CLOCK BAKELIKE", "CAKE CASES", "TEA SET", "PHOTO FRAME", "DOORMAT",
            "WATER BOTTLE", "PICNIC BASKET", "NAPKINS", "STORAGE TIN", "CANDLE HOLDER", "CUSHION COVER", "PARTY BUNTING",
            "WALL CLOCK", "GIFT WRAP", "REGENCY CAKESTAND 3 TIER", "SPOTTY BUNTING", "HOT WATER BOTTLE", "KEY RING"};
    private static final String[] STYLES = {"", "", "SMALL ", "LARGE ", "SET OF 3 ", "SET 2 ", "PACK OF 12 ", "HEART ", "FLORAL ", "POLKADOT "};
    private static final String[] COUNTRIES = {"United Kingdom", "United Kingdom", "United Kingdom", "United Kingdom",
            "United Kingdom", "United Kingdom", "United Kingdom", "United Kingdom", "Germany", "France", "EIRE", "Spain",
            "Netherlands", "Belgium", "Switzerland", "Portugal", "Australia", "Italy", "Norway", "Sweden"};

    private RetailDataGenerator() {
    }

    public static void write(Writer out, int rows, long seed, String layout) throws IOException {
        write(out, rows, seed, layout, true);
    }

    /** {@code malformedLines} false: well-formed CSV only, like the UCI file itself (its dirt is in the values). */
    public static void write(Writer out, int rows, long seed, String layout, boolean malformedLines) throws IOException {
        boolean classic = "classic".equals(layout);
        Random random = new Random(seed);
        int productCount = Math.max(50, Math.min(4_000, rows / 250));
        List<String[]> products = new ArrayList<>();
        for (int i = 0; i < productCount; i++) {
            String code = String.valueOf(20_000 + random.nextInt(70_000)) + (random.nextInt(4) == 0 ? (char) ('A' + random.nextInt(4)) : "");
            String description = STYLES[random.nextInt(STYLES.length)] + COLOURS[random.nextInt(COLOURS.length)] + " "
                    + THINGS[random.nextInt(THINGS.length)];
            String price = String.format(Locale.ROOT, "%.2f", 0.29 + Math.pow(random.nextDouble(), 2) * 14);
            products.add(new String[] {code, description, variant(description, random), price});
        }
        DateTimeFormatter dates = classic ? DateTimeFormatter.ofPattern("M/d/yyyy H:mm") : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        out.write(classic ? "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                : "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n");
        LocalDateTime start = LocalDateTime.of(2009, 12, 1, 7, 45);
        long minutes = java.time.Duration.between(start, LocalDateTime.of(2011, 12, 9, 12, 50)).toMinutes();
        int invoice = 489_434;
        String previous = null;
        int written = 0;
        while (written < rows) {
            invoice++;
            LocalDateTime when = start.plusMinutes((long) ((double) written / rows * minutes));
            boolean cancelled = random.nextInt(60) == 0;
            String customer = random.nextInt(5) == 0 ? "" : String.valueOf(12_346 + random.nextInt(5_942));
            String country = customer.isEmpty() ? "United Kingdom" : COUNTRIES[Math.abs(customer.hashCode()) % COUNTRIES.length];
            int lines = 1 + random.nextInt(Math.min(30, rows - written));
            for (int l = 0; l < lines && written < rows; l++) {
                String[] p = products.get((int) (Math.pow(random.nextDouble(), 1.6) * products.size()));
                String description = random.nextInt(8) == 0 ? p[2] : p[1];
                int quantity = 1 + (int) (Math.pow(random.nextDouble(), 3) * 48);
                String price = p[3];
                if (cancelled) quantity = -quantity;
                else if (random.nextInt(400) == 0) quantity = 0;
                if (random.nextInt(300) == 0) price = "0.00";
                String line;
                if (random.nextInt(700) == 0 && malformedLines) {
                    line = (cancelled ? "C" : "") + invoice + "," + p[0] + ",\"" + description + "\"," + quantity; // malformed
                } else {
                    line = (cancelled ? "C" : "") + invoice + "," + p[0] + "," + csv(description) + "," + quantity + ","
                            + dates.format(when) + "," + price + "," + (classic && !customer.isEmpty() ? customer + ".0" : customer)
                            + "," + country;
                }
                out.write(line);
                out.write('\n');
                written++;
                if (previous != null && written < rows && random.nextInt(150) == 0) { // exact duplicate
                    out.write(line);
                    out.write('\n');
                    written++;
                }
                previous = line;
            }
        }
    }

    /** A way the same product gets written differently. */
    private static String variant(String description, Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> description.toLowerCase(Locale.ROOT);
            case 1 -> description.replace(" ", "  ");
            case 2 -> description.replace("SET OF 3", "SET 3").replace("-", " ") + ".";
            case 3 -> description.length() > 8 ? description.substring(0, description.length() - 2) + description.charAt(description.length() - 1) : description;
            case 4 -> description + " ";
            default -> description.replace("T-LIGHT", "TLIGHT").replace("HOLDER", "HOLDR");
        };
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    public static void main(String[] args) throws IOException {
        try (Writer out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            write(out, Integer.parseInt(args[0]), 42, args.length > 2 ? args[2] : "ii");
        }
    }
}
