package io.relais.knowledge.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.UUID;

/**
 * The {@code k} best chunks seen during a search, by score; equal scores keep the smaller chunk id, so every node and
 * every run answers the same. Both indexes collect their hits with it.
 */
final class TopHits {

    /** Makes an index's own hit. */
    interface HitFactory<H> {
        H hit(String chunkId, UUID source, double score);
    }

    private record Entry(String chunkId, UUID source, double score) {
    }

    private static final Comparator<Entry> WORST_FIRST = Comparator.comparingDouble(Entry::score)
            .thenComparing(Entry::chunkId, Comparator.reverseOrder());

    private final int k;
    private final PriorityQueue<Entry> best;

    TopHits(int k) {
        this.k = k;
        this.best = new PriorityQueue<>(k + 1, WORST_FIRST);
    }

    /** Whether a chunk of this score may still enter (checked before anything is made for it). */
    boolean mayTake(double score) {
        return best.size() < k || score >= best.peek().score();
    }

    void offer(String chunkId, UUID source, double score) {
        if (!mayTake(score)) return;
        Entry entry = new Entry(chunkId, source, score);
        if (best.size() < k) best.add(entry);
        else if (WORST_FIRST.compare(entry, best.peek()) > 0) {
            best.poll();
            best.add(entry);
        }
    }

    /** The hits, best first. */
    <H> List<H> bestFirst(HitFactory<H> hits) {
        List<Entry> entries = new ArrayList<>(best);
        entries.sort(WORST_FIRST.reversed());
        return entries.stream().map(e -> hits.hit(e.chunkId(), e.source(), e.score())).toList();
    }
}
