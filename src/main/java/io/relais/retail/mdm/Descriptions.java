package io.relais.retail.mdm;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/** Normalising and comparing product descriptions. */
public final class Descriptions {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    private Descriptions() {
    }

    /** Case, accents, punctuation and spaces away: "Cream Hanging-Heart T-Light  holder." -> "cream hanging heart t light holder". */
    public static String normalise(String description) {
        if (description == null) return "";
        String s = Normalizer.normalize(description, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        s = s.replaceAll("[^a-z0-9]+", " ").strip();
        return s;
    }

    static Set<String> tokens(String normalised) {
        return new TreeSet<>(Arrays.asList(normalised.isEmpty() ? new String[0] : normalised.split(" ")));
    }

    /**
     * Token-set ratio (as fuzzywuzzy): compares the shared tokens with each side's sorted tokens, so word order and
     * extra words weigh less; Jaro-Winkler over the sorted tokens scores the spelling.
     */
    public static double similarity(String a, String b) {
        return similarity(prepare(a), prepare(b));
    }

    /** A normalised description with its sorted tokens, computed once per variant. */
    public record Prepared(String norm, Set<String> tokens, String sorted) {
    }

    public static Prepared prepare(String normalised) {
        Set<String> tokens = tokens(normalised);
        return new Prepared(normalised, tokens, String.join(" ", tokens));
    }

    public static double similarity(Prepared pa, Prepared pb) {
        String a = pa.norm(), b = pb.norm();
        if (a.isEmpty() || b.isEmpty()) return 0;
        if (a.equals(b)) return 1;
        Set<String> ta = pa.tokens(), tb = pb.tokens();
        Set<String> common = new TreeSet<>(ta);
        common.retainAll(tb);
        Set<String> onlyA = new TreeSet<>(ta);
        onlyA.removeAll(common);
        Set<String> onlyB = new TreeSet<>(tb);
        onlyB.removeAll(common);
        String c = String.join(" ", common);
        String ca = (c + " " + String.join(" ", onlyA)).strip();
        String cb = (c + " " + String.join(" ", onlyB)).strip();
        double tokenSet = common.isEmpty() ? 0 : Math.max(ratio(c, ca), Math.max(ratio(c, cb), ratio(ca, cb)));
        double spelling = JARO_WINKLER.apply(pa.sorted(), pb.sorted());
        // distinct colours, sizes or numbers are distinct products: a differing token of those kinds caps the score
        double cap = differsInKind(onlyA, onlyB) ? 0.6 : 1.0;
        return Math.min(cap, Math.max(tokenSet, spelling * 0.98));
    }

    private static final Set<String> DISCRIMINATING = Set.of("red", "blue", "green", "pink", "white", "black", "cream",
            "yellow", "purple", "ivory", "gold", "silver", "orange", "brown", "grey", "gray", "small", "large", "mini",
            "jumbo", "big", "medium", "set", "single", "double");

    private static boolean differsInKind(Set<String> onlyA, Set<String> onlyB) {
        boolean a = onlyA.stream().anyMatch(t -> DISCRIMINATING.contains(t) || t.matches("\\d+"));
        boolean b = onlyB.stream().anyMatch(t -> DISCRIMINATING.contains(t) || t.matches("\\d+"));
        return a && b;
    }

    /** Levenshtein-style ratio 2*matches/(len a + len b), as difflib's. */
    static double ratio(String a, String b) {
        if (a.isEmpty() && b.isEmpty()) return 1;
        int distance = org.apache.commons.text.similarity.LevenshteinDistance.getDefaultInstance().apply(a, b);
        return 1.0 - (double) distance / Math.max(a.length(), b.length());
    }
}
