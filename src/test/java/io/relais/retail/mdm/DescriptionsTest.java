package io.relais.retail.mdm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.junit.jupiter.api.Test;

/**
 * The similarity computes its Levenshtein ratios on what differs only; the scores must be the very same doubles as the
 * full computation's, kept here as the oracle, on descriptions shaped like the Online Retail file's.
 */
class DescriptionsTest {

    private static final String[] WORDS = {"red", "blue", "white", "small", "large", "set", "heart", "hanging", "t",
            "light", "holder", "cake", "cases", "retro", "spot", "72", "60", "of", "pack", "lunch", "bag", "vintage",
            "paisley", "jumbo", "christmas", "paper", "chain", "kit", "50s", "wooden", "frame", "antique", "glass"};

    @Test
    void scores_are_those_of_the_full_levenshtein_on_every_pair() {
        Random random = new Random(11);
        List<String> descriptions = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            StringBuilder d = new StringBuilder();
            int words = 1 + random.nextInt(7);
            for (int w = 0; w < words; w++) {
                String word = WORDS[random.nextInt(WORDS.length)];
                if (random.nextInt(6) == 0 && word.length() > 2) { // a typo: a letter dropped or doubled
                    int at = random.nextInt(word.length());
                    word = random.nextBoolean() ? word.substring(0, at) + word.substring(at + 1)
                            : word.substring(0, at) + word.charAt(at) + word.substring(at);
                }
                d.append(w == 0 ? "" : random.nextInt(5) == 0 ? "-" : " ").append(random.nextBoolean() ? word.toUpperCase() : word);
            }
            if (random.nextInt(4) == 0) d.append('.');
            descriptions.add(d.toString());
        }
        descriptions.add("");
        int compared = 0;
        for (int a = 0; a < descriptions.size(); a++) {
            Descriptions.Prepared pa = Descriptions.prepare(Descriptions.normalise(descriptions.get(a)));
            for (int b = a + 1; b < descriptions.size(); b += 1 + random.nextInt(3)) {
                Descriptions.Prepared pb = Descriptions.prepare(Descriptions.normalise(descriptions.get(b)));
                assertThat(Descriptions.similarity(pa, pb)).as("%s | %s", descriptions.get(a), descriptions.get(b))
                        .isEqualTo(fullSimilarity(pa, pb));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(50_000);
    }

    @Test
    void ratios_are_those_of_the_full_levenshtein() {
        String[][] pairs = {{"", ""}, {"", "abc"}, {"abc", "abc"}, {"cake cases", "cake cases pack"},
                {"aaa", "aa"}, {"abab", "ab"}, {"heart holder", "heart hollder"}, {"x", "y"}, {"red t", "red light t"}};
        for (String[] p : pairs) {
            assertThat(Descriptions.ratio(p[0], p[1])).as("%s | %s", p[0], p[1]).isEqualTo(fullRatio(p[0], p[1]));
            assertThat(Descriptions.extensionRatio(p[0], p[1])).as("%s | %s", p[0], p[1]).isEqualTo(fullRatio(p[0], p[1]));
        }
    }

    // --- the oracle: the computation as it was before, Levenshtein over the whole strings ---

    private static double fullRatio(String a, String b) {
        if (a.isEmpty() && b.isEmpty()) return 1;
        int distance = LevenshteinDistance.getDefaultInstance().apply(a, b);
        return 1.0 - (double) distance / Math.max(a.length(), b.length());
    }

    private static double fullSimilarity(Descriptions.Prepared pa, Descriptions.Prepared pb) {
        String a = pa.norm(), b = pb.norm();
        if (a.isEmpty() || b.isEmpty()) return 0;
        if (a.equals(b)) return 1;
        Set<String> common = new TreeSet<>(pa.tokens());
        common.retainAll(pb.tokens());
        Set<String> onlyA = new TreeSet<>(pa.tokens());
        onlyA.removeAll(common);
        Set<String> onlyB = new TreeSet<>(pb.tokens());
        onlyB.removeAll(common);
        String c = String.join(" ", common);
        String ca = (c + " " + String.join(" ", onlyA)).strip();
        String cb = (c + " " + String.join(" ", onlyB)).strip();
        double tokenSet = common.isEmpty() ? 0 : Math.max(fullRatio(c, ca), Math.max(fullRatio(c, cb), fullRatio(ca, cb)));
        double spelling = new JaroWinklerSimilarity().apply(pa.sorted(), pb.sorted());
        double cap = Descriptions.differsInKind(onlyA, onlyB) ? 0.6 : 1.0; // unchanged, shared
        return Math.min(cap, Math.max(tokenSet, spelling * 0.98));
    }
}
