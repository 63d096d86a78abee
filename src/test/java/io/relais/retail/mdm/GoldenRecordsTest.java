package io.relais.retail.mdm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.relais.retail.RetailSettings;
import org.junit.jupiter.api.Test;

/**
 * Master data on hand-labelled variants from the Online Retail files: pairs that are the same product and pairs that
 * are not (colours, sizes, sets). Pairwise precision and recall of "same golden record".
 */
class GoldenRecordsTest {

    // {stock code, description, label}: same label = same product
    private static final String[][] LABELLED = {
            {"85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "heart-white"},
            {"85123A", "CREAM HANGING HEART T-LIGHT HOLDER", "heart-white"},
            {"85123A", "white hanging heart t-light holder", "heart-white"},
            {"85123B", "RED HANGING HEART T-LIGHT HOLDER", "heart-red"},
            {"22423", "REGENCY CAKESTAND 3 TIER", "cakestand"},
            {"22423", "REGENCY CAKESTAND  3 TIER.", "cakestand"},
            {"22423", "REGENCY CAKE STAND 3 TIER", "cakestand"},
            {"84879", "ASSORTED COLOUR BIRD ORNAMENT", "bird"},
            {"84879", "ASSORTED COLOR BIRD ORNAMENT", "bird"},
            {"22720", "SET OF 3 CAKE TINS PANTRY DESIGN", "tins"},
            {"22720", "SET OF 3 CAKE TINS PANTRY DESIGN ", "tins"},
            {"22720", "SET 3 CAKE TINS PANTRY DESIGN", "tins"},
            {"22722", "SET OF 6 SPICE TINS PANTRY DESIGN", "spice"},
            {"20725", "LUNCH BAG RED RETROSPOT", "lunch-red"},
            {"20725", "LUNCH BAG RED SPOTTY", "lunch-red"},
            {"20726", "LUNCH BAG WOODLAND", "lunch-wood"},
            {"20727", "LUNCH BAG  BLACK SKULL.", "lunch-skull"},
            {"20727", "LUNCH BAG BLACK SKULL", "lunch-skull"},
            {"21212", "PACK OF 72 RETROSPOT CAKE CASES", "cases72"},
            {"21212", "PACK OF 72 RETRO SPOT CAKE CASES", "cases72"},
            {"84991", "60 TEATIME FAIRY CAKE CASES", "cases60"},
            {"22086", "PAPER CHAIN KIT 50'S CHRISTMAS", "chain"},
            {"22086", "PAPER CHAIN KIT 50S CHRISTMAS", "chain"},
            {"22197", "SMALL POPCORN HOLDER", "popcorn-small"},
            {"22197", "POPCORN HOLDER", "popcorn-small"},
            {"22198", "LARGE POPCORN HOLDER", "popcorn-large"},
            {"23084", "RABBIT NIGHT LIGHT", "rabbit"},
            {"23084", "RABBIT NIGHT LIGHT ", "rabbit"},
            {"21731", "RED TOADSTOOL LED NIGHT LIGHT", "toadstool"},
            {"21731", "RED TOADSTOOL LED NIGHT LIGHT.", "toadstool"},
    };

    @Test
    void golden_records_join_the_variants_of_one_product_and_keep_colours_and_sizes_apart() {
        double[] pr = precisionRecall("fuzzy", null);
        assertThat(pr[0]).isGreaterThanOrEqualTo(0.95);
        assertThat(pr[1]).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void the_semantic_strategy_adds_an_embedding_pass_and_loses_no_precision() {
        var model = new dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel();
        java.util.function.Function<List<String>, List<float[]>> embedder = texts -> model.embedAll(
                texts.stream().map(dev.langchain4j.data.segment.TextSegment::from).toList()).content().stream()
                .map(dev.langchain4j.data.embedding.Embedding::vector).toList();
        double[] fuzzy = precisionRecall("fuzzy", null);
        double[] semantic = precisionRecall("semantic", embedder);
        assertThat(semantic[0]).isGreaterThanOrEqualTo(0.95);
        assertThat(semantic[1]).isGreaterThanOrEqualTo(fuzzy[1]);
    }

    private static double[] precisionRecall(String strategy, java.util.function.Function<List<String>, List<float[]>> embedder) {
        List<GoldenRecords.Variant> variants = new ArrayList<>();
        Map<String, String> label = new HashMap<>();
        for (int i = 0; i < LABELLED.length; i++) {
            GoldenRecords.Variant v = new GoldenRecords.Variant(LABELLED[i][0], LABELLED[i][1], 100 - i);
            variants.add(v);
            label.put(v.stockCode() + "|" + v.description(), LABELLED[i][2]);
        }
        GoldenRecords.Result result = GoldenRecords.match(variants, strategy,
                new RetailSettings.Matching(0.88, 0.70, 0.97, 0.5, 0.90), embedder);
        if (embedder != null) assertThat(result.passesRun()).contains("semantic");
        Map<String, Integer> golden = new HashMap<>();
        result.links().forEach(l -> golden.put(l.variant().stockCode() + "|" + l.variant().description(), l.golden()));

        int truePositive = 0, falsePositive = 0, falseNegative = 0;
        List<String> keys = new ArrayList<>(label.keySet());
        for (int a = 0; a < keys.size(); a++) {
            for (int b = a + 1; b < keys.size(); b++) {
                boolean same = label.get(keys.get(a)).equals(label.get(keys.get(b)));
                boolean joined = golden.get(keys.get(a)).equals(golden.get(keys.get(b)));
                if (same && joined) truePositive++;
                else if (joined) falsePositive++;
                else if (same) falseNegative++;
            }
        }
        double precision = truePositive / (double) (truePositive + falsePositive);
        double recall = truePositive / (double) (truePositive + falseNegative);
        System.out.printf("MDM %s on %d labelled variants: precision %.2f, recall %.2f%n", strategy, LABELLED.length, precision, recall);
        assertThat(result.links()).allSatisfy(l -> assertThat(l.score()).isBetween(0.0, 1.0));
        return new double[] {precision, recall};
    }

    @Test
    void the_poc_strategy_only_joins_exact_and_ranked_variants() {
        var result = GoldenRecords.match(List.of(new GoldenRecords.Variant("22423", "REGENCY CAKESTAND 3 TIER", 10),
                        new GoldenRecords.Variant("22423", "regency cakestand 3 tier.", 5),
                        new GoldenRecords.Variant("99999", "REGENCY CAKESTAND 3 TIERS", 3)), "poc",
                new RetailSettings.Matching(0.88, 0.70, 0.97, 0.5, 0.90));
        assertThat(result.goldens()).hasSize(2);
        assertThat(result.passesRun()).containsExactly("exact", "rank");
        assertThat(result.links()).extracting(GoldenRecords.Link::pass).contains("anchor", "exact");
    }
}
