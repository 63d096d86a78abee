package io.relais.production.planning;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the manager's review form shows of a plan (processes/forms/abattoir-review.html): one row per batch placed
 * (batch, farmer, site, abattoir, day, km, days late, forecast liver weight, pinned), the totals, the batches that
 * could not be placed with the reason, and the pins that were ignored. Written to the process as JSON.
 */
public record PlanReview(String planId, LocalDate from, LocalDate to, Totals totals, List<Row> rows, List<Unplaced> unplaced,
                         List<String> ignoredPins, List<String> abattoirs) {

    public record Row(String batch, String farmer, String site, String abattoir, LocalDate day, long km, int daysLate,
                      Long forecastLiverG, boolean pinned) {
    }

    public record Unplaced(String batch, String farmer, String site, LocalDate idealDay, String reason) {
    }

    public record Totals(int batches, double cost, long km, double transportCost, int daysLate, double delayCost,
                         double weightCost, Map<String, Integer> perAbattoir) {
    }

    @SuppressWarnings("unchecked")
    static PlanReview of(String planId, LocalDate from, LocalDate to, AbattoirPlanner.Plan plan, Map<Long, String> farmers,
                         Map<Long, String> whyUnplaced, List<String> ignoredPins, List<String> abattoirs) {
        Map<String, Object> b = plan.breakdown();
        Totals totals = new Totals(plan.assignments().size(), plan.totalCost(), ((Number) b.get("transport_km")).longValue(),
                ((Number) b.get("transport_cost")).doubleValue(), ((Number) b.get("days_late")).intValue(),
                ((Number) b.get("delay_cost")).doubleValue(), ((Number) b.get("weight_off_target_cost")).doubleValue(),
                (Map<String, Integer>) b.get("batches_per_abattoir"));
        List<Row> rows = plan.assignments().stream()
                .sorted(java.util.Comparator.comparing(AbattoirPlanner.Assignment::day).thenComparing(AbattoirPlanner.Assignment::abattoir)
                        .thenComparing(a -> a.batch().code()))
                .map(a -> new Row(a.batch().code(), farmers.get(a.batch().id()), a.batch().site(), a.abattoir(), a.day(),
                        Math.round(a.km()), a.daysLate(), forecast(a.batch()), a.pinned()))
                .toList();
        List<Unplaced> unplaced = plan.unplaced().stream()
                .map(u -> new Unplaced(u.code(), farmers.get(u.id()), u.site(), u.ideal(), whyUnplaced.get(u.id()))).toList();
        return new PlanReview(planId, from, to, totals, rows, unplaced, ignoredPins, abattoirs);
    }

    private static Long forecast(AbattoirPlanner.Batch batch) {
        return Double.isNaN(batch.forecastLiverG()) ? null : Math.round(batch.forecastLiverG());
    }
}
