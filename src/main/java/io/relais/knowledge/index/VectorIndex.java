package io.relais.knowledge.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The vectors of every chunk in memory, per source, each stored with unit length so that a search is one dot product
 * per chunk: cosine over every chunk, which on 20,000 chunks of 384 dimensions takes about a millisecond and needs no
 * approximate index. PostgreSQL keeps the vectors; {@link #put} and {@link #remove} follow its commits, and a restart
 * rebuilds this from it.
 *
 * <p>A source's vectors lie end to end in one array, read in order: on 20,000 chunks a search took 10 ms when each
 * vector was a float array of its own in a map (the memory, not the arithmetic, was the cost) and 2.7 ms in one array.
 * Each unit vector is kept as integers (its components times 2^15): the JIT turns an integer dot product into SIMD
 * instructions, which it does not do for a float sum (whose order it must keep), and the same search takes 1.1 ms. The
 * cosine is then exact to about 10^-4 (answers show it to 10^-3); the sum cannot overflow, since the dot product of
 * two unit vectors is at most 1, that is 2^30. A removed chunk's slot is taken by the next chunk put.
 *
 * <p>It replaced LangChain4j's {@code InMemoryEmbeddingStore}, which computes both norms again for every chunk at every
 * search (three dot products instead of one) and copies its whole list on every change.
 */
public final class VectorIndex {

    /** {@code score}: the cosine similarity, -1 to 1. */
    public record Hit(String chunkId, UUID source, double score) {
    }

    /** A unit vector's components are kept as integers in units of 2^-15. */
    private static final double SCALE = 1 << 15;

    /** One source's vectors: slot i holds chunk {@code ids[i]} at {@code vectors[i * dimension]} (a null id: free). */
    private static final class Source {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final int dimension;
        final Map<String, Integer> slotOf = new HashMap<>();
        final ArrayList<Integer> free = new ArrayList<>();
        String[] ids = new String[16];
        int[] vectors;
        int slots;

        Source(int dimension) {
            this.dimension = dimension;
            this.vectors = new int[16 * dimension];
        }

        void put(String id, int[] unit) {
            if (unit.length != dimension) {
                throw new IllegalArgumentException("a vector of " + unit.length + " dimensions beside vectors of " + dimension);
            }
            Integer slot = slotOf.get(id);
            if (slot == null) slot = free.isEmpty() ? slots++ : free.remove(free.size() - 1);
            if (slot >= ids.length) {
                int capacity = Math.max(16, ids.length + ids.length / 2);
                ids = Arrays.copyOf(ids, capacity);
                vectors = Arrays.copyOf(vectors, capacity * dimension);
            }
            ids[slot] = id;
            slotOf.put(id, slot);
            System.arraycopy(unit, 0, vectors, slot * dimension, dimension);
        }

        void remove(String id) {
            Integer slot = slotOf.remove(id);
            if (slot == null) return;
            ids[slot] = null;
            free.add(slot);
        }
    }

    private final Map<UUID, Source> bySource = new ConcurrentHashMap<>();

    public void put(UUID source, String chunkId, float[] vector) {
        putAll(source, List.of(chunkId), List.of(vector));
    }

    public void putAll(UUID source, List<String> chunkIds, List<float[]> vectors) {
        replace(source, List.of(), chunkIds, vectors);
    }

    public void remove(UUID source, Collection<String> chunkIds) {
        replace(source, chunkIds, List.of(), List.of());
    }

    /**
     * Removes {@code oldIds} and puts the new chunks at once: a search sees the page before or after, never without
     * it. Vectors of another length than the source's (another model) replace all of the source's vectors: the old
     * ones cannot be compared with the new model's questions.
     */
    public void replace(UUID source, Collection<String> oldIds, List<String> chunkIds, List<float[]> vectors) {
        if (oldIds.isEmpty() && chunkIds.isEmpty()) return;
        int dimension = vectors.isEmpty() ? 0 : vectors.get(0).length;
        Source s = vectors.isEmpty() ? bySource.get(source)
                : bySource.compute(source, (x, known) -> known == null || known.dimension != dimension ? new Source(dimension) : known);
        if (s == null) return;
        s.lock.writeLock().lock();
        try {
            oldIds.forEach(s::remove);
            for (int i = 0; i < chunkIds.size(); i++) s.put(chunkIds.get(i), quantized(vectors.get(i)));
        } finally {
            s.lock.writeLock().unlock();
        }
    }

    /** All of a source's chunks, read again: a fresh set swapped in whole (a search sees the old one or the new one). */
    public void load(UUID source, List<String> chunkIds, List<float[]> vectors) {
        if (chunkIds.isEmpty()) {
            bySource.remove(source);
            return;
        }
        Source fresh = new Source(vectors.get(0).length);
        for (int i = 0; i < chunkIds.size(); i++) fresh.put(chunkIds.get(i), quantized(vectors.get(i)));
        bySource.put(source, fresh);
    }

    public void removeSource(UUID source) {
        bySource.remove(source);
    }

    /** The {@code k} chunks of these sources closest to {@code query}, best first. */
    public List<Hit> search(float[] query, Set<UUID> sources, int k) {
        if (k <= 0) return List.of();
        int[] q = quantized(query);
        // equal scores (the same passage on two pages) keep the smaller chunk id
        TopHits best = new TopHits(k);
        for (UUID source : sources) {
            Source s = bySource.get(source);
            if (s == null) continue;
            if (q.length != s.dimension) continue; // vectors of another model: similar to nothing this model asks
            s.lock.readLock().lock();
            try {
                int[] vectors = s.vectors;
                for (int slot = 0; slot < s.slots; slot++) {
                    String id = s.ids[slot];
                    if (id == null) continue;
                    best.offer(id, source, dot(q, vectors, slot * s.dimension));
                }
            } finally {
                s.lock.readLock().unlock();
            }
        }
        return best.bestFirst(Hit::new);
    }

    /** The cosine of {@code q} and the vector at {@code offset} in {@code vectors}: one integer loop, which the JIT vectorises. */
    static double dot(int[] q, int[] vectors, int offset) {
        int sum = 0;
        for (int i = 0; i < q.length; i++) sum += q[i] * vectors[offset + i];
        return sum / (SCALE * SCALE);
    }

    /** The vector scaled to length 1, in units of 2^-15 (a zero vector stays zero: it is similar to nothing). */
    static int[] quantized(float[] v) {
        double norm = 0;
        for (float x : v) norm += (double) x * x;
        int[] out = new int[v.length];
        if (norm == 0) return out;
        double scale = SCALE / Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) out[i] = (int) Math.round(v[i] * scale);
        return out;
    }
}
