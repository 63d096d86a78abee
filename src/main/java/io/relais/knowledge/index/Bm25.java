package io.relais.knowledge.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Okapi BM25 (k1 = 1.2, b = 0.75) of a passage for a question's terms, given their document frequencies. Plain Java:
 * {@link LexicalIndex} scores its postings with it, and the PostgreSQL path ({@code KnowledgeStore}, with pgvector)
 * scores the passages PostgreSQL's full-text index finds.
 */
public final class Bm25 {

    private static final double K1 = 1.2, B = 0.75;

    /** Words too common to say what a question is about (English and French). */
    public static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "what", "which", "who",
            "how", "does", "are", "was", "were", "has", "have", "had", "its", "his", "her", "their", "there", "when", "where",
            "why", "can", "you", "your", "with", "this", "that", "from", "into", "about", "les", "des", "une", "est", "que",
            "qui", "quoi", "quel", "quelle", "quels", "quelles", "pour", "dans", "avec", "sur", "par", "vous", "nous", "quand",
            "comment", "pourquoi", "sont", "ont", "aux", "ces", "son", "sa", "ses", "leur", "leurs", "elle", "ils", "elles",
            "long", "much", "many", "take", "takes", "did", "will", "would", "should", "could", "any", "all", "not");

    private final Map<String, Long> df;
    private final long passages;
    private final double averageLength;

    /** For {@link #termScore} alone, each term's passages counted by the caller. */
    Bm25(long passages, double averageLength) {
        this(Map.of(), passages, averageLength);
    }

    public Bm25(Map<String, Long> df, long passages, double averageLength) {
        this.df = df;
        this.passages = passages;
        this.averageLength = averageLength;
    }

    /** The question's searchable words: lower case, letters and digits, no stop words, once each. */
    public static List<String> terms(String question) {
        List<String> out = new ArrayList<>();
        for (String w : words(question)) {
            if (searchable(w) && !out.contains(w)) out.add(w);
        }
        return out;
    }

    /** Whether a word can be a question's term: longer than two letters, not a stop word. */
    static boolean searchable(String word) {
        return word.length() > 2 && !STOP_WORDS.contains(word);
    }

    /**
     * The text's words in lower case: runs of letters and digits (what {@code split("[^\\p{L}\\p{N}]+")} gives), read
     * in one pass without a regular expression: scoring reads thousands of passages per question.
     */
    public static List<String> words(String text) {
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
    public static String quoted(String term) {
        return "'" + term.replace("'", "''").replace("\\", "\\\\") + "'";
    }

    /** The score of a passage's text; {@code length} is its number of distinct lexemes (PostgreSQL's length(tsvector)). */
    public double score(String text, int length) {
        Map<String, Integer> tf = new HashMap<>();
        for (String w : words(text)) if (df.containsKey(w)) tf.merge(w, 1, Integer::sum);
        double s = 0;
        for (var e : tf.entrySet()) s += termScore(df.get(e.getKey()), e.getValue(), length);
        return s;
    }

    /** What one term adds: held by {@code n} passages of the collection, {@code f} times in this one of {@code length} words. */
    double termScore(long n, int f, int length) {
        return weight(idf(n), f, length);
    }

    /** How rare a term held by {@code n} passages of the collection is. */
    double idf(long n) {
        return Math.log(1 + (passages - n + 0.5) / (n + 0.5));
    }

    /** What a term of that {@code idf} adds to a passage of {@code length} words that holds it {@code f} times. */
    double weight(double idf, int f, int length) {
        return idf * f * (K1 + 1) / (f + K1 * (1 - B + B * length / averageLength));
    }
}
