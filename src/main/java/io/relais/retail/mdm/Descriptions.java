package io.relais.retail.mdm;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Normalising and comparing product descriptions. */
public final class Descriptions {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();

    private Descriptions() {
    }

    /** Case, accents, punctuation and spaces away: "Cream Hanging-Heart T-Light  holder." -> "cream hanging heart t light holder". */
    public static String normalise(String description) {
        if (description == null) return "";
        String s = MARKS.matcher(Normalizer.normalize(description, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
        return NOT_ALPHANUMERIC.matcher(s).replaceAll(" ").strip();
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
        double tokenSet = common.isEmpty() ? 0 : Math.max(extensionRatio(c, ca), Math.max(extensionRatio(c, cb), ratio(ca, cb)));
        double spelling = JARO_WINKLER.apply(pa.sorted(), pb.sorted());
        // distinct colours, sizes or numbers are distinct products: a differing token of those kinds caps the score
        double cap = differsInKind(onlyA, onlyB) ? 0.6 : 1.0;
        return Math.min(cap, Math.max(tokenSet, spelling * 0.98));
    }

    private static final Set<String> DISCRIMINATING = Set.of("red", "blue", "green", "pink", "white", "black", "cream",
            "yellow", "purple", "ivory", "gold", "silver", "orange", "brown", "grey", "gray", "small", "large", "mini",
            "jumbo", "big", "medium", "set", "single", "double");

    static boolean differsInKind(Set<String> onlyA, Set<String> onlyB) {
        boolean a = onlyA.stream().anyMatch(t -> DISCRIMINATING.contains(t) || NUMBER.matcher(t).matches());
        boolean b = onlyB.stream().anyMatch(t -> DISCRIMINATING.contains(t) || NUMBER.matcher(t).matches());
        return a && b;
    }

    /**
     * Levenshtein ratio: 1 - distance / the longer length. The text both share at the start and at the end is left out
     * of the distance, which it cannot change (the token-set strings all start with the common tokens): the same
     * distance, on the few characters that differ.
     */
    static double ratio(String a, String b) {
        if (a.isEmpty() && b.isEmpty()) return 1;
        int start = 0, endA = a.length(), endB = b.length();
        while (start < endA && start < endB && a.charAt(start) == b.charAt(start)) start++;
        while (endA > start && endB > start && a.charAt(endA - 1) == b.charAt(endB - 1)) {
            endA--;
            endB--;
        }
        int distance = LEVENSHTEIN.apply(a.substring(start, endA), b.substring(start, endB));
        return 1.0 - (double) distance / Math.max(a.length(), b.length());
    }

    /** {@link #ratio} of a string and its own extension: the distance is the added length, no table needed. */
    static double extensionRatio(String prefix, String extended) {
        if (!extended.startsWith(prefix)) return ratio(prefix, extended);
        if (extended.isEmpty()) return 1;
        return 1.0 - (double) (extended.length() - prefix.length()) / extended.length();
    }
}
