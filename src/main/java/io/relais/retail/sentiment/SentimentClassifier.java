package io.relais.retail.sentiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.relais.retail.sentiment.TextFeatures.Vector;

/**
 * A linear classifier of review sentiment: multinomial logistic regression, each class weighted by the inverse of its
 * share (a shop with 80 % happy reviews still learns what an unhappy one looks like), L2-regularised, trained by
 * mini-batch gradient descent with a fixed seed (the same reviews give the same model). Plain Java.
 */
public final class SentimentClassifier {

    public static final List<String> CLASSES = List.of("negative", "neutral", "positive");

    /** The trained weights: one row per class, the last column the bias. */
    public record Model(int dims, double[][] weights) {

        /** The probability of each class ({@link #CLASSES} order). */
        public double[] probabilities(Vector x) {
            double[] z = new double[weights.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < weights.length; c++) {
                double[] w = weights[c];
                double s = w[dims];
                for (int j = 0; j < x.index().length; j++) s += w[x.index()[j]] * x.value()[j];
                z[c] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int c = 0; c < z.length; c++) {
                z[c] = Math.exp(z[c] - max);
                sum += z[c];
            }
            for (int c = 0; c < z.length; c++) z[c] /= sum;
            return z;
        }

        public int predict(Vector x) {
            double[] p = probabilities(x);
            int best = 0;
            for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
            return best;
        }
    }

    private SentimentClassifier() {
    }

    /** Trains on {@code x} ({@code dims} wide) with classes {@code y} (indexes into {@link #CLASSES}). */
    public static Model train(List<Vector> x, List<Integer> y, int dims, long seed) {
        int k = CLASSES.size(), n = x.size();
        double[] count = new double[k];
        for (int label : y) count[label]++;
        double[] weight = new double[k];
        int present = 0;
        for (double c : count) if (c > 0) present++;
        for (int c = 0; c < k; c++) weight[c] = count[c] == 0 ? 0 : n / (present * count[c]);
        double[][] w = new double[k][dims + 1];
        Model model = new Model(dims, w);
        double lambda = 1e-5, rate = 1.0;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) order.add(i);
        Random random = new Random(seed);
        int epochs = 40;
        for (int epoch = 0; epoch < epochs; epoch++) {
            Collections.shuffle(order, random);
            double step = rate / (1 + epoch * 0.2);
            // stochastic steps; the L2 shrink is applied lazily once an epoch (sparse inputs)
            for (int i : order) {
                Vector xi = x.get(i);
                double[] p = model.probabilities(xi);
                for (int c = 0; c < k; c++) {
                    double g = (p[c] - (y.get(i) == c ? 1 : 0)) * weight[y.get(i)] * step;
                    if (g == 0) continue;
                    double[] wc = w[c];
                    for (int j = 0; j < xi.index().length; j++) wc[xi.index()[j]] -= g * xi.value()[j];
                    wc[dims] -= g;
                }
            }
            double shrink = 1 - step * lambda * n;
            for (double[] wc : w) for (int d = 0; d < dims; d++) wc[d] *= Math.max(0, shrink);
        }
        return model;
    }
}
