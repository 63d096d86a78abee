package io.relais.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import io.relais.production.models.IsolationForest;
import io.relais.production.models.KMeans;
import io.relais.production.models.LinearRegression;
import io.relais.production.planning.Hungarian;
import org.junit.jupiter.api.Test;

/** The production models' algorithms on cases with known answers. */
class AlgorithmsTest {

    @Test
    void hungarian_is_optimal_on_random_square_rectangular_and_forbidden_cases_checked_by_brute_force() {
        Random random = new Random(1);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + random.nextInt(6), cols = 1 + random.nextInt(7);
            double[][] cost = new double[rows][cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) cost[i][j] = random.nextInt(5) == 0 ? Double.POSITIVE_INFINITY : random.nextInt(100);
            }
            int[] got = Hungarian.solve(cost);
            double[] best = bruteForce(cost);
            int placed = 0;
            for (int g : got) if (g >= 0) placed++;
            for (int i = 0; i < got.length; i++) if (got[i] >= 0) assertThat(cost[i][got[i]]).isFinite();
            assertThat(placed).as("trial %d placed", trial).isEqualTo((int) best[0]);
            assertThat(Hungarian.total(cost, got)).as("trial %d cost", trial).isEqualTo(best[1]);
        }
    }

    /** {most rows placed, least cost for that many}, by trying every assignment. */
    private static double[] bruteForce(double[][] cost) {
        double[] best = {-1, Double.POSITIVE_INFINITY};
        search(cost, 0, new boolean[cost[0].length], 0, 0, best);
        return best;
    }

    private static void search(double[][] cost, int row, boolean[] used, int placed, double total, double[] best) {
        if (row == cost.length) {
            if (placed > best[0] || placed == best[0] && total < best[1]) {
                best[0] = placed;
                best[1] = total;
            }
            return;
        }
        search(cost, row + 1, used, placed, total, best); // row left out
        for (int j = 0; j < used.length; j++) {
            if (used[j] || Double.isInfinite(cost[row][j])) continue;
            used[j] = true;
            search(cost, row + 1, used, placed + 1, total + cost[row][j], best);
            used[j] = false;
        }
    }

    @Test
    void regression_recovers_a_planted_relation_and_writes_it_as_a_formula() {
        Random random = new Random(2);
        double[][] x = new double[400][2];
        double[] y = new double[400];
        for (int i = 0; i < 400; i++) {
            x[i][0] = 8000 + random.nextDouble() * 4000; // total dose (g)
            x[i][1] = 10 + random.nextInt(5);            // days
            y[i] = 1.5 + 0.0003 * x[i][0] - 0.05 * x[i][1] + random.nextGaussian() * 0.05;
        }
        LinearRegression model = LinearRegression.fit("itm", new String[] {"dose_total", "days"}, x, y);
        assertThat(model.coefficients()[1]).isCloseTo(0.0003, org.assertj.core.data.Offset.offset(0.00002));
        assertThat(model.coefficients()[2]).isCloseTo(-0.05, org.assertj.core.data.Offset.offset(0.01));
        assertThat(model.evaluate(x, y)[0]).isGreaterThan(0.9);
        assertThat(model.formula()).startsWith("itm = ").contains("× dose_total").contains("- 0.0").contains("× days");
    }

    @Test
    void kmeans_finds_the_planted_groups_picks_k_by_silhouette_and_keeps_labels_across_retrains() {
        Random random = new Random(3);
        double[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        double[][] points = new double[150][];
        for (int i = 0; i < 150; i++) {
            double[] c = centres[i % 3];
            points[i] = new double[] {c[0] + random.nextGaussian(), c[1] + random.nextGaussian()};
        }
        KMeans.Result first = KMeans.chooseK(points, 2, 6, 42);
        assertThat(first.k()).isEqualTo(3);
        assertThat(first.silhouette()).isGreaterThan(0.7);
        KMeans.Result second = KMeans.stabilise(KMeans.fit(points, 3, 999), first.centroids());
        assertThat(second.labels()).containsExactly(first.labels());
    }

    @Test
    void isolation_forest_scores_planted_anomalies_highest_and_says_which_feature() {
        Random random = new Random(4);
        double[][] x = new double[500][3];
        for (double[] r : x) {
            r[0] = 300 + random.nextGaussian() * 20;  // dose
            r[1] = 5 + random.nextGaussian() * 0.3;   // weight
            r[2] = 0.02 + random.nextGaussian() * 0.005; // mortality
        }
        x[10][2] = 0.2;  // mortality far off
        x[20][0] = 520;  // dose far off
        IsolationForest forest = IsolationForest.fit(x, 200, 256, 5);
        double[] why = new double[3];
        double anomalous = forest.score(x[10], why);
        assertThat(anomalous).isGreaterThan(0.6);
        assertThat(why[2]).isEqualTo(java.util.Arrays.stream(why).max().orElseThrow());
        double[] why2 = new double[3];
        assertThat(forest.score(x[20], why2)).isGreaterThan(0.6);
        assertThat(why2[0]).isEqualTo(java.util.Arrays.stream(why2).max().orElseThrow());
        assertThat(forest.score(x[100], null)).isLessThan(0.55);
    }

    @Test
    void forecasts_follow_a_trend_stay_positive_and_carry_an_interval() {
        double[] weekly = new double[104];
        Random random = new Random(6);
        for (int w = 0; w < weekly.length; w++) weekly[w] = 1000 + 10 * w + random.nextGaussian() * 40;
        var f = io.relais.production.models.Forecaster.forecast(weekly, 30 / 7.0);
        double expected = 0;
        for (int w = 104; w < 108; w++) expected += 1000 + 10 * w; // 4 whole weeks
        expected += (30 / 7.0 - 4) * (1000 + 10 * 108);
        assertThat(f.value()).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(8));
        assertThat(f.lower()).isLessThanOrEqualTo(f.value());
        assertThat(f.upper()).isGreaterThanOrEqualTo(f.value());
        assertThat(f.mape()).isLessThan(10);
        double[] falling = new double[30];
        for (int w = 0; w < 30; w++) falling[w] = Math.max(0, 300 - 20 * w);
        assertThat(io.relais.production.models.Forecaster.forecast(falling, 90 / 7.0).lower()).isGreaterThanOrEqualTo(0);
    }
}
