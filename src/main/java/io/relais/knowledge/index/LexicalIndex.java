package io.relais.knowledge.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The words of every chunk in memory, per source, ranked by Okapi BM25 ({@link Bm25}): each passage's term counts and
 * length are counted once, when it is put, and a question reads only the postings of its own terms. No passage text is
 * read, sent or split at question time, and every passage holding a term is scored (not the first thousands).
 * PostgreSQL keeps the text; as with {@link VectorIndex}, {@link #putAll} and {@link #remove} follow its commits and a
 * restart rebuilds this from it.
 *
 * <p>A passage is its title, heading and text; its length is its number of distinct words (as PostgreSQL's
 * {@code length(tsvector)}); only words a question can hold ({@link Bm25#terms}) are posted. Each passage has a slot
 * in its source, and a term's postings are arrays of slots and counts ({@link Postings}): a question adds each term's
 * weight into one score per slot, reading arrays in order and looking nothing up per passage.
 */
public final class LexicalIndex {

    /** {@code score}: BM25 over the searched sources. */
    public record Hit(String chunkId, UUID source, double score) {
    }

    /**
     * One passage: its slot, its put number (a slot taken again holds another passage), its searchable terms (their
     * numbers) and its number of distinct words.
     */
    private record Passage(String id, int slot, int put, int[] terms, int length) {
    }

    /**
     * A term's postings in one source, end to end in three arrays: each passage's slot, put number and count of the
     * term, appended as passages come. A removed passage's entry stays (its slot no longer holds its put number) until
     * half the entries are such, then they all go at once. About 12 bytes an entry.
     */
    private static final class Postings {
        int[] slots = new int[4], puts = new int[4], counts = new int[4];
        int size, live;

        void add(Passage p, int count) {
            if (size == slots.length) {
                int capacity = size + size / 2 + 1;
                slots = Arrays.copyOf(slots, capacity);
                puts = Arrays.copyOf(puts, capacity);
                counts = Arrays.copyOf(counts, capacity);
            }
            slots[size] = p.slot();
            puts[size] = p.put();
            counts[size++] = count;
            live++;
        }

        /** Whether entry {@code i} is a passage the source still holds. */
        boolean holds(int i, Passage[] bySlot) {
            Passage p = bySlot[slots[i]];
            return p != null && p.put() == puts[i];
        }

        /** One of the passages holding the term went (already gone from {@code bySlot}). */
        void removed(Passage[] bySlot) {
            live--;
            if (size - live <= size / 2) return;
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (!holds(i, bySlot)) continue;
                slots[kept] = slots[i];
                puts[kept] = puts[i];
                counts[kept++] = counts[i];
            }
            size = kept;
        }
    }

    /** A source's passages and postings, changed under its write lock, read under its read lock. */
    private static final class Source {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final Map<String, Passage> passages = new HashMap<>();
        final Map<Integer, Postings> postings = new HashMap<>();
        final List<Integer> freeSlots = new ArrayList<>();
        Passage[] bySlot = new Passage[16];
        int slots, puts;
        long totalLength;

        /** Puts a passage of these terms (numbers, in order), each {@code counts[i]} times, of {@code length} distinct words. */
        void put(String id, int[] terms, int[] counts, int length) {
            Passage old = passages.get(id);
            int slot;
            if (old != null) {
                remove(id, false);
                slot = old.slot();
            } else {
                slot = freeSlots.isEmpty() ? slots++ : freeSlots.remove(freeSlots.size() - 1);
                if (slot >= bySlot.length) bySlot = Arrays.copyOf(bySlot, bySlot.length + bySlot.length / 2);
            }
            Passage p = new Passage(id, slot, ++puts, terms, length);
            passages.put(id, p);
            bySlot[slot] = p;
            totalLength += length;
            for (int i = 0; i < terms.length; i++) postings.computeIfAbsent(terms[i], x -> new Postings()).add(p, counts[i]);
        }

        void remove(String id, boolean freeSlot) {
            Passage old = passages.remove(id);
            if (old == null) return;
            totalLength -= old.length();
            bySlot[old.slot()] = null;
            if (freeSlot) freeSlots.add(old.slot());
            for (int t : old.terms()) {
                Postings holding = postings.get(t);
                holding.removed(bySlot);
                if (holding.live == 0) postings.remove(t);
            }
        }
    }

    private final Map<UUID, Source> bySource = new ConcurrentHashMap<>();
    /** Every term ever posted, numbered: a passage's terms are compared as numbers at question time. */
    private final Map<String, Integer> termNumbers = new ConcurrentHashMap<>();
    private final AtomicInteger nextNumber = new AtomicInteger();

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
        List<int[][]> counted = new ArrayList<>(chunkIds.size());
        for (String text : texts) counted.add(count(text));
        Source s = chunkIds.isEmpty() ? bySource.get(source) : bySource.computeIfAbsent(source, x -> new Source());
        if (s == null) return;
        s.lock.writeLock().lock();
        try {
            Set<String> kept = new HashSet<>(chunkIds);
            for (String id : oldIds) if (!kept.contains(id)) s.remove(id, true);
            for (int i = 0; i < chunkIds.size(); i++) {
                int[][] c = counted.get(i);
                s.put(chunkIds.get(i), c[0], c[1], c[2][0]);
            }
        } finally {
            s.lock.writeLock().unlock();
        }
    }

    /** A text's searchable terms (numbers, in order), their counts, and its number of distinct words. */
    private int[][] count(String text) {
        Map<Integer, Integer> counts = new HashMap<>();
        Set<String> distinct = new HashSet<>();
        for (String w : Bm25.words(text)) {
            distinct.add(w);
            if (Bm25.searchable(w)) counts.merge(termNumbers.computeIfAbsent(w, x -> nextNumber.getAndIncrement()), 1, Integer::sum);
        }
        int[] terms = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] f = new int[terms.length];
        for (int i = 0; i < terms.length; i++) f[i] = counts.get(terms[i]);
        return new int[][] {terms, f, {distinct.size()}};
    }

    /** All of a source's passages, read again: a fresh set swapped in whole (a search sees the old one or the new one). */
    public void load(UUID source, List<String> chunkIds, List<String> texts) {
        if (chunkIds.isEmpty()) {
            bySource.remove(source);
            return;
        }
        Source fresh = new Source();
        for (int i = 0; i < chunkIds.size(); i++) {
            int[][] c = count(texts.get(i));
            fresh.put(chunkIds.get(i), c[0], c[1], c[2][0]);
        }
        bySource.put(source, fresh);
    }

    public void removeSource(UUID source) {
        bySource.remove(source);
    }

    /**
     * The {@code k} passages of these sources with the best BM25 for the question's {@code terms}, best first; equal
     * scores by chunk id, so every node and every run answers the same. Each term's passages are counted over all
     * sources first (its weight), then each source adds every term's weight into one score per slot.
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
                    Postings holding = s.postings.get(numbers[t]);
                    if (holding != null) df[t] += holding.live;
                }
            } finally {
                s.lock.readLock().unlock();
            }
        }
        if (passages == 0 || Arrays.stream(df).allMatch(n -> n == 0)) return List.of();
        Bm25 bm25 = new Bm25(passages, (double) totalLength / passages);
        TopHits best = new TopHits(k);
        for (UUID source : sources) {
            Source s = bySource.get(source);
            if (s == null) continue;
            s.lock.readLock().lock();
            try {
                double[] scores = new double[s.slots];
                for (int t = 0; t < numbers.length; t++) {
                    Postings holding = s.postings.get(numbers[t]);
                    if (holding == null) continue;
                    double idf = bm25.idf(df[t]);
                    for (int i = 0; i < holding.size; i++) {
                        if (holding.holds(i, s.bySlot)) {
                            scores[holding.slots[i]] += bm25.weight(idf, holding.counts[i], s.bySlot[holding.slots[i]].length());
                        }
                    }
                }
                for (int slot = 0; slot < scores.length; slot++) {
                    if (scores[slot] > 0) best.offer(s.bySlot[slot].id(), source, scores[slot]);
                }
            } finally {
                s.lock.readLock().unlock();
            }
        }
        return best.bestFirst(Hit::new);
    }
}
