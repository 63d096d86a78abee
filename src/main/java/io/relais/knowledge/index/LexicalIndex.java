package io.relais.knowledge.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The words of every chunk in memory, per source, ranked by Okapi BM25 ({@link Bm25}): each passage's term counts and
 * length are counted once, when it is put, and a question reads only the postings of its own terms. No passage text is
 * read, sent or split at question time, and every passage holding a term is scored (not the first thousands).
 * PostgreSQL keeps the text; as with {@link VectorIndex}, {@link #putAll} and {@link #remove} follow its commits and a
 * restart rebuilds this from it.
 *
 * <p>A passage is its title, heading and text; its length is its number of distinct words (as PostgreSQL's
 * {@code length(tsvector)}); only words a question can hold ({@link Bm25#terms}) are posted.
 */
public final class LexicalIndex {

    /** {@code score}: BM25 over the searched sources. */
    public record Hit(String chunkId, UUID source, double score) {
    }

    /**
     * One passage: its searchable terms (their numbers, in order), how often each occurs, and its number of distinct
     * words. Equal only to itself: a replaced passage is another object, and the postings hold the object they were given.
     */
    private static final class Passage {
        final String id;
        final int[] terms;
        final int[] counts;
        final int length;

        private Passage(String id, int[] terms, int[] counts, int length) {
            this.id = id;
            this.terms = terms;
            this.counts = counts;
            this.length = length;
        }

        int count(int term) {
            int i = Arrays.binarySearch(terms, term);
            return i < 0 ? 0 : counts[i];
        }
    }

    /** A source's passages and postings, changed under its write lock, read under its read lock. */
    private static final class Source {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final Map<String, Passage> passages = new HashMap<>();
        final Map<Integer, Set<Passage>> postings = new HashMap<>();
        long totalLength;

        void put(Passage p) {
            remove(p.id);
            passages.put(p.id, p);
            totalLength += p.length;
            for (int t : p.terms) postings.computeIfAbsent(t, x -> new HashSet<>()).add(p);
        }

        void remove(String id) {
            Passage old = passages.remove(id);
            if (old == null) return;
            totalLength -= old.length;
            for (int t : old.terms) {
                Set<Passage> holding = postings.get(t);
                holding.remove(old);
                if (holding.isEmpty()) postings.remove(t);
            }
        }
    }

    private final Map<UUID, Source> bySource = new ConcurrentHashMap<>();
    /** Every term ever posted, numbered: a passage's terms are compared as numbers at question time. */
    private final Map<String, Integer> termNumbers = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger nextNumber = new java.util.concurrent.atomic.AtomicInteger();

    private Passage passage(String id, String text) {
        Map<Integer, Integer> counts = new HashMap<>();
        Set<String> distinct = new HashSet<>();
        for (String w : Bm25.words(text)) {
            distinct.add(w);
            if (Bm25.searchable(w)) counts.merge(termNumbers.computeIfAbsent(w, x -> nextNumber.getAndIncrement()), 1, Integer::sum);
        }
        int[] terms = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] f = new int[terms.length];
        for (int i = 0; i < terms.length; i++) f[i] = counts.get(terms[i]);
        return new Passage(id, terms, f, distinct.size());
    }

    /** Puts (or replaces) passages: {@code texts.get(i)} is chunk {@code chunkIds.get(i)}'s title, heading and text. */
    public void putAll(UUID source, List<String> chunkIds, List<String> texts) {
        replace(source, List.of(), chunkIds, texts);
    }

    public void remove(UUID source, Collection<String> chunkIds) {
        replace(source, chunkIds, List.of(), List.of());
    }

    /** Removes {@code oldIds} and puts the new passages at once: a search sees the page before or after, never without it. */
    public void replace(UUID source, Collection<String> oldIds, List<String> chunkIds, List<String> texts) {
        if (oldIds.isEmpty() && chunkIds.isEmpty()) return;
        List<Passage> passages = new ArrayList<>(chunkIds.size());
        for (int i = 0; i < chunkIds.size(); i++) passages.add(passage(chunkIds.get(i), texts.get(i)));
        Source s = chunkIds.isEmpty() ? bySource.get(source) : bySource.computeIfAbsent(source, x -> new Source());
        if (s == null) return;
        s.lock.writeLock().lock();
        try {
            oldIds.forEach(s::remove);
            passages.forEach(s::put);
        } finally {
            s.lock.writeLock().unlock();
        }
    }

    public void removeSource(UUID source) {
        bySource.remove(source);
    }

    /**
     * The {@code k} passages of these sources with the best BM25 for the question's {@code terms}, best first; equal
     * scores by chunk id, so every node and every run answers the same. First each term's passages are counted over
     * all sources, then each passage holding a term is scored once: under its first term only.
     */
    public List<Hit> search(List<String> terms, Set<UUID> sources, int k) {
        if (k <= 0 || terms.isEmpty()) return List.of();
        int[] numbers = terms.stream().map(termNumbers::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).distinct().toArray();
        if (numbers.length == 0) return List.of();
        long[] df = new long[numbers.length];
        long passages = 0, totalLength = 0;
        for (UUID source : sources) {
            Source s = bySource.get(source);
            if (s == null) continue;
            s.lock.readLock().lock();
            try {
                passages += s.passages.size();
                totalLength += s.totalLength;
                for (int t = 0; t < numbers.length; t++) {
                    Set<Passage> holding = s.postings.get(numbers[t]);
                    if (holding != null) df[t] += holding.size();
                }
            } finally {
                s.lock.readLock().unlock();
            }
        }
        if (passages == 0 || Arrays.stream(df).allMatch(n -> n == 0)) return List.of();
        Bm25 bm25 = new Bm25(passages, (double) totalLength / passages);
        Comparator<Hit> worstFirst = Comparator.comparingDouble(Hit::score).thenComparing(Hit::chunkId, Comparator.reverseOrder());
        PriorityQueue<Hit> best = new PriorityQueue<>(k + 1, worstFirst);
        for (UUID source : sources) {
            Source s = bySource.get(source);
            if (s == null) continue;
            s.lock.readLock().lock();
            try {
                for (int t = 0; t < numbers.length; t++) {
                    Set<Passage> holding = s.postings.get(numbers[t]);
                    if (holding == null) continue;
                    for (Passage p : holding) {
                        if (heldEarlier(p, numbers, t)) continue;
                        double score = 0;
                        for (int u = t; u < numbers.length; u++) {
                            int f = p.count(numbers[u]);
                            if (f > 0) score += bm25.termScore(df[u], f, p.length);
                        }
                        if (best.size() == k && score < best.peek().score()) continue;
                        Hit hit = new Hit(p.id, source, score);
                        if (best.size() < k) best.add(hit);
                        else if (worstFirst.compare(hit, best.peek()) > 0) {
                            best.poll();
                            best.add(hit);
                        }
                    }
                }
            } finally {
                s.lock.readLock().unlock();
            }
        }
        List<Hit> hits = new ArrayList<>(best);
        hits.sort(worstFirst.reversed());
        return hits;
    }

    /** Whether the passage holds one of the terms before {@code t}: it was scored under that one. */
    private static boolean heldEarlier(Passage p, int[] terms, int t) {
        for (int u = 0; u < t; u++) if (p.count(terms[u]) > 0) return true;
        return false;
    }
}
