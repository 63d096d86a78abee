package io.relais.knowledge;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.relais.platform.data.AfterCommit;
import io.relais.knowledge.index.Bm25;
import io.relais.knowledge.index.LexicalIndex;
import io.relais.knowledge.index.VectorIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pages and chunks in PostgreSQL. Without pgvector, their vectors and words are mirrored in the in-memory
 * {@link VectorIndex} and {@link LexicalIndex} after each commit and rebuilt from PostgreSQL at start; each change of a
 * source counts up its {@code index_version}, so a node that did not make it reads the source again before its next
 * question ({@link #refresh}). With pgvector, PostgreSQL searches both.
 */
@Component
public class KnowledgeStore {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeStore.class);

    public record StoredChunk(String id, UUID source, String url, String title, String heading, int position, String text) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final TransactionTemplate transactions;
    /** Reads 1,000 rows at a time inside a transaction: the index's loads. */
    private final org.springframework.jdbc.core.JdbcTemplate cursor;
    private final VectorIndex index = new VectorIndex();
    private final LexicalIndex words = new LexicalIndex();
    /** Per source, the {@code index_version} of knowledge.sources the in-memory indexes hold (absent: 0). */
    private final Map<UUID, Long> indexedVersion = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<UUID, Long> reloadedAt = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<UUID, Object> sourceLocks = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong reloads = new java.util.concurrent.atomic.AtomicLong();
    /** A source that keeps changing on another node (an ingestion there) is read again at most this often. */
    java.time.Duration reloadAtMostEvery = java.time.Duration.ofSeconds(2);

    /** BM25's collection figures: how many passages the sources hold and their mean length in distinct lexemes. */
    private record PassageStats(long passages, double averageLength) {
    }

    /**
     * Collection figures per set of sources, read again after 30 s: they only normalise BM25, so a few pages more or
     * less in between change no ranking worth a scan of every passage at every question.
     */
    private final com.github.benmanes.caffeine.cache.Cache<Set<UUID>, PassageStats> passageStats =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(1_000)
                    .expireAfterWrite(java.time.Duration.ofSeconds(30)).build();

    KnowledgeStore(JdbcClient jdbc, NamedParameterJdbcTemplate batches, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.transactions = transactions;
        this.cursor = new org.springframework.jdbc.core.JdbcTemplate(batches.getJdbcTemplate().getDataSource());
        this.cursor.setFetchSize(1_000);
    }

    public VectorIndex index() {
        return index;
    }

    private volatile boolean pgvector;

    /** True when PostgreSQL stores and searches the vectors itself (pgvector); else the in-memory index does. */
    public boolean pgvector() {
        return pgvector;
    }

    @EventListener(ApplicationReadyEvent.class)
    void rebuildIndex() {
        pgvector = jdbc.sql("select exists (select 1 from information_schema.columns where "
                + "table_schema = 'knowledge' and table_name = 'chunks' and column_name = 'embedding_v')").query(Boolean.class).single();
        if (pgvector) {
            log.info("Knowledge index: pgvector (HNSW) in PostgreSQL");
            return;
        }
        long t0 = System.nanoTime();
        Map<UUID, Long> versions = new HashMap<>();
        jdbc.sql("select id, index_version from knowledge.sources").query(rs -> {
            versions.put((UUID) rs.getObject(1), rs.getLong(2));
        });
        int loaded = load(null, versions);
        log.info("Knowledge index: {} chunks loaded from PostgreSQL in {} ms", loaded, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Loads the chunks of one source (or of all) into fresh in-memory indexes, each source swapped in whole with the
     * version read before its chunks ({@code versions}; absent: 0): a change committed meanwhile is read again at the
     * next question, and a source is never marked newer than what was read. Read 1,000 rows at a time (a cursor, inside
     * a transaction), by source: only one source's texts are held at once.
     */
    private int load(UUID only, Map<UUID, Long> versions) {
        UUID[] current = {null};
        List<String> ids = new ArrayList<>(), texts = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        int[] loaded = {0};
        Runnable flush = () -> {
            if (current[0] == null) return;
            synchronized (lockOf(current[0])) {
                index.load(current[0], ids, vectors);
                words.load(current[0], ids, texts);
                indexedVersion.put(current[0], versions.getOrDefault(current[0], 0L));
            }
            loaded[0] += ids.size();
            ids.clear();
            vectors.clear();
            texts.clear();
        };
        String sql = "select id, source_id, embedding, title, heading, text from knowledge.chunks"
                + (only == null ? " order by source_id" : " where source_id = ?");
        Object[] args = only == null ? new Object[0] : new Object[] {only};
        transactions.executeWithoutResult(tx -> cursor.query(sql, rs -> {
            UUID source = (UUID) rs.getObject(2);
            if (!source.equals(current[0])) {
                flush.run();
                current[0] = source;
            }
            ids.add(rs.getString(1));
            vectors.add(floats(rs.getArray(3)));
            texts.add(searchable(rs.getString(4), rs.getString(5), rs.getString(6)));
        }, args));
        if (only != null && current[0] == null) current[0] = only; // no chunk left: the source is empty
        flush.run();
        return loaded[0];
    }

    /**
     * Brings the in-memory indexes of these sources up to PostgreSQL's, before a question: a source another node
     * changed (its {@code index_version} is ahead of the one this node holds) is read again, at most every
     * {@link #reloadAtMostEvery} while it keeps changing (an ingestion on another node). Nothing to do with pgvector.
     */
    public void refresh(Set<UUID> sources) {
        if (pgvector || sources.isEmpty()) return;
        Map<UUID, Long> versions = new HashMap<>();
        jdbc.sql("select id, index_version from knowledge.sources where id = any(:ids)").param("ids", sources.toArray(new UUID[0]))
                .query(rs -> {
                    versions.put((UUID) rs.getObject(1), rs.getLong(2));
                });
        versions.forEach((source, version) -> {
            if (indexedVersion.getOrDefault(source, 0L) == (long) version) return;
            Long last = reloadedAt.get(source);
            if (last != null && System.nanoTime() - last < reloadAtMostEvery.toNanos()) return;
            synchronized (lockOf(source)) {
                if (!java.util.Objects.equals(reloadedAt.get(source), last)) return; // another question read it while this one waited
                long now = jdbc.sql("select index_version from knowledge.sources where id = :id").param("id", source).query(Long.class).single();
                if (indexedVersion.getOrDefault(source, 0L) == now) return;
                int chunks = load(source, Map.of(source, now));
                reloadedAt.put(source, System.nanoTime());
                reloads.incrementAndGet();
                log.info("Knowledge index: source {} read again at version {} ({} chunks): changed by another node", source, now, chunks);
            }
        });
    }

    /** How many times a source was read again because another node changed it. */
    long reloads() {
        return reloads.get();
    }

    private Object lockOf(UUID source) {
        return sourceLocks.computeIfAbsent(source, s -> new Object());
    }

    /** Counts a change of the source's chunks, in the changing transaction; answers the source's new version. */
    private long nextVersion(UUID source) {
        return jdbc.sql("update knowledge.sources set index_version = index_version + 1 where id = :source returning index_version")
                .param("source", source).query(Long.class).single();
    }

    /**
     * After the commit of the source's change to {@code version}: when this node holds the version just before it, the
     * change goes into the in-memory indexes and the node holds {@code version}. Otherwise it is left to the next
     * question's reload: another node changed the source in between (the node is behind), or a reload already read
     * this change and later ones (applying it now would put older text back over newer).
     */
    private void follow(UUID source, long version, Runnable change) {
        synchronized (lockOf(source)) {
            if (indexedVersion.getOrDefault(source, 0L) != version - 1) return;
            change.run();
            indexedVersion.put(source, version);
        }
    }

    /** What a passage is searched by: its title, heading and text (as the {@code search} column of knowledge.chunks). */
    private static String searchable(String title, String heading, String text) {
        return (title == null ? "" : title) + " " + (heading == null ? "" : heading) + " " + text;
    }

    /** The content hash each known page of a source had when last embedded. */
    public Map<String, String> pageHashes(UUID source) {
        Map<String, String> out = new HashMap<>();
        jdbc.sql("select url, content_hash from knowledge.pages where source_id = :source").param("source", source)
                .query(rs -> {
                    out.put(rs.getString(1), rs.getString(2));
                });
        return out;
    }

    /** Replaces a page's chunks (new text, new vectors) in one transaction; the index follows on commit. */
    public void replacePage(UUID source, String url, String title, String hash, List<StoredChunk> chunks, List<float[]> vectors) {
        transactions.executeWithoutResult(tx -> {
            List<String> old = chunkIds(source, url);
            jdbc.sql("delete from knowledge.chunks where source_id = :source and url = :url").param("source", source).param("url", url).update();
            MapSqlParameterSource[] rows = new MapSqlParameterSource[chunks.size()];
            for (int i = 0; i < chunks.size(); i++) {
                StoredChunk c = chunks.get(i);
                rows[i] = new MapSqlParameterSource("id", c.id()).addValue("source", source).addValue("url", url).addValue("title", c.title())
                        .addValue("heading", c.heading()).addValue("position", c.position()).addValue("text", c.text())
                        .addValue("embedding", boxed(vectors.get(i))).addValue("literal", pgvector ? literal(vectors.get(i)) : null);
            }
            batches.batchUpdate("insert into knowledge.chunks (id, source_id, url, title, heading, position, text, embedding) "
                    + "values (:id, :source, :url, :title, :heading, :position, :text, :embedding)", rows);
            if (pgvector) batches.batchUpdate("update knowledge.chunks set embedding_v = cast(:literal as vector) where id = :id", rows);
            jdbc.sql("insert into knowledge.pages (source_id, url, title, content_hash, fetched_at) values (:source, :url, :title, :hash, now()) "
                            + "on conflict (source_id, url) do update set title = excluded.title, content_hash = excluded.content_hash, "
                            + "fetched_at = now()")
                    .param("source", source).param("url", url).param("title", title).param("hash", hash).update();
            if (!pgvector) {
                long version = nextVersion(source);
                List<String> ids = chunks.stream().map(StoredChunk::id).toList();
                List<String> texts = chunks.stream().map(c -> searchable(c.title(), c.heading(), c.text())).toList();
                AfterCommit.run(() -> follow(source, version, () -> {
                    index.replace(source, old, ids, vectors);
                    words.replace(source, old, ids, texts);
                }));
            }
        });
    }

    /** Pages of the source not seen in the last complete crawl go, with their chunks. Answers how many. */
    public int removeVanished(UUID source, java.util.Set<String> seen) {
        List<String> known = jdbc.sql("select url from knowledge.pages where source_id = :source").param("source", source).query(String.class).list();
        List<String> gone = known.stream().filter(u -> !seen.contains(u)).toList();
        if (gone.isEmpty()) return 0;
        transactions.executeWithoutResult(tx -> {
            List<String> ids = new ArrayList<>();
            for (String url : gone) {
                ids.addAll(chunkIds(source, url));
                jdbc.sql("delete from knowledge.chunks where source_id = :source and url = :url").param("source", source).param("url", url).update();
                jdbc.sql("delete from knowledge.pages where source_id = :source and url = :url").param("source", source).param("url", url).update();
            }
            if (!pgvector) {
                long version = nextVersion(source);
                AfterCommit.run(() -> follow(source, version, () -> {
                    index.remove(source, ids);
                    words.remove(source, ids);
                }));
            }
        });
        return gone.size();
    }

    public List<StoredChunk> chunks(List<String> ids) {
        if (ids.isEmpty()) return List.of();
        Map<String, StoredChunk> byId = new HashMap<>();
        jdbc.sql("select id, source_id, url, title, heading, position, text from knowledge.chunks where id = any(:ids)")
                .param("ids", ids.toArray(new String[0])).query(rs -> {
                    byId.put(rs.getString(1), new StoredChunk(rs.getString(1), (UUID) rs.getObject(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getString(7)));
                });
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** The chunks closest in meaning (cosine), from pgvector when PostgreSQL has it, else from the in-memory index. */
    public List<VectorIndex.Hit> semanticSearch(float[] query, java.util.Set<UUID> sources, int k) {
        if (!pgvector) return index.search(query, sources, k);
        if (sources.isEmpty()) return List.of();
        return jdbc.sql("select id, source_id, 1 - (embedding_v <=> cast(:query as vector)) as score from knowledge.chunks "
                        + "where source_id = any(:sources) order by embedding_v <=> cast(:query as vector) limit :k")
                .param("query", literal(query)).param("sources", sources.toArray(new UUID[0])).param("k", k)
                .query((rs, n) -> new VectorIndex.Hit(rs.getString(1), (UUID) rs.getObject(2), rs.getDouble(3))).list();
    }

    private List<String> chunkIds(UUID source, String url) {
        return jdbc.sql("select id from knowledge.chunks where source_id = :source and url = :url").param("source", source).param("url", url)
                .query(String.class).list();
    }

    private static String literal(float[] v) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) s.append(i == 0 ? "" : ",").append(v[i]);
        return s.append(']').toString();
    }

    /**
     * Lexical hits for the question's words, best first, ranked by Okapi BM25: each word weighs by how rare it is among
     * the sources' passages (its document frequency), and long passages do not win by length. From the in-memory
     * {@link LexicalIndex}, or from PostgreSQL's full-text index with pgvector.
     */
    public List<String> textSearch(String question, Set<UUID> sources, int k) {
        if (sources.isEmpty()) return List.of();
        List<String> terms = Bm25.terms(question);
        if (terms.isEmpty()) return List.of();
        if (!pgvector) return words.search(terms, sources, k).stream().map(LexicalIndex.Hit::chunkId).toList();
        return textSearchInDatabase(terms, sources, k);
    }

    /**
     * As {@link #textSearch}, by PostgreSQL (with pgvector, when nothing is kept in memory): its full-text index finds
     * the passages and counts each term's passages; BM25 scores the first 5,000 here.
     */
    List<String> textSearchInDatabase(List<String> terms, Set<UUID> sources, int k) {
        UUID[] ids = sources.toArray(new UUID[0]);
        Map<String, Long> df = new java.util.HashMap<>();
        jdbc.sql("select t.term, (select count(*) from knowledge.chunks c where c.source_id = any(:sources) "
                        + "and c.search @@ to_tsquery('simple', t.lexeme)) from unnest(:terms, :lexemes) as t(term, lexeme)")
                .param("sources", ids).param("terms", terms.toArray(new String[0]))
                .param("lexemes", terms.stream().map(Bm25::quoted).toArray(String[]::new)).query(rs -> {
                    if (rs.getLong(2) > 0) df.put(rs.getString(1), rs.getLong(2));
                });
        if (df.isEmpty()) return List.of();
        java.util.function.Function<Set<UUID>, PassageStats> read = key -> jdbc.sql(
                        "select count(*) as n, coalesce(avg(length(search)), 1) as avg from knowledge.chunks where source_id = any(:sources)")
                .param("sources", ids).query((rs, i) -> new PassageStats(rs.getLong("n"), rs.getDouble("avg"))).single();
        Set<UUID> key = Set.copyOf(sources);
        PassageStats stats = passageStats.get(key, read);
        if (stats.passages() < java.util.Collections.max(df.values())) {
            // remembered while the sources were smaller (a question during an ingestion): read them now
            stats = read.apply(key);
            passageStats.put(key, stats);
        }
        Bm25 bm25 = new Bm25(df, stats.passages(), stats.averageLength());
        String any = String.join(" | ", df.keySet().stream().map(Bm25::quoted).toList());
        List<Map.Entry<String, Double>> scored = new ArrayList<>();
        jdbc.sql("select id, coalesce(title, '') || ' ' || coalesce(heading, '') || ' ' || text, length(search) from knowledge.chunks "
                        + "where source_id = any(:sources) and search @@ to_tsquery('simple', :any) limit 5000")
                .param("sources", ids).param("any", any).query(rs -> {
                    scored.add(Map.entry(rs.getString(1), bm25.score(rs.getString(2), rs.getInt(3))));
                });
        return scored.stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(k).map(Map.Entry::getKey).toList();
    }

    private static Float[] boxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }

    private static float[] floats(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) out[i] = ((Number) values[i]).floatValue();
        return out;
    }

}
