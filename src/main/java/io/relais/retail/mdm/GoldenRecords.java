package io.relais.retail.mdm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.relais.platform.embeddings.Vectors;
import io.relais.retail.RetailSettings;

/**
 * Master data: groups the (stock code, description) variants seen in the sales into golden records. Passes, in order,
 * each link recorded with its pass and score:
 * <ol>
 *   <li>{@code exact}: same description once case, accents, punctuation and spaces are normalised;</li>
 *   <li>{@code fuzzy}: token-set ratio / Jaro-Winkler within blocks (same stock-code stem; across codes only between
 *       descriptions sharing their first words and at a stricter threshold), so the work is not quadratic;</li>
 *   <li>{@code tfidf}: cosine of TF-IDF word vectors within a stock-code stem;</li>
 *   <li>{@code rank}: a variant still apart from its stock code's most sold description joins it when similar
 *       enough, else goes to the review list.</li>
 * </ol>
 * Strategy {@code poc}: exact + rank; {@code fuzzy}: all four; {@code semantic}: fuzzy plus a pass on sentence
 * embeddings (in-process all-MiniLM-L6-v2) before the rank. Plain Java, no database: the loader gives golden ids.
 */
public final class GoldenRecords {

    public record Variant(String stockCode, String description, long rows) {

        public String key() {
            return keyOf(Descriptions.normalise(description));
        }

        /** {@link #key()} from this variant's description, already normalised. */
        String keyOf(String normalised) {
            return stockCode + "|" + normalised;
        }
    }

    public record Link(Variant variant, int golden, String pass, double score) {
    }

    public record Golden(int index, String stockCode, String description, List<Variant> members, List<String> stockCodes) {

        public String anchorKey() {
            return members.get(0).key();
        }
    }

    public record Review(Variant variant, int candidateGolden, String pass, double score) {
    }

    public record Result(List<Golden> goldens, List<Link> links, List<Review> reviews, Map<String, long[]> passStats,
                         List<String> passesRun) {
    }

    private static final int MAX_BLOCK = 300;

    private final List<Variant> variants;
    private final String[] norms;
    private final Descriptions.Prepared[] prepared;
    private final String[] stems;
    private final int[] parent;
    private final String[] pass;
    private final double[] score;
    private final RetailSettings.Matching thresholds;
    private final List<Review> reviews = new ArrayList<>();
    private final Map<Integer, Review> pendingReview = new HashMap<>();

