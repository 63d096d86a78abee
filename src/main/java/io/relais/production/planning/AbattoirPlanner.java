package io.relais.production.planning;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batches to abattoir day-slots, least total cost (Hungarian on batches x slots; each abattoir's daily capacity
 * expanded into that many slots a day). Cost = transport km x {@code costPerKm} + days after the ideal date (the day
 * after force-feeding ends) x {@code costPerDayLate} + the forecast liver weight's distance to the target on that day;
 * a slot before the ideal date or more than {@code maxDaysLate} after it is forbidden. Pinned batches keep their abattoir and day. Batches that fit nowhere are reported.
 */
public final class AbattoirPlanner {

    /** {@code forecastLiverG}: the liver weight the model expects at the ideal date (NaN when unknown). */
    public record Batch(long id, String code, String site, LocalDate ideal, double forecastLiverG) {

        public Batch(long id, String code, String site, LocalDate ideal) {
            this(id, code, site, ideal, Double.NaN);
        }
    }

    public record Abattoir(String code, int dailyCapacity, Map<String, Double> kmBySite) {
    }

    public record Pin(long batchId, String abattoir, LocalDate day) {
    }

    public record Assignment(Batch batch, String abattoir, LocalDate day, double cost, double km, int daysLate, boolean pinned) {
    }

    public record Plan(List<Assignment> assignments, List<Batch> unplaced, double totalCost, Map<String, Object> breakdown) {
    }

    /**
     * Transport per km, lateness per day, the latest a batch may wait; and the liver target: a batch whose forecast
     * liver weight (plus {@code gainPerDayG} for each day it waits) is off {@code targetLiverG} costs
     * {@code costPerGramOff} per gram, so an under-weight batch may rather wait a day and an over-weight one should not.
     */
    public record Costs(double costPerKm, double costPerDayLate, int maxDaysLate, double targetLiverG, double gainPerDayG,
                        double costPerGramOff) {

        public Costs(double costPerKm, double costPerDayLate, int maxDaysLate) {
            this(costPerKm, costPerDayLate, maxDaysLate, Double.NaN, 0, 0);
        }

        double weightPenalty(Batch b, long late) {
            if (Double.isNaN(b.forecastLiverG()) || Double.isNaN(targetLiverG)) return 0;
            return Math.abs(b.forecastLiverG() + late * gainPerDayG - targetLiverG) * costPerGramOff;
        }
    }

    private record Slot(String abattoir, LocalDate day) {
    }

    private AbattoirPlanner() {
    }

    public static Plan plan(List<Batch> batches, List<Abattoir> abattoirs, LocalDate from, LocalDate to, List<Pin> pins, Costs costs) {
        List<Slot> slots = new ArrayList<>();
        for (Abattoir a : abattoirs) {
            for (LocalDate d = from; !d.isAfter(to.plusDays(costs.maxDaysLate() + 1)); d = d.plusDays(1)) {
                for (int c = 0; c < a.dailyCapacity(); c++) slots.add(new Slot(a.code(), d));
            }
        }
        Map<String, Abattoir> byCode = new LinkedHashMap<>();
        abattoirs.forEach(a -> byCode.put(a.code(), a));
        Map<Long, Pin> pinned = new LinkedHashMap<>();
        pins.forEach(p -> pinned.put(p.batchId(), p));
        double[][] cost = new double[batches.size()][slots.size()];
        for (int i = 0; i < batches.size(); i++) {
            Batch b = batches.get(i);
            Pin pin = pinned.get(b.id());
            for (int j = 0; j < slots.size(); j++) {
                Slot s = slots.get(j);
                long late = ChronoUnit.DAYS.between(b.ideal(), s.day());
                Double km = byCode.get(s.abattoir()).kmBySite().get(b.site());
                boolean allowed = pin != null ? pin.abattoir().equals(s.abattoir()) && pin.day().equals(s.day())
                        : km != null && late >= 0 && late <= costs.maxDaysLate();
                cost[i][j] = allowed ? (km == null ? 0 : km) * costs.costPerKm() + Math.max(0, late) * costs.costPerDayLate()
                        + costs.weightPenalty(b, late) : Double.POSITIVE_INFINITY;
            }
        }
        int[] chosen = Hungarian.solve(cost);
        List<Assignment> assignments = new ArrayList<>();
        List<Batch> unplaced = new ArrayList<>();
        double total = 0, km = 0, lateDays = 0, weight = 0;
        Map<String, Integer> perAbattoir = new LinkedHashMap<>();
        for (int i = 0; i < batches.size(); i++) {
            Batch b = batches.get(i);
            if (chosen[i] < 0) {
                unplaced.add(b);
                continue;
            }
            Slot s = slots.get(chosen[i]);
            double distance = byCode.get(s.abattoir()).kmBySite().getOrDefault(b.site(), 0.0);
            int late = (int) ChronoUnit.DAYS.between(b.ideal(), s.day());
            assignments.add(new Assignment(b, s.abattoir(), s.day(), cost[i][chosen[i]], distance, late, pinned.containsKey(b.id())));
            total += cost[i][chosen[i]];
            km += distance;
            lateDays += Math.max(0, late);
            weight += costs.weightPenalty(b, late);
            perAbattoir.merge(s.abattoir(), 1, Integer::sum);
        }
        Map<String, Object> breakdown = new LinkedHashMap<>();
        breakdown.put("transport_cost", Math.round(km * costs.costPerKm() * 100) / 100.0);
        breakdown.put("delay_cost", Math.round(lateDays * costs.costPerDayLate() * 100) / 100.0);
        breakdown.put("weight_off_target_cost", Math.round(weight * 100) / 100.0);
        breakdown.put("transport_km", Math.round(km));
        breakdown.put("days_late", (int) lateDays);
        breakdown.put("batches_per_abattoir", perAbattoir);
        breakdown.put("slots", slots.size());
        return new Plan(assignments, unplaced, Math.round(total * 100) / 100.0, breakdown);
    }

    /**
     * Why the assignment left a batch out: its pin names a slot it cannot have, no abattoir serves its site, or every
     * slot it may take (its ideal day to {@code maxDaysLate} later) went to other batches.
     */
    public static String whyUnplaced(Batch b, Pin pin, List<Abattoir> abattoirs, LocalDate from, LocalDate to, Costs costs) {
        if (pin != null) {
            boolean known = abattoirs.stream().anyMatch(a -> a.code().equals(pin.abattoir()));
            if (!known) return "pinned to " + pin.abattoir() + ", which is not an abattoir";
            if (pin.day().isBefore(from) || pin.day().isAfter(to.plusDays(costs.maxDaysLate() + 1))) {
                return "pinned to " + pin.day() + ", outside the planning window";
            }
            return "pinned to " + pin.abattoir() + " on " + pin.day() + ", whose capacity other pins took";
        }
        if (abattoirs.stream().noneMatch(a -> a.kmBySite().containsKey(b.site()))) {
            return "no abattoir serves site " + b.site();
        }
        return "every slot from " + b.ideal() + " to " + b.ideal().plusDays(costs.maxDaysLate())
                + " (at most " + costs.maxDaysLate() + " days late) is taken";
    }
}
