package io.relais.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class Bm25Test {

    @Test
    void words_are_the_runs_of_letters_and_digits_a_split_on_everything_else_gives() {
        for (String text : List.of("Roses need full sun.", "  l'été, 12 ROSIERS-grimpants; x²  ", "Ⅻ chapitres — ½ dose",
                "naïve café ÉCOLE", "", "...", "a1b2 c3\td4\nÉ")) {
            List<String> bySplit = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                    .filter(w -> !w.isEmpty()).toList();
            assertThat(Bm25.words(text)).as(text).isEqualTo(bySplit);
        }
    }

    @Test
    void a_rarer_term_weighs_more_and_a_longer_passage_less() {
        Bm25 bm25 = new Bm25(java.util.Map.of("roses", 100L, "lavender", 2L), 1_000, 20);
        assertThat(bm25.score("lavender in the garden", 20)).isGreaterThan(bm25.score("roses in the garden", 20));
        assertThat(bm25.score("roses in the garden", 10)).isGreaterThan(bm25.score("roses in the garden", 40));
        assertThat(bm25.score("tulips", 20)).isZero();
    }
}
