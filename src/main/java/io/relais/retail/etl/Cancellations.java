package io.relais.retail.etl;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cancellation ({@code C} invoice, negative quantity) takes back units of the same customer's earlier sales of the
 * same stock code: the latest sale on or before the cancellation first, then older ones, never below zero. The same
 * rule applies within a file and across daily files (the earlier sales are then already loaded), so loading days one by
 * one gives the data of their concatenation. Cancellations are applied in date order; a cancellation that finds no
 * earlier sale is rejected with that reason. Plain Java: sales are identified by a reference the caller chooses (a
 * staged line, a stored row).
 */
public final class Cancellations {

    /** A cancellation line of the file: {@code quantity} is the number of units taken back (positive). */
    public record Cancel(long line, String invoice, String stockCode, String customerId, LocalDateTime date, int quantity, String text) {
    }

    /** A sale that a cancellation may reduce; {@code ref} names it for the caller, {@code variant} its product variant. */
    public record Sale(String ref, String invoice, String stockCode, String customerId, LocalDateTime date, int quantity, String variant) {
    }

    /**
     * What the cancellations did: each reduced sale's new quantity (0: the sale is gone), the cancellations applied
     * and those that matched nothing, and the units taken back.
     */
    public record Outcome(Map<String, Integer> quantities, List<Cancel> applied, List<Cancel> unmatched, long unitsCancelled,
                          List<Take> takes) {

        static final Outcome NONE = new Outcome(Map.of(), List.of(), List.of(), 0, List.of());

        public long salesRemoved(String refPrefix) {
            return quantities.entrySet().stream().filter(e -> e.getValue() == 0 && e.getKey().startsWith(refPrefix)).count();
        }
    }

    /** Units a cancellation took back from one sale. */
    public record Take(Cancel cancel, Sale sale, int units) {
    }

    private static final Comparator<Cancel> IN_DATE_ORDER = Comparator.comparing(Cancel::date).thenComparing(Cancel::invoice)
            .thenComparing(Cancel::stockCode).thenComparingLong(Cancel::line);
    /** Latest first; ties broken by the sale itself, never by where it is stored (the same in every loading mode). */
    private static final Comparator<Sale> LATEST_FIRST = Comparator.comparing(Sale::date).reversed()
            .thenComparing(Sale::invoice, Comparator.reverseOrder()).thenComparing(Sale::quantity, Comparator.reverseOrder());

    private Cancellations() {
    }

    public static Outcome allocate(List<Cancel> cancels, List<Sale> sales) {
        if (cancels.isEmpty()) return Outcome.NONE;
        Map<String, List<Sale>> byKey = new HashMap<>();
        for (Sale s : sales) byKey.computeIfAbsent(key(s.customerId(), s.stockCode()), k -> new ArrayList<>()).add(s);
        byKey.values().forEach(l -> l.sort(LATEST_FIRST));
        Map<String, Integer> left = new HashMap<>();
        List<Cancel> applied = new ArrayList<>(), unmatched = new ArrayList<>();
        List<Take> takes = new ArrayList<>();
        long units = 0;
        for (Cancel c : cancels.stream().sorted(IN_DATE_ORDER).toList()) {
            int remaining = c.quantity();
            for (Sale s : byKey.getOrDefault(key(c.customerId(), c.stockCode()), List.of())) {
                if (remaining == 0) break;
                if (s.date().isAfter(c.date())) continue;
                int has = left.getOrDefault(s.ref(), s.quantity());
                if (has == 0) continue;
                int take = Math.min(has, remaining);
                left.put(s.ref(), has - take);
                takes.add(new Take(c, s, take));
                remaining -= take;
            }
            int taken = c.quantity() - remaining;
            units += taken;
            (taken > 0 ? applied : unmatched).add(c);
        }
        return new Outcome(left, applied, unmatched, units, takes);
    }

    static String key(String customerId, String stockCode) {
        return customerId + "\u0000" + stockCode;
    }
}
