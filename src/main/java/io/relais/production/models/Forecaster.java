package io.relais.production.models;

import java.util.ArrayList;
import java.util.List;

/**
 * Production forecasts from a weekly series (liver kg per week): Holt's linear exponential smoothing (level and
 * trend), summed over the horizon's weeks; an 80 % interval from the errors the same method made in a rolling-origin
 * backtest at that horizon (10th and 90th percentiles of actual/forecast ratios); never negative. The backtest's MAPE
 * per horizon is the model's honest score.
 */
public final class Forecaster {

    public record Forecast(double value, double lower, double upper, double mape) {
    }

    private static final double ALPHA = 0.3, BETA = 0.1;

    private Forecaster() {
    }

    /** Total over the next {@code weeks} (may be fractional: 30 days = 4.29 weeks). */
    static double point(double[] series, int end, double weeks) {
        if (end < 2) return end == 0 ? 0 : series[0] * weeks;
        double level = series[0], trend = series[1] - series[0];
        for (int t = 1; t < end; t++) {
            double previous = level;
            level = ALPHA * series[t] + (1 - ALPHA) * (level + trend);
            trend = BETA * (level - previous) + (1 - BETA) * trend;
        }
        double total = 0;
        int whole = (int) Math.floor(weeks);
        for (int h = 1; h <= whole; h++) total += Math.max(0, level + h * trend);
        double part = weeks - whole;
        if (part > 0) total += part * Math.max(0, level + (whole + 1) * trend);
        return Math.max(0, total);
    }

    public static Forecast forecast(double[] weekly, double weeks) {
        int horizon = (int) Math.ceil(weeks);
        List<Double> ratios = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (int origin = Math.max(8, weekly.length / 2); origin + horizon <= weekly.length; origin += 2) {
            double predicted = point(weekly, origin, weeks);
            double actual = 0;
            for (int h = 0; h < horizon; h++) actual += weekly[origin + h] * Math.min(1, weeks - h);
            if (predicted > 0) ratios.add(actual / predicted);
            if (actual > 0) errors.add(Math.abs(actual - predicted) / actual);
        }
        double value = point(weekly, weekly.length, weeks);
        double lowFactor = 0.8, highFactor = 1.2;
        if (ratios.size() >= 5) {
            double[] r = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            lowFactor = r[(int) Math.floor(0.1 * (r.length - 1))];
            highFactor = r[(int) Math.ceil(0.9 * (r.length - 1))];
        }
        double mape = errors.isEmpty() ? Double.NaN : 100 * errors.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return new Forecast(value, Math.max(0, Math.min(value, value * lowFactor)), Math.max(value, value * highFactor), mape);
    }
}
