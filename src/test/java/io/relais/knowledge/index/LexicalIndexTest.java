package io.relais.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class LexicalIndexTest {

    private static final String[] WORDS = {"roses", "Rosiers", "tomates", "compost", "pruning", "l'été", "watering", "lavender",
            "tulips", "hedges", "soil", "acid", "sun", "shade", "frost", "manure", "the", "and", "of", "in", "a", "12", "x²",
            "café", "ÉCOLE", "naïve", "mulch", "greenhouse", "seeds", "bulbs", "grow", "need", "prefer", "deep", "water"};

    @Test
    void it_ranks_as_bm25_over_every_passage_text_does() {
        Random random = new Random(11);
        UUID a = UUID.randomUUID(), b = UUID.randomUUID();
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, UUID> sourceOf = new HashMap<>();
        LexicalIndex index = new LexicalIndex();
        for (UUID source : List.of(a, b)) {
            List<String> ids = new ArrayList<>(), bodies = new ArrayList<>();
            for (int i = 0; i < 1_500; i++) {
                StringBuilder text = new StringBuilder();
                int length = 3 + random.nextInt(random.nextBoolean() ? 10 : 60);
                for (int w = 0; w < length; w++) text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(8) == 0 ? ". " : " ");
                String id = source.toString().substring(0, 4) + "-" + i;
                ids.add(id);
                bodies.add(text.toString());
                texts.put(id, text.toString());
                sourceOf.put(id, source);
            }
            index.putAll(source, ids, bodies);
        }
        // a page crawled again: some passages replaced, some gone
        index.putAll(a, List.of(a.toString().substring(0, 4) + "-7"), List.of("lavender lavender hedges"));
        texts.put(a.toString().substring(0, 4) + "-7", "lavender lavender hedges");
        index.remove(b, List.of(b.toString().substring(0, 4) + "-3", b.toString().substring(0, 4) + "-4"));
        texts.remove(b.toString().substring(0, 4) + "-3");
        texts.remove(b.toString().substring(0, 4) + "-4");
        // pages gone and new ones come: slots freed and taken again
        List<String> gone = new ArrayList<>();
        for (int i = 100; i < 400; i++) gone.add(a.toString().substring(0, 4) + "-" + i);
        List<String> fresh = new ArrayList<>(), freshTexts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fresh.add("new-" + i);
            freshTexts.add(WORDS[i % WORDS.length] + " " + WORDS[(i * 7) % WORDS.length] + " roses");
        }
        index.replace(a, gone, fresh, freshTexts);
        gone.forEach(texts::remove);
        for (int i = 0; i < fresh.size(); i++) {
            texts.put(fresh.get(i), freshTexts.get(i));
            sourceOf.put(fresh.get(i), a);
        }

        for (String question : List.of("What do roses need?", "lavender hedges in acid soil", "Rosiers l'été", "ÉCOLE café naïve",
                "deep watering of tulips and bulbs", "greenhouse")) {
            for (Set<UUID> sources : List.of(Set.of(a), Set.of(a, b))) {
                List<String> terms = Bm25.terms(question);
                List<Map.Entry<String, Double>> expected = exhaustive(texts, sourceOf, sources, terms);
                List<LexicalIndex.Hit> hits = index.search(terms, sources, 10);

                assertThat(hits).as(question).hasSize(Math.min(10, expected.size()));
                for (int i = 0; i < hits.size(); i++) {
                    assertThat(hits.get(i).score()).as(question + " #" + i).isCloseTo(expected.get(i).getValue(), within(1e-9));
                    assertThat(hits.get(i).source()).isEqualTo(sourceOf.get(hits.get(i).chunkId()));
                    assertThat(texts).containsKey(hits.get(i).chunkId());
                }
                assertThat(hits.stream().map(LexicalIndex.Hit::chunkId).toList()).as(question)
                        .isEqualTo(expected.stream().limit(10).map(Map.Entry::getKey).toList());
            }
        }
    }

    @Test
    void a_word_no_passage_holds_and_a_removed_source_find_nothing() {
        UUID source = UUID.randomUUID();
        LexicalIndex index = new LexicalIndex();
        index.putAll(source, List.of("c1"), List.of("Roses need full sun."));

        assertThat(index.search(List.of("tulips"), Set.of(source), 5)).isEmpty();
        assertThat(index.search(List.of("roses", "roses"), Set.of(source), 5).get(0).score())
                .isEqualTo(index.search(List.of("roses"), Set.of(source), 5).get(0).score());
        assertThat(index.search(List.of("roses"), Set.of(source), 5)).extracting(LexicalIndex.Hit::chunkId).containsExactly("c1");
        index.removeSource(source);
        assertThat(index.search(List.of("roses"), Set.of(source), 5)).isEmpty();
    }

    /**
     * The oracle: every passage of the sources split and counted again, each term's passages counted, {@link Bm25#score}
     * on each text; best first, ties by chunk id.
     */
    private static List<Map.Entry<String, Double>> exhaustive(Map<String, String> texts, Map<String, UUID> sourceOf, Set<UUID> sources,
                                                              List<String> terms) {
        Map<String, Long> df = new HashMap<>();
        long passages = 0, totalLength = 0;
        for (var e : texts.entrySet()) {
            if (!sources.contains(sourceOf.get(e.getKey()))) continue;
            passages++;
            Set<String> distinct = new HashSet<>(Bm25.words(e.getValue()));
            totalLength += distinct.size();
            for (String t : terms) if (distinct.contains(t)) df.merge(t, 1L, Long::sum);
        }
        Bm25 bm25 = new Bm25(df, passages, (double) totalLength / passages);
        List<Map.Entry<String, Double>> scored = new ArrayList<>();
        for (var e : texts.entrySet()) {
            if (!sources.contains(sourceOf.get(e.getKey()))) continue;
            Set<String> distinct = new HashSet<>(Bm25.words(e.getValue()));
            if (terms.stream().noneMatch(distinct::contains)) continue;
            scored.add(Map.entry(e.getKey(), bm25.score(e.getValue(), distinct.size())));
        }
        scored.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return scored;
    }

    @Test
    void equal_scores_keep_the_smaller_chunk_id_whatever_the_order_they_were_put_in() {
        UUID source = UUID.randomUUID();
        LexicalIndex index = new LexicalIndex();
        index.putAll(source, List.of("c3", "c1", "c2", "x"), List.of("roses need sun", "roses need sun", "roses need sun", "tulips"));

        assertThat(index.search(List.of("roses"), Set.of(source), 1)).extracting(LexicalIndex.Hit::chunkId).containsExactly("c1");
        assertThat(index.search(List.of("roses"), Set.of(source), 2)).extracting(LexicalIndex.Hit::chunkId).containsExactly("c1", "c2");
        index.replace(source, List.of("c1"), List.of(), List.of());
        assertThat(index.search(List.of("roses"), Set.of(source), 1)).extracting(LexicalIndex.Hit::chunkId).containsExactly("c2");
    }
}
