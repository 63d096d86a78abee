package io.relais.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class VectorIndexTest {

    @Test
    void the_k_closest_chunks_come_best_first_with_their_cosine_whatever_the_vectors_length() {
        UUID source = UUID.randomUUID();
        VectorIndex index = new VectorIndex();
        index.putAll(source, List.of("same", "opposite", "orthogonal", "close"),
                List.of(new float[] {2, 0, 0}, new float[] {-5, 0, 0}, new float[] {0, 3, 0}, new float[] {1, 1, 0}));

        List<VectorIndex.Hit> hits = index.search(new float[] {10, 0, 0}, Set.of(source), 3);

        assertThat(hits).extracting(VectorIndex.Hit::chunkId).containsExactly("same", "close", "orthogonal");
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-4));
        assertThat(hits.get(1).score()).isCloseTo(Math.sqrt(0.5), within(1e-4));
        assertThat(hits.get(2).score()).isCloseTo(0.0, within(1e-4));
    }

    @Test
    void a_replaced_or_removed_chunk_and_a_removed_source_are_no_longer_found() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID();
        VectorIndex index = new VectorIndex();
        index.putAll(a, List.of("a1", "a2"), List.of(new float[] {1, 0}, new float[] {0, 1}));
        index.put(b, "b1", new float[] {1, 0});
        index.put(a, "a1", new float[] {0, -1});
        index.remove(a, List.of("a2"));

        assertThat(index.search(new float[] {1, 0}, Set.of(a, b), 5)).extracting(VectorIndex.Hit::chunkId)
                .containsExactly("b1", "a1");
        index.put(a, "a1", new float[] {0, -2}); // the same chunk again: still one hit
        assertThat(index.search(new float[] {0, -1}, Set.of(a), 5)).extracting(VectorIndex.Hit::chunkId).containsExactly("a1");
        index.removeSource(b);
        assertThat(index.search(new float[] {1, 0}, Set.of(a, b), 5)).extracting(VectorIndex.Hit::chunkId).containsExactly("a1");
    }

    @Test
    void it_finds_what_an_exhaustive_cosine_finds() {
        Random random = new Random(7);
        UUID source = UUID.randomUUID();
        VectorIndex index = new VectorIndex();
        List<float[]> vectors = new java.util.ArrayList<>();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            float[] v = new float[384];
            for (int d = 0; d < v.length; d++) v[d] = (float) random.nextGaussian();
            vectors.add(v);
            ids.add("c" + i);
        }
        index.putAll(source, ids, vectors);
        // a crawl again: every third chunk gone, its slot taken by a new chunk or left free
        java.util.Map<String, float[]> live = new java.util.HashMap<>();
        for (int i = 0; i < ids.size(); i++) if (i % 3 != 0) live.put(ids.get(i), vectors.get(i));
        index.remove(source, ids.stream().filter(id -> !live.containsKey(id)).toList());
        for (int i = 0; i < 400; i++) {
            float[] v = new float[384];
            for (int d = 0; d < v.length; d++) v[d] = (float) random.nextGaussian();
            live.put("n" + i, v);
            index.put(source, "n" + i, v);
        }
        float[] query = vectors.get(43).clone();
        query[0] += 0.5f;

        List<String> expected = live.keySet().stream()
                .sorted(java.util.Comparator.comparingDouble((String id) -> cosine(query, live.get(id))).reversed())
                .limit(10).toList();
        assertThat(expected.get(0)).isEqualTo("c43");
        for (VectorIndex.Hit hit : index.search(query, Set.of(source), 10)) {
            assertThat(hit.score()).as(hit.chunkId()).isCloseTo(cosine(query, live.get(hit.chunkId())), within(1e-4));
        }
        assertThat(index.search(query, Set.of(source), 10)).extracting(VectorIndex.Hit::chunkId).containsExactlyElementsOf(expected);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void vectors_of_another_model_replace_the_source_and_are_never_compared_with_the_old_ones() {
        UUID source = UUID.randomUUID();
        VectorIndex index = new VectorIndex();
        index.putAll(source, List.of("old1", "old2"), List.of(new float[] {1, 0, 0}, new float[] {0, 1, 0}));
        assertThat(index.search(new float[] {1, 0}, Set.of(source), 5)).isEmpty();

        index.replace(source, List.of("old1"), List.of("new1"), List.of(new float[] {1, 0}));

        assertThat(index.search(new float[] {1, 0}, Set.of(source), 5)).extracting(VectorIndex.Hit::chunkId).containsExactly("new1");
        assertThat(index.search(new float[] {1, 0, 0}, Set.of(source), 5)).isEmpty();
    }
}
