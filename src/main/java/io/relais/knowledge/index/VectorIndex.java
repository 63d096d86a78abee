package io.relais.knowledge.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

/**
 * The vectors of every chunk in memory, one LangChain4j {@link InMemoryEmbeddingStore} per source: exact cosine
 * search, which on 20,000 chunks of 384 floats is a few milliseconds and needs no approximate index. PostgreSQL keeps
 * the vectors; {@link #put} and {@link #remove} follow its commits, and a restart rebuilds this from it.
 */
public final class VectorIndex {

    /** {@code score}: the cosine similarity, -1 to 1. */
    public record Hit(String chunkId, UUID source, double score) {
    }

    private final Map<UUID, InMemoryEmbeddingStore<Void>> bySource = new ConcurrentHashMap<>();

    public void put(UUID source, String chunkId, float[] vector) {
        putAll(source, List.of(chunkId), List.of(vector));
    }

    public void putAll(UUID source, List<String> chunkIds, List<float[]> vectors) {
        if (chunkIds.isEmpty()) return;
        InMemoryEmbeddingStore<Void> store = bySource.computeIfAbsent(source, s -> new InMemoryEmbeddingStore<>());
        store.removeAll(Set.copyOf(chunkIds)); // the store tests each of its entries against these: a set, not a list
        List<Void> nothing = new ArrayList<>(chunkIds.size());
        for (int i = 0; i < chunkIds.size(); i++) nothing.add(null);
        store.addAll(chunkIds, vectors.stream().map(Embedding::from).toList(), nothing);
    }

    public void remove(UUID source, Collection<String> chunkIds) {
        InMemoryEmbeddingStore<Void> store = bySource.get(source);
        if (store != null && !chunkIds.isEmpty()) store.removeAll(Set.copyOf(chunkIds));
    }

    public void removeSource(UUID source) {
        bySource.remove(source);
    }

    public List<Hit> search(float[] query, Set<UUID> sources, int k) {
        EmbeddingSearchRequest request = EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(query))
                .maxResults(k).minScore(0.0).build();
        List<Hit> hits = new ArrayList<>();
        for (UUID source : sources) {
            InMemoryEmbeddingStore<Void> store = bySource.get(source);
            if (store == null) continue;
            store.search(request).matches().forEach(m ->
                    hits.add(new Hit(m.embeddingId(), source, CosineSimilarity.fromRelevanceScore(m.score()))));
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        return hits.size() > k ? List.copyOf(hits.subList(0, k)) : hits;
    }
}
