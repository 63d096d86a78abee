package io.relais.shop.restock;

/**
 * How much to order for one product (plain arithmetic, unit-tested): when available stock minus what will sell during
 * the lead time falls under the rule's minimum, order up to the maximum plus the lead-time demand, rounded up to the
 * pack multiple. Without a rule: minimum = alert threshold, maximum = what covers {@code coverDays} of sales.
 */
public final class ReorderPlanner {

    private ReorderPlanner() {
    }

    public record Rule(int min, int max, int packMultiple, int leadTimeDays) {
    }

    public record Proposal(int quantity, String reason) {
    }

    /** @param dailyVelocity units sold per day over the recent window */
    public static Proposal plan(int available, double dailyVelocity, Rule rule) {
        double leadDemand = dailyVelocity * rule.leadTimeDays();
        double projected = available - leadDemand;
        if (projected >= rule.min()) return null;
        double wanted = rule.max() - projected;
        int pack = Math.max(1, rule.packMultiple());
        int quantity = (int) (Math.ceil(wanted / pack) * pack);
        if (quantity <= 0) return null;
        return new Proposal(quantity, String.format(java.util.Locale.ROOT,
                "available %d, selling %.1f/day, %d days lead time -> %.0f projected under min %d; up to max %d in packs of %d",
                available, dailyVelocity, rule.leadTimeDays(), projected, rule.min(), rule.max(), pack));
    }

    public static Rule defaultRule(int alertThreshold, double dailyVelocity, int coverDays) {
        int min = Math.max(1, alertThreshold);
        int max = Math.max(min * 2, (int) Math.ceil(dailyVelocity * coverDays) + min);
        return new Rule(min, max, 1, 7);
    }
}
