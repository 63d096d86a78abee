package io.relais.retail.sentiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.relais.retail.sentiment.TextFeatures.Vector;

/** How a sentiment model does on reviews it did not learn from: accuracy, per class, per language. Plain Java. */
final class Evaluation {

    private static final Set<String> FRENCH = Set.of("le", "la", "les", "et", "est", "tres", "très", "pas", "une", "des", "du", "je",
            "il", "elle", "mais", "c'est", "pour", "avec", "sur", "qui", "que", "trop", "bien", "au", "aux", "ce", "cette", "mon", "ma");
    private static final Set<String> ENGLISH = Set.of("the", "and", "is", "very", "not", "it", "was", "this", "but", "i", "my", "for",
            "with", "too", "of", "to", "a", "an", "are", "were", "so", "that");

    private Evaluation() {
    }

    static double accuracy(SentimentClassifier.Model model, List<Vector> x, List<Integer> y) {
        if (x.isEmpty()) return 0;
        int right = 0;
        for (int i = 0; i < x.size(); i++) if (model.predict(x.get(i)) == y.get(i)) right++;
        return round((double) right / x.size());
    }

    static Map<String, Object> of(SentimentClassifier.Model model, List<Vector> x, List<Integer> y, List<String> texts) {
        int k = SentimentClassifier.CLASSES.size();
        int[][] confusion = new int[k][k];
        Map<String, int[]> byLanguage = new LinkedHashMap<>();
        for (int i = 0; i < x.size(); i++) {
            int predicted = model.predict(x.get(i));
            confusion[y.get(i)][predicted]++;
            int[] lang = byLanguage.computeIfAbsent(language(texts.get(i)), l -> new int[2]);
            lang[0]++;
            if (predicted == y.get(i)) lang[1]++;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        int right = 0;
        for (int c = 0; c < k; c++) right += confusion[c][c];
        out.put("accuracy", x.isEmpty() ? 0.0 : round((double) right / x.size()));
        Map<String, Object> perClass = new LinkedHashMap<>();
        double f1Sum = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            int truth = 0, said = 0;
            for (int j = 0; j < k; j++) {
                truth += confusion[c][j];
                said += confusion[j][c];
            }
            double precision = said == 0 ? 0 : (double) confusion[c][c] / said, recall = truth == 0 ? 0 : (double) confusion[c][c] / truth;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            if (truth > 0) {
                f1Sum += f1;
                present++;
            }
            perClass.put(SentimentClassifier.CLASSES.get(c), Map.of("examples", truth, "precision", round(precision), "recall", round(recall)));
        }
        out.put("macro_f1", present == 0 ? 0.0 : round(f1Sum / present));
        out.put("per_class", perClass);
        Map<String, Object> languages = new LinkedHashMap<>();
        byLanguage.forEach((l, n) -> languages.put(l, Map.of("examples", n[0], "accuracy", round((double) n[1] / n[0]))));
        out.put("per_language", languages);
        return out;
    }

    /** "fr" or "en", by their most common small words. */
    static String language(String text) {
        int fr = 0, en = 0;
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
            if (FRENCH.contains(w)) fr++;
            if (ENGLISH.contains(w)) en++;
        }
        return fr > en ? "fr" : "en";
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
