package io.relais.retail.sentiment;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A review's features for the sentiment classifier: its sentence embedding (meaning, strongest in English) beside
 * hashed character n-grams of its words (3 to 5 letters, accents folded), which learn the shop's own vocabulary in
 * any language ("décevant", "nickel", "broke after a week"). Both parts are L2-normalised. Plain Java.
 */
public final class TextFeatures {

    /** Hashed n-gram buckets. */
    public static final int BUCKETS = 1 << 13;

    private TextFeatures() {
    }

    /** A sparse feature vector: the indexes set and their values. */
    public record Vector(int[] index, double[] value) {
    }

    /** The features of {@code text} given its embedding ({@code null}: n-grams only), sparse. */
    public static Vector sparse(String text, float[] embedding) {
        double[] x = of(text, embedding);
        int n = 0;
        for (double v : x) if (v != 0) n++;
        int[] index = new int[n];
        double[] value = new double[n];
        for (int i = 0, j = 0; i < x.length; i++) {
            if (x[i] != 0) {
                index[j] = i;
                value[j++] = x[i];
            }
        }
        return new Vector(index, value);
    }

    /** The features of {@code text} given its embedding ({@code null}: n-grams only). */
    public static double[] of(String text, float[] embedding) {
        int dims = embedding == null ? 0 : embedding.length;
        double[] x = new double[dims + BUCKETS];
        double norm = 0;
        if (embedding != null) {
            for (float v : embedding) norm += v * v;
            norm = Math.sqrt(norm);
            for (int i = 0; i < dims; i++) x[i] = norm == 0 ? 0 : embedding[i] / norm;
        }
        String folded = fold(text);
        double sum = 0;
        for (String word : folded.split("[^a-z0-9']+")) {
            if (word.isEmpty()) continue;
            String w = "<" + word + ">";
            for (int n = 3; n <= 5; n++) {
                for (int i = 0; i + n <= w.length(); i++) {
                    int bucket = Math.floorMod(hash(w, i, i + n), BUCKETS);
                    x[dims + bucket] += 1;
                }
            }
            if (word.length() <= 2) x[dims + Math.floorMod(hash(w, 0, w.length()), BUCKETS)] += 1;
        }
        for (int i = dims; i < x.length; i++) sum += x[i] * x[i];
        double ngramNorm = Math.sqrt(sum);
        if (ngramNorm > 0) for (int i = dims; i < x.length; i++) x[i] /= ngramNorm;
        return x;
    }

    /** Lower case, accents folded, negations glued to the next word ("pas bon" -> "pas_bon"): they flip its meaning. */
    static String fold(String text) {
        String s = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return s.replaceAll("\\b(not|no|never|n't|pas|jamais|plus|aucun|aucune|sans|ne)\\s+", "$1_");
    }

    private static int hash(String s, int from, int to) {
        int h = 0x811c9dc5;
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i);
            h *= 16777619;
        }
        return h;
    }
}