    private GoldenRecords(Collection<Variant> variants, RetailSettings.Matching thresholds) {
        this.variants = new ArrayList<>(variants);
        // each description normalised once: for the order (its key, not per comparison) and for the matching below
        Map<Variant, String> normalised = new HashMap<>();
        Map<Variant, String> keys = new HashMap<>();
        for (Variant v : this.variants) {
            String norm = normalised.computeIfAbsent(v, x -> Descriptions.normalise(x.description()));
            keys.put(v, v.keyOf(norm));
        }
        this.variants.sort(Comparator.comparing(Variant::rows).reversed().thenComparing(keys::get));
        this.thresholds = thresholds;
        int n = this.variants.size();
        norms = new String[n];
        prepared = new Descriptions.Prepared[n];
        stems = new String[n];
        parent = new int[n];
        pass = new String[n];
        score = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = normalised.get(this.variants.get(i));
            prepared[i] = Descriptions.prepare(norms[i]);
            stems[i] = stem(this.variants.get(i).stockCode());
            parent[i] = i;
        }
    }

    public static Result match(Collection<Variant> variants, String strategy, RetailSettings.Matching thresholds) {
        return match(variants, strategy, thresholds, null);
    }

    /**
     * {@code embedder} (texts -> vectors, for the {@code semantic} strategy): variants of one stock-code stem still
     * apart after the fuzzy and TF-IDF passes join when their meanings are close (cosine of sentence embeddings).
     */
    public static Result match(Collection<Variant> variants, String strategy, RetailSettings.Matching thresholds,
                               java.util.function.Function<List<String>, List<float[]>> embedder) {
        GoldenRecords g = new GoldenRecords(variants, thresholds);
        List<String> passes = new ArrayList<>();
        g.exact();
        passes.add("exact");
        if (!"poc".equals(strategy)) {
            g.fuzzy();
            passes.add("fuzzy");
            g.tfidf();
            passes.add("tfidf");
            if ("semantic".equals(strategy)) {
                if (embedder != null) {
                    g.semantic(embedder);
                    passes.add("semantic");
                } else {
                    passes.add("semantic (skipped: no embedding model)");
                }
            }
        }
        g.rank();
        passes.add("rank");
        return g.result(passes);
    }

    private void exact() {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < norms.length; i++) {
            if (norms[i].isEmpty()) continue;
            Integer j = first.putIfAbsent(norms[i], i);
            if (j != null) union(j, i, "exact", 1.0);
        }
    }

    private void fuzzy() {
        apply(blocks(true), false);
        apply(blocks(false), true);
    }

    /** Scores the pairs of every block in parallel (read-only work), then links them in a fixed order. */
    private void apply(List<List<Integer>> blocks, boolean acrossCodes) {
        List<List<double[]>> scored = blocks.parallelStream().map(block -> score(block, acrossCodes)).toList();
        double accept = acrossCodes ? thresholds.crossCode() : thresholds.accept();
        for (List<double[]> pairs : scored) {
            for (double[] p : pairs) {
                int i = (int) p[0], j = (int) p[1];
                if (find(i) == find(j)) continue;
                if (p[2] >= accept) union(i, j, "fuzzy", p[2]);
                else if (!acrossCodes) noteReview(j, i, "fuzzy", p[2]);
            }
        }
    }

    /** The pairs of a block worth a link or a review: {i, j, score}. */
    private List<double[]> score(List<Integer> block, boolean acrossCodes) {
        List<double[]> out = new ArrayList<>();
        if (block.size() < 2 || block.size() > MAX_BLOCK) return out;
        double floor = acrossCodes ? thresholds.crossCode() : thresholds.review();
        for (int a = 0; a < block.size(); a++) {
            for (int b = a + 1; b < block.size(); b++) {
                int i = block.get(a), j = block.get(b);
                boolean sameStem = stems[i].equals(stems[j]);
                if (acrossCodes == sameStem) continue;
                double s = Descriptions.similarity(prepared[i], prepared[j]);
                if (s >= floor) out.add(new double[] {i, j, s});
            }
        }
        return out;
    }

    private void tfidf() {
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (String norm : norms) for (String t : Descriptions.tokens(norm)) documentFrequency.merge(t, 1, Integer::sum);
        int n = norms.length;
        Map<Integer, Map<String, Double>> vectors = new HashMap<>();
        for (List<Integer> block : blocks(true)) {
            if (block.size() < 2 || block.size() > MAX_BLOCK) continue;
            for (int a = 0; a < block.size(); a++) {
                for (int b = a + 1; b < block.size(); b++) {
                    int i = block.get(a), j = block.get(b);
                    if (find(i) == find(j)) continue;
                    double s = cosine(vectors.computeIfAbsent(i, k -> vector(norms[k], documentFrequency, n)),
                            vectors.computeIfAbsent(j, k -> vector(norms[k], documentFrequency, n)));
                    if (s >= thresholds.tfidf() && Descriptions.similarity(prepared[i], prepared[j]) > 0.6) union(i, j, "tfidf", s);
                }
            }
        }
    }

    /** Stem-mates still in different groups, compared by the cosine of their sentence embeddings. */
    private void semantic(java.util.function.Function<List<String>, List<float[]>> embedder) {
        List<List<Integer>> open = new ArrayList<>();
        Set<Integer> needed = new TreeSet<>();
        for (List<Integer> block : blocks(true)) {
            if (block.size() < 2 || block.size() > MAX_BLOCK) continue;
            if (block.stream().map(this::find).distinct().count() < 2) continue;
            open.add(block);
            block.stream().filter(i -> !norms[i].isEmpty()).forEach(needed::add);
        }
        if (needed.isEmpty()) return;
        List<Integer> order = new ArrayList<>(needed);
        List<float[]> vectors = embedder.apply(order.stream().map(i -> norms[i]).toList());
        Map<Integer, float[]> vectorOf = new HashMap<>();
        for (int k = 0; k < order.size(); k++) vectorOf.put(order.get(k), Vectors.unit(vectors.get(k)));
        for (List<Integer> block : open) {
            for (int a = 0; a < block.size(); a++) {
                for (int b = a + 1; b < block.size(); b++) {
                    int i = block.get(a), j = block.get(b);
                    if (find(i) == find(j) || !vectorOf.containsKey(i) || !vectorOf.containsKey(j)) continue;
                    double cos = Vectors.dot(vectorOf.get(i), vectorOf.get(j));
                    // meaning close, and no colour/size/number that tells them apart
                    if (cos >= thresholds.semantic() && Descriptions.similarity(prepared[i], prepared[j]) > 0.6) union(i, j, "semantic", cos);
                }
            }
        }
    }

    private void rank() {
        Map<String, Integer> top = new LinkedHashMap<>();
        for (int i = 0; i < variants.size(); i++) top.putIfAbsent(variants.get(i).stockCode(), i); // sorted by rows
        for (int i = 0; i < variants.size(); i++) {
            int t = top.get(variants.get(i).stockCode());
            if (find(i) == find(t)) continue;
            double s = norms[i].isEmpty() ? thresholds.accept() : Descriptions.similarity(prepared[i], prepared[t]);
            if (s >= thresholds.review()) union(t, i, "rank", s);
            else noteReview(i, t, "rank", s);
        }
    }

    private void noteReview(int variant, int candidate, String passName, double s) {
        Review existing = pendingReview.get(variant);
        if (existing == null || existing.score() < s) pendingReview.put(variant, new Review(variants.get(variant), candidate, passName, s));
    }

    /** Blocks: by stock-code stem, or by the first two words of the description (for links across codes). */
    private List<List<Integer>> blocks(boolean byStem) {
        Map<String, List<Integer>> blocks = new HashMap<>();
        for (int i = 0; i < norms.length; i++) {
            String key;
            if (byStem) key = stem(variants.get(i).stockCode());
            else {
                String[] words = norms[i].split(" ");
                if (words.length < 2) continue;
                key = words[0] + " " + words[1];
            }
            blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        return new ArrayList<>(blocks.values());
    }

    /** "85123A" -> "85123": the letter suffix marks a variant (often a colour) of one product line. */
    static String stem(String stockCode) {
        int end = 0;
        while (end < stockCode.length() && Character.isDigit(stockCode.charAt(end))) end++;
        return end >= 4 ? stockCode.substring(0, end) : stockCode;
    }

    private static double cosine(Map<String, Double> va, Map<String, Double> vb) {
        double dot = 0, na = 0, nb = 0;
        for (var e : va.entrySet()) {
            dot += e.getValue() * vb.getOrDefault(e.getKey(), 0.0);
            na += e.getValue() * e.getValue();
        }
        for (double v : vb.values()) nb += v * v;
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private static Map<String, Double> vector(String norm, Map<String, Integer> df, int n) {
        Map<String, Double> v = new HashMap<>();
        for (String t : norm.isEmpty() ? new String[0] : norm.split(" ")) v.merge(t, 1.0, Double::sum);
        v.replaceAll((t, tf) -> tf * Math.log(1.0 + (double) n / df.getOrDefault(t, 1)));
        return v;
    }

    private int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Joins j's group to i's; the variants that had no link yet get this pass and score. */
    private void union(int i, int j, String passName, double s) {
        int ri = find(i), rj = find(j);
        if (ri == rj) return;
        // the group holding the better-selling variant (lower index: sorted by rows) stays the root
        int root = Math.min(ri, rj), child = Math.max(ri, rj);
        parent[child] = root;
        int linked = find(j) == root && pass[j] == null && j != root ? j : (pass[i] == null && i != root ? i : child);
        if (pass[linked] == null) {
            pass[linked] = passName;
            score[linked] = s;
        }
        if (pass[child] == null) {
            pass[child] = passName;
            score[child] = s;
        }
    }

    private Result result(List<String> passesRun) {
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < variants.size(); i++) groups.computeIfAbsent(find(i), k -> new ArrayList<>()).add(i);
        List<Golden> goldens = new ArrayList<>();
        Map<Integer, Integer> goldenOfRoot = new HashMap<>();
        for (var e : groups.entrySet()) {
            List<Integer> members = e.getValue(); // ascending index = descending rows: the first is the anchor
            Variant anchor = variants.get(members.get(0));
            Set<String> codes = new TreeSet<>();
            members.forEach(m -> codes.add(variants.get(m).stockCode()));
            goldenOfRoot.put(e.getKey(), goldens.size());
            goldens.add(new Golden(goldens.size(), anchor.stockCode(),
                    anchor.description() == null || anchor.description().isBlank() ? anchor.stockCode() : anchor.description().strip(),
                    members.stream().map(variants::get).toList(), new ArrayList<>(codes)));
        }
        List<Link> links = new ArrayList<>();
        Map<String, long[]> stats = new LinkedHashMap<>();
        for (int i = 0; i < variants.size(); i++) {
            int root = find(i);
            boolean anchor = groups.get(root).get(0) == i;
            String p = anchor ? "anchor" : pass[i] == null ? "exact" : pass[i];
            double s = anchor ? 1.0 : pass[i] == null ? 1.0 : score[i];
            links.add(new Link(variants.get(i), goldenOfRoot.get(root), p, s));
            long[] st = stats.computeIfAbsent(p, k -> new long[2]);
            st[0]++;
            st[1] += variants.get(i).rows();
        }
        for (var e : pendingReview.entrySet()) {
            int v = e.getKey();
            Review r = e.getValue();
            if (find(v) == find(r.candidateGolden())) continue; // linked after all
            reviews.add(new Review(r.variant(), goldenOfRoot.get(find(r.candidateGolden())), r.pass(), r.score()));
        }
        return new Result(goldens, links, reviews, stats, passesRun);
    }
}
