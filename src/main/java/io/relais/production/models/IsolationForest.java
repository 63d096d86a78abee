package io.relais.production.models;

import java.util.Random;

/**
 * Isolation Forest (Liu, Ting and Zhou, 2008): random trees split on random features at random values; points that
 * are isolated in few splits are anomalies. Score in [0, 1] (above ~0.6: anomalous). For each point it also says
 * which features isolated it: every split on the point's path is credited to its feature, weighted by how
 * much it cut the point off from the others (log of the node sizes), so a technician sees "mortality" or
 * "dose_evening" rather than a bare number.
 */
public final class IsolationForest {

    private record Node(int feature, double split, Node left, Node right, int size) {
        boolean leaf() {
            return left == null;
        }
    }

    private final Node[] trees;
    private final int sampleSize;
    private final int features;

    private IsolationForest(Node[] trees, int sampleSize, int features) {
        this.trees = trees;
        this.sampleSize = sampleSize;
        this.features = features;
    }

    public static IsolationForest fit(double[][] x, int trees, int sampleSize, long seed) {
        Random random = new Random(seed);
        int n = Math.min(sampleSize, x.length);
        int heightLimit = (int) Math.ceil(Math.log(n) / Math.log(2));
        Node[] forest = new Node[trees];
        for (int t = 0; t < trees; t++) {
            double[][] sample = new double[n][];
            for (int i = 0; i < n; i++) sample[i] = x[random.nextInt(x.length)];
            forest[t] = grow(sample, 0, heightLimit, random);
        }
        return new IsolationForest(forest, n, x[0].length);
    }

    private static Node grow(double[][] rows, int depth, int limit, Random random) {
        if (depth >= limit || rows.length <= 1) return new Node(-1, 0, null, null, rows.length);
        int d = rows[0].length;
        for (int attempt = 0; attempt < d * 2; attempt++) {
            int f = random.nextInt(d);
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (double[] r : rows) {
                min = Math.min(min, r[f]);
                max = Math.max(max, r[f]);
            }
            if (max <= min) continue;
            double split = min + random.nextDouble() * (max - min);
            int leftCount = 0;
            for (double[] r : rows) if (r[f] < split) leftCount++;
            double[][] left = new double[leftCount][], right = new double[rows.length - leftCount][];
            int li = 0, ri = 0;
            for (double[] r : rows) {
                if (r[f] < split) left[li++] = r;
                else right[ri++] = r;
            }
            return new Node(f, split, grow(left, depth + 1, limit, random), grow(right, depth + 1, limit, random), rows.length);
        }
        return new Node(-1, 0, null, null, rows.length);
    }

    /** The anomaly score of a point, and (into {@code contributions}, one per feature, summing to 1) why. */
    public double score(double[] point, double[] contributions) {
        double pathSum = 0;
        double[] credit = new double[features];
        for (Node root : trees) {
            Node node = root;
            int depth = 0;
            while (!node.leaf()) {
                Node next = point[node.feature()] < node.split() ? node.left() : node.right();
                // a split that cuts the point off from most of the others says most about why it is unusual
                credit[node.feature()] += Math.log((double) node.size() / Math.max(1, next.size()));
                node = next;
                depth++;
            }
            pathSum += depth + c(node.size());
        }
        double mean = pathSum / trees.length;
        if (contributions != null) {
            double total = 0;
            for (double v : credit) total += v;
            for (int i = 0; i < features; i++) contributions[i] = total == 0 ? 0 : credit[i] / total;
        }
        return Math.pow(2, -mean / c(sampleSize));
    }

    /** Average path length of an unsuccessful search in a binary search tree of n points. */
    static double c(int n) {
        if (n <= 1) return 0;
        if (n == 2) return 1;
        return 2 * (Math.log(n - 1) + 0.5772156649) - 2.0 * (n - 1) / n;
    }
}
