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
        for (String w : words(question)) {
            if (w.length() > 2 && !KnowledgeStore.STOP_WORDS.contains(w) && !out.contains(w)) out.add(w);
        }
        return out;
    }

    /**
     * The text's words in lower case: runs of letters and digits (what {@code split("[^\\p{L}\\p{N}]+")} gives), read
     * in one pass without a regular expression: scoring reads thousands of passages per question.
     */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            boolean word = Character.isLetter(cp) || isNumber(cp);
            if (word && start < 0) start = i;
            if (!word && start >= 0) {
                out.add(lower.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) out.add(lower.substring(start));
        return out;
    }

    private static boolean isNumber(int cp) {
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** A term as a tsquery lexeme (quoted: no operator inside it). */
    static String quoted(String term) {
        return "'" + term.replace("'", "''").replace("\\", "\\\\") + "'";
    }

    /** The score of a passage's text; {@code length} is its number of distinct lexemes (PostgreSQL's length(tsvector)). */
    double score(String text, int length) {
        Map<String, Integer> tf = new HashMap<>();
        for (String w : words(text)) if (df.containsKey(w)) tf.merge(w, 1, Integer::sum);
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
