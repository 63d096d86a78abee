package io.relais.production.models;

import java.util.Arrays;
import java.util.Random;

/**
 * K-means on standardised features (k-means++ seeding, Lloyd iterations, best of several seeds), k chosen by the
 * mean silhouette, and labels kept stable across retrains: new centroids are matched to the previous ones (least
 * total distance, Hungarian) so cluster 2 stays "cluster 2" for the farmers and the screens.
 */
public final class KMeans {

    public record Result(int k, int[] labels, double[][] centroids, double silhouette) {
    }

    private KMeans() {
    }

    public static Result chooseK(double[][] points, int minK, int maxK, long seed) {
        Result best = null;
        for (int k = minK; k <= Math.min(maxK, points.length - 1); k++) {
            Result r = fit(points, k, seed);
            if (best == null || r.silhouette() > best.silhouette() + 1e-9) best = r;
        }
        return best;
    }

    public static Result fit(double[][] points, int k, long seed) {
        Result best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int attempt = 0; attempt < 5; attempt++) {
            Random random = new Random(seed + attempt * 7919L);
            double[][] centroids = seeds(points, k, random);
            int[] labels = new int[points.length];
            for (int iteration = 0; iteration < 100; iteration++) {
                boolean changed = false;
                for (int i = 0; i < points.length; i++) {
                    int nearest = nearest(points[i], centroids);
                    if (nearest != labels[i] || iteration == 0) changed |= nearest != labels[i];
                    labels[i] = nearest;
                }
                double[][] sums = new double[k][points[0].length];
                int[] counts = new int[k];
                for (int i = 0; i < points.length; i++) {
                    counts[labels[i]]++;
                    for (int d = 0; d < points[i].length; d++) sums[labels[i]][d] += points[i][d];
                }
                for (int c = 0; c < k; c++) {
                    if (counts[c] == 0) centroids[c] = points[random.nextInt(points.length)].clone();
                    else for (int d = 0; d < sums[c].length; d++) centroids[c][d] = sums[c][d] / counts[c];
                }
                if (!changed && iteration > 0) break;
            }
            double inertia = 0;
            for (int i = 0; i < points.length; i++) inertia += distance2(points[i], centroids[labels[i]]);
            if (inertia < bestInertia) {
                bestInertia = inertia;
                best = new Result(k, labels, centroids, 0);
            }
        }
        return new Result(k, best.labels(), best.centroids(), silhouette(points, best.labels(), k));
    }

    /** Renumbers {@code current} so its clusters carry the labels of the nearest previous centroids. */
    public static Result stabilise(Result current, double[][] previousCentroids) {
        if (previousCentroids == null || previousCentroids.length == 0) return current;
        int k = current.k();
        int slots = Math.max(k, previousCentroids.length);
        double[][] cost = new double[k][slots];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < slots; j++) {
                cost[i][j] = j < previousCentroids.length ? Math.sqrt(distance2(current.centroids()[i], previousCentroids[j])) : 1e6;
            }
        }
        int[] map = io.relais.production.planning.Hungarian.solve(cost);
        int[] labels = new int[current.labels().length];
        for (int i = 0; i < labels.length; i++) labels[i] = map[current.labels()[i]];
        double[][] centroids = new double[slots][];
        for (int i = 0; i < k; i++) centroids[map[i]] = current.centroids()[i];
        double[][] compact = Arrays.stream(centroids).filter(c -> c != null).toArray(double[][]::new);
        return new Result(k, labels, centroids.length == k ? centroids : compact, current.silhouette());
    }

    static double silhouette(double[][] points, int[] labels, int k) {
        if (k < 2) return 0;
        double total = 0;
        for (int i = 0; i < points.length; i++) {
            double[] sum = new double[k];
            int[] count = new int[k];
            for (int j = 0; j < points.length; j++) {
                if (i == j) continue;
                sum[labels[j]] += Math.sqrt(distance2(points[i], points[j]));
                count[labels[j]]++;
            }
            double a = count[labels[i]] == 0 ? 0 : sum[labels[i]] / count[labels[i]];
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) if (c != labels[i] && count[c] > 0) b = Math.min(b, sum[c] / count[c]);
            if (count[labels[i]] == 0 || Double.isInfinite(b)) continue;
            total += (b - a) / Math.max(a, b);
        }
        return total / points.length;
    }

    private static double[][] seeds(double[][] points, int k, Random random) {
        double[][] centroids = new double[k][];
        centroids[0] = points[random.nextInt(points.length)].clone();
        double[] d = new double[points.length];
        for (int c = 1; c < k; c++) {
            double sum = 0;
            for (int i = 0; i < points.length; i++) {
                d[i] = Double.POSITIVE_INFINITY;
                for (int j = 0; j < c; j++) d[i] = Math.min(d[i], distance2(points[i], centroids[j]));
                sum += d[i];
            }
            double pick = random.nextDouble() * sum;
            int chosen = points.length - 1;
            for (int i = 0; i < points.length; i++) {
                pick -= d[i];
                if (pick <= 0) {
                    chosen = i;
                    break;
                }
            }
            centroids[c] = points[chosen].clone();
        }
        return centroids;
    }

    private static int nearest(double[] p, double[][] centroids) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double d = distance2(p, centroids[c]);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    static double distance2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s;
    }

    /** Features standardised (mean 0, sd 1) so no unit dominates the distance. */
    public static double[][] standardise(double[][] x) {
        int d = x[0].length;
        double[] mean = new double[d], sd = new double[d];
        for (double[] r : x) for (int j = 0; j < d; j++) mean[j] += r[j] / x.length;
        for (double[] r : x) for (int j = 0; j < d; j++) sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / x.length;
        double[][] out = new double[x.length][d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) out[i][j] = sd[j] == 0 ? 0 : (x[i][j] - mean[j]) / Math.sqrt(sd[j]);
        }
        return out;
    }
}
