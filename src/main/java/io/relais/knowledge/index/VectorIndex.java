package io.relais.knowledge.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.relais.platform.embeddings.Vectors;

/**
 * The vectors of every chunk, in memory, per source: exact cosine search (normalised vectors, a dot product each),
 * which on 20,000 chunks of 384 floats is a few milliseconds and needs no approximate index. PostgreSQL keeps the
 * vectors; {@link #put} and {@link #remove} follow its commits, and a restart rebuilds this from it.
 */
public final class VectorIndex {

    public record Hit(String chunkId, UUID source, double score) {
    }

    private final Map<UUID, Map<String, float[]>> bySource = new ConcurrentHashMap<>();

    public void put(UUID source, String chunkId, float[] vector) {
        bySource.computeIfAbsent(source, s -> new ConcurrentHashMap<>()).put(chunkId, Vectors.unit(vector));
    }

    public void remove(UUID source, Collection<String> chunkIds) {
        Map<String, float[]> m = bySource.get(source);
        if (m != null) chunkIds.forEach(m::remove);
    }

    public void removeSource(UUID source) {
        bySource.remove(source);
    }

    public int size() {
        return bySource.values().stream().mapToInt(Map::size).sum();
    }

    public List<Hit> search(float[] query, Set<UUID> sources, int k) {
        float[] q = Vectors.unit(query);
        PriorityQueue<Hit> best = new PriorityQueue<>(java.util.Comparator.comparingDouble(Hit::score));
        for (UUID source : sources) {
            Map<String, float[]> m = bySource.get(source);
            if (m == null) continue;
            for (var e : m.entrySet()) {
                double s = Vectors.dot(q, e.getValue());
                if (best.size() < k) best.add(new Hit(e.getKey(), source, s));
                else if (s > best.peek().score()) {
                    best.poll();
                    best.add(new Hit(e.getKey(), source, s));
                }
            }
        }
        List<Hit> out = new ArrayList<>(best);
        out.sort((a, b) -> Double.compare(b.score(), a.score()));
        return out;
    }
}
