package io.relais.retail.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SentimentClassifierTest {

    @Test
    void a_class_balanced_linear_model_learns_words_in_any_language_even_a_rare_class() {
        List<TextFeatures.Vector> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        String[] good = {"superbe produit", "très satisfait", "excellent", "parfait", "je recommande", "ravi de l'achat"};
        String[] bad = {"cassé", "déçu", "nul"};
        for (int i = 0; i < 30; i++) {
            x.add(TextFeatures.sparse(good[i % good.length] + " " + i, null));
            y.add(2);
        }
        for (int i = 0; i < 6; i++) { // a rare class: the weights make up for it
            x.add(TextFeatures.sparse(bad[i % bad.length], null));
            y.add(0);
        }
        var model = SentimentClassifier.train(x, y, TextFeatures.BUCKETS, 1);
        assertThat(model.predict(TextFeatures.sparse("vraiment déçu", null))).isEqualTo(0);
        assertThat(model.predict(TextFeatures.sparse("produit superbe, parfait", null))).isEqualTo(2);
        var again = SentimentClassifier.train(x, y, TextFeatures.BUCKETS, 1);
        assertThat(again.weights()[0]).containsExactly(model.weights()[0]);
    }

    @Test
    void labels_win_over_ratings_and_ratings_say_how_sure() {
        assertThat(ReviewSentiment.known("Négatif", new BigDecimal("5"))).isEqualTo(new ReviewSentiment.Sentiment("negative", 1.0, "label"));
        assertThat(ReviewSentiment.known(null, new BigDecimal("5")).sentiment()).isEqualTo("positive");
        assertThat(ReviewSentiment.known(null, new BigDecimal("3")).sentiment()).isEqualTo("neutral");
        assertThat(ReviewSentiment.known(null, new BigDecimal("2")).source()).isEqualTo("rating");
        assertThat(ReviewSentiment.known(null, null)).isNull();
        assertThat(TextFeatures.fold("Pas bon du tout, not good")).contains("pas_bon").contains("not_good");
    }

    @Test
    void the_held_out_fifth_takes_a_fifth_of_every_class() {
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < 100; i++) labels.add(i < 10 ? 0 : i < 30 ? 1 : 2);
        List<Integer> held = ReviewSentiment.heldOutFifth(labels);
        assertThat(held).hasSize(2 + 4 + 14);
        assertThat(held.stream().filter(i -> labels.get(i) == 0)).hasSize(2);
        assertThat(ReviewSentiment.heldOutFifth(labels)).isEqualTo(held);
    }
}
