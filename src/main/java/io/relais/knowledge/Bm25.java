package io.relais.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Okapi BM25 (k1 = 1.2, b = 0.75) of a passage for a question's terms, given their document frequencies. Plain Java. */
final class Bm25 {

    private static final double K1 = 1.2, B = 0.75;

    private final Map<String, Long> df;
    private final long passages;
    private final double averageLength;

    Bm25(Map<String, Long> df, long passages, double averageLength) {
        this.df = df;
        this.passages = passages;
        this.averageLength = averageLength;
    }

    /** The question's searchable words: lower case, letters and digits, no stop words, once each. */
    static List<String> terms(String question) {
        List<String> out = new ArrayList<>();
        for (String w : question.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 2 && !KnowledgeStore.STOP_WORDS.contains(w) && !out.contains(w)) out.add(w);
        }
        return out;
    }

    /** A term as a tsquery lexeme (quoted: no operator inside it). */
    static String quoted(String term) {
        return "'" + term.replace("'", "''").replace("\\", "\\\\") + "'";
    }

    /** The score of a passage's text; {@code length} is its number of distinct lexemes (PostgreSQL's length(tsvector)). */
    double score(String text, int length) {
        Map<String, Integer> tf = new HashMap<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) if (df.containsKey(w)) tf.merge(w, 1, Integer::sum);
        double s = 0;
        for (var e : tf.entrySet()) {
            long n = df.get(e.getKey());
            double idf = Math.log(1 + (passages - n + 0.5) / (n + 0.5));
            int f = e.getValue();
            s += idf * f * (K1 + 1) / (f + K1 * (1 - B + B * length / averageLength));
        }
        return s;
    }
}
