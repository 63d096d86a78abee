package io.relais.knowledge;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.relais.knowledge.crawl.CrawlSettings;
import io.relais.knowledge.crawl.SiteCrawler;
import io.relais.knowledge.crawl.TextChunker;
import io.relais.knowledge.crawl.Urls;
import io.relais.platform.cluster.JobLeases;
import io.relais.platform.cluster.LeasedJob;
import io.relais.platform.security.CallerHeaders;
import io.relais.platform.web.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;

/**
 * Ingestion jobs: {@code POST /api/knowledge/ingestions} queues one (the route {@code seda:knowledge-ingestions} runs
 * up to {@code relais.knowledge.parallel-jobs} at a time), {@link #run} crawls, chunks, embeds and stores. A page
 * whose text did not change since the last crawl keeps its chunks and vectors; pages that vanished are removed.
 * Progress, counts and reasons for every skipped or failed URL are on the job. Each job is leased by the node that
 * queued it: when that node dies, a live node takes the job up again once (then it ends FAILED); a cancel is a row
 * state that the running node reads, whichever node received it.
 */
@Service("knowledgeIngestions")
@Validated
public class Ingestions implements LeasedJob {

    /** The lease kind of ingestions: held by the node whose queue has the job. */
    public static final String LEASE = "knowledge-ingestion";

    private static final Logger log = LoggerFactory.getLogger(Ingestions.class);
    static final String QUEUE = "seda:knowledge-ingestions";
    private static final int LISTED = 500;

    public record Request(@NotBlank @Size(max = 2000) String url, @Size(max = 255) String domain,
                          @Min(1) @Max(100_000) Integer maxPages, @Min(0) @Max(20) Integer maxDepth,
                          List<@Size(max = 300) String> include, List<@Size(max = 300) String> exclude) {
    }

    private final JdbcTemplate jdbc;
    private final KnowledgeStore store;
    private final EmbeddingModel embeddings;
    private final KnowledgeSettings settings;
    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final JobLeases leases;
    private final TransactionTemplate transactions;

    Ingestions(JdbcTemplate jdbc, KnowledgeStore store, @org.springframework.context.annotation.Lazy EmbeddingModel embeddings, KnowledgeSettings settings,
               ProducerTemplate camel, ObjectMapper json, io.micrometer.core.instrument.MeterRegistry meters, JobLeases leases,
               TransactionTemplate transactions) {
        this.leases = leases;
        this.transactions = transactions;
        this.meters = meters;
        this.jdbc = jdbc;
        this.store = store;
        this.embeddings = embeddings;
        this.settings = settings;
        this.camel = camel;
        this.json = json;
    }

    public Map<String, Object> create(@Body @Valid Request request, @Header(CallerHeaders.USERNAME) String owner) throws Exception {
        String start = Urls.normalise(request.url());
        if (start == null) throw ApiProblem.invalidField("url", "must be an http or https URL");
        String domain = request.domain() == null || request.domain().isBlank() ? URI.create(start).getHost() : request.domain().strip().toLowerCase();
        String host = URI.create(start).getHost();
        if (!(host.equals(domain) || host.endsWith("." + domain))) throw ApiProblem.invalidField("domain", "the URL's host " + host + " is not in " + domain);
        int maxPages = request.maxPages() == null ? settings.crawler().maxPages() : request.maxPages();
        if (maxPages > settings.crawler().maxPagesLimit()) {
            throw ApiProblem.invalidField("maxPages", "at most " + settings.crawler().maxPagesLimit());
        }
        compile("include", request.include());
        compile("exclude", request.exclude());
        UUID source = jdbc.queryForObject("""
                insert into knowledge.sources (id, owner, start_url, domain) values (?, ?, ?, ?)
                on conflict (owner, start_url) do update set domain = excluded.domain returning id""",
                UUID.class, UUID.randomUUID(), owner, start, domain);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("url", start);
        s.put("domain", domain);
        s.put("maxPages", maxPages);
        s.put("maxDepth", request.maxDepth() == null ? settings.crawler().maxDepth() : request.maxDepth());
        s.put("include", request.include() == null ? List.of() : request.include());
        s.put("exclude", request.exclude() == null ? List.of() : request.exclude());
        UUID id = UUID.randomUUID();
        String settingsJson = json.writeValueAsString(s);
        transactions.executeWithoutResult(tx -> {
            jdbc.update("insert into knowledge.ingestions (id, source_id, owner, status, settings) values (?, ?, ?, 'QUEUED', cast(? as jsonb))",
                    id, source, owner, settingsJson);
            leases.take(LEASE, id.toString(), 1, Map.of());
        });
        camel.sendBody(QUEUE, id.toString());
        return view(id);
    }

    public Map<String, Object> get(@Header("id") String id, @Header(CallerHeaders.USERNAME) String owner) {
        UUID jobId = parse(id);
        String who = jdbc.queryForList("select owner from knowledge.ingestions where id = ?", String.class, jobId).stream().findFirst().orElse(null);
        if (who == null || !who.equals(owner)) throw ApiProblem.notFound("no ingestion " + id); // another user's: not found either
        return view(jobId);
    }

    public List<Map<String, Object>> list(@Header(CallerHeaders.USERNAME) String owner) {
        return jdbc.queryForList("select id from knowledge.ingestions where owner = ? order by created_at desc limit 100", UUID.class, owner)
                .stream().map(this::view).toList();
    }

    public Map<String, Object> cancel(@Header("id") String id, @Header(CallerHeaders.USERNAME) String owner) {
        get(id, owner);
        UUID jobId = parse(id);
        // a row state: the node running the job reads it between pages, whichever node received the cancel
        jdbc.update("update knowledge.ingestions set cancel_requested = true where id = ? and status in ('QUEUED', 'RUNNING')", jobId);
        transactions.executeWithoutResult(tx -> {
            if (jdbc.update("update knowledge.ingestions set status = 'CANCELLED', finished_at = now() where id = ? and status = 'QUEUED'", jobId) == 1) {
                leases.release(LEASE, jobId.toString());
            }
        });
        return view(jobId);
    }

    /** The route's consumer: one job, start to end; its lease goes when it ends. */
    public void run(@Body String id) throws Exception {
        try {
            runJob(UUID.fromString(id));
        } finally {
            leases.release(LEASE, id);
        }
    }

    private void runJob(UUID jobId) throws Exception {
        Map<String, Object> row = jdbc.queryForMap("select source_id, status, settings::text as settings from knowledge.ingestions where id = ?", jobId);
        if (!"QUEUED".equals(row.get("status"))) return;
        UUID source = (UUID) row.get("source_id");
        @SuppressWarnings("unchecked") Map<String, Object> s = json.readValue((String) row.get("settings"), Map.class);
        jdbc.update("update knowledge.ingestions set status = 'RUNNING', started_at = now() where id = ?", jobId);
        KnowledgeSettings.Crawler c = settings.crawler();
        CrawlSettings crawl = new CrawlSettings((String) s.get("url"), (String) s.get("domain"), ((Number) s.get("maxPages")).intValue(),
                ((Number) s.get("maxDepth")).intValue(), compile("include", strings(s.get("include"))),
                compile("exclude", strings(s.get("exclude"))), c.politeness(), c.timeout(), c.maxBytes(), c.allowPrivateNetworks(),
                c.userAgent());
        Progress progress = new Progress(jobId, source);
        CancelFlag cancel = new CancelFlag(jobId);
        try {
            new SiteCrawler(crawl).crawl(progress, cancel::requested);
            if (cancel.requested()) {
                progress.save();
                jdbc.update("update knowledge.ingestions set status = 'CANCELLED', finished_at = now() where id = ?", jobId);
                return;
            }
            progress.removed = progress.fetched == 0 ? 0 : store.removeVanished(source, progress.seen);
            progress.save();
            String status = progress.fetched == 0 ? "FAILED" : "SUCCEEDED";
            // a success keeps the note of an earlier abandonment (who died, who took over)
            jdbc.update("update knowledge.ingestions set status = ?, finished_at = now(), error = coalesce(?, error) where id = ?", status,
                    progress.fetched == 0 ? "no page could be fetched (see skipped)" : null, jobId);
            log.info("Ingestion {}: {} pages fetched ({} changed, {} removed), {} skipped, {} failed, {} chunks", jobId,
                    progress.fetched, progress.changed, progress.removed, progress.skipped, progress.failed, progress.chunks);
        } catch (Exception e) {
            progress.save();
            jdbc.update("update knowledge.ingestions set status = 'FAILED', finished_at = now(), error = ? where id = ?", e.getMessage(), jobId);
            log.error("Ingestion {} failed: {}", jobId, e.getMessage());
        }
    }

    /**
     * At start: jobs an older version left queued or running hold no lease; they are leased and queued here (by one
     * node: the lease is taken with ON CONFLICT DO NOTHING). Jobs of dead nodes are taken over by {@link #abandoned}.
     */
    @EventListener(ApplicationReadyEvent.class)
    void resumeUnleased() {
        List<UUID> unleased = jdbc.queryForList("""
                select id from knowledge.ingestions i where status in ('QUEUED', 'RUNNING')
                   and not exists (select 1 from platform.job_leases l where l.kind = ? and l.job_id = i.id::text)
                 order by created_at""", UUID.class, LEASE);
        int queued = 0;
        for (UUID id : unleased) {
            if (!leases.tryTake(LEASE, id.toString(), 1, Map.of())) continue;
            jdbc.update("update knowledge.ingestions set status = 'QUEUED', error = 'resumed after a restart' where id = ?", id);
            camel.sendBody(QUEUE, id.toString());
            queued++;
        }
        if (queued > 0) log.info("Knowledge: {} interrupted ingestion(s) queued again", queued);
    }

    @Override
    public String kind() {
        return LEASE;
    }

    /** The node holding this job died: queued again here once (crawling is idempotent: unchanged pages are kept), then FAILED. */
    @Override
    public java.util.Optional<Runnable> abandoned(JobLeases.Lease lease, String reason, boolean retry) {
        UUID id = UUID.fromString(lease.jobId());
        List<Map<String, Object>> rows = jdbc.queryForList("select status, cancel_requested from knowledge.ingestions where id = ? for update", id);
        if (rows.isEmpty() || !List.of("QUEUED", "RUNNING").contains(rows.get(0).get("status"))) return java.util.Optional.empty();
        if (Boolean.TRUE.equals(rows.get(0).get("cancel_requested"))) {
            jdbc.update("update knowledge.ingestions set status = 'CANCELLED', finished_at = now(), error = ? where id = ?",
                    reason + "; it had been cancelled", id);
            return java.util.Optional.empty();
        }
        if (!retry) {
            jdbc.update("update knowledge.ingestions set status = 'FAILED', finished_at = now(), error = ? where id = ?",
                    reason + "; abandoned " + lease.attempt() + " times, not taken up again", id);
            return java.util.Optional.empty();
        }
        jdbc.update("update knowledge.ingestions set status = 'QUEUED', attempts = ?, error = ? where id = ?",
                lease.attempt() + 1, reason + "; ABANDONED and taken up again", id);
        leases.take(LEASE, lease.jobId(), lease.attempt() + 1, lease.input());
        return java.util.Optional.of(() -> camel.sendBody(QUEUE, lease.jobId()));
    }

    /** Reads the job's cancel state from PostgreSQL, at most once a second. */
    private final class CancelFlag {
        private final UUID job;
        private long readAt;
        private boolean requested;

        CancelFlag(UUID job) {
            this.job = job;
        }

        boolean requested() {
            long now = System.currentTimeMillis();
            if (!requested && now - readAt >= 1000) {
                readAt = now;
                requested = Boolean.TRUE.equals(jdbc.queryForObject(
                        "select cancel_requested from knowledge.ingestions where id = ?", Boolean.class, job));
            }
            return requested;
        }
    }

    /** What the crawl did so far, saved on the job every few pages. */
    private final class Progress implements SiteCrawler.Listener {
        final UUID job;
        final UUID source;
        final Map<String, String> known;
        final Set<String> seen = new HashSet<>();
        final List<Map<String, String>> notFetched = new ArrayList<>();
        final TextChunker chunker = new TextChunker(settings.chunkChars());
        int fetched, skipped, failed, changed, removed, chunks, waiting;
        long lastSave;

        Progress(UUID job, UUID source) {
            this.job = job;
            this.source = source;
            this.known = store.pageHashes(source);
        }

        @Override
        public void page(String url, Document document, int depth) {
            fetched++;
            meters.counter("relais.knowledge.pages.fetched").increment();
            seen.add(url);
            TextChunker.Page page = chunker.extract(document);
            String hash = sha256(page.title() + "\n" + page.text());
            if (hash.equals(known.get(url))) {
                return; // unchanged: its chunks and vectors stay
            }
            List<KnowledgeStore.StoredChunk> stored = new ArrayList<>();
            List<TextSegment> segments = new ArrayList<>();
            for (TextChunker.Chunk c : page.chunks()) {
                stored.add(new KnowledgeStore.StoredChunk(sha256(source + "|" + url + "|" + c.position()).substring(0, 32), source, url,
                        page.title(), c.heading(), c.position(), c.text()));
                segments.add(TextSegment.from((page.title() + ". " + (c.heading().equals(page.title()) ? "" : c.heading() + ". ") + c.text()).strip()));
            }
            List<float[]> vectors = segments.isEmpty() ? List.of()
                    : embeddings.embedAll(segments).content().stream().map(e -> e.vector()).toList();
            store.replacePage(source, url, page.title(), hash, stored, vectors);
            changed++;
            chunks += stored.size();
            maybeSave();
        }

        @Override
        public void skipped(String url, String reason) {
            skipped++;
            note(url, reason, "skipped");
        }

        @Override
        public void failed(String url, String reason) {
            failed++;
            note(url, reason, "failed");
        }

        @Override
        public void queued(int waiting) {
            this.waiting = waiting;
        }

        private void note(String url, String reason, String kind) {
            if (notFetched.size() < LISTED) notFetched.add(Map.of("url", url, "reason", reason, "outcome", kind));
            maybeSave();
        }

        private void maybeSave() {
            if (System.currentTimeMillis() - lastSave > 500) save();
        }

        void save() {
            lastSave = System.currentTimeMillis();
            try {
                jdbc.update("""
                        update knowledge.ingestions set pages_fetched = ?, pages_skipped = ?, pages_failed = ?, pages_changed = ?,
                               pages_removed = ?, chunks = ?, queued = ?, skipped = cast(? as jsonb) where id = ?""",
                        fetched, skipped, failed, changed, removed, chunks, waiting, json.writeValueAsString(notFetched), job);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Map<String, Object> view(UUID id) {
        Map<String, Object> row = jdbc.queryForMap("select i.*, s.start_url, s.domain from knowledge.ingestions i "
                + "join knowledge.sources s on s.id = i.source_id where i.id = ?", id);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("status", row.get("status"));
        v.put("url", row.get("start_url"));
        v.put("domain", row.get("domain"));
        v.put("source", row.get("source_id"));
        int fetched = (Integer) row.get("pages_fetched");
        int queued = (Integer) row.get("queued");
        Map<String, Object> pages = new LinkedHashMap<>();
        pages.put("fetched", fetched);
        pages.put("changed", row.get("pages_changed"));
        pages.put("removed", row.get("pages_removed"));
        pages.put("skipped", row.get("pages_skipped"));
        pages.put("failed", row.get("pages_failed"));
        pages.put("queued", queued);
        v.put("pages", pages);
        v.put("chunks", row.get("chunks"));
        Timestamp started = (Timestamp) row.get("started_at");
        Timestamp finished = (Timestamp) row.get("finished_at");
        if ("RUNNING".equals(row.get("status")) && started != null && fetched > 0) {
            try {
                int maxPages = ((Number) json.readTree(row.get("settings").toString()).path("maxPages").asInt()).intValue();
                long elapsed = System.currentTimeMillis() - started.getTime();
                int remaining = Math.max(0, Math.min(maxPages, fetched + queued) - fetched);
                v.put("progress", Math.round(100.0 * fetched / Math.max(1, fetched + remaining)));
                v.put("etaSeconds", Math.round(elapsed / 1000.0 / fetched * remaining));
            } catch (Exception ignored) {
                // no estimate
            }
        }
        v.put("notFetched", read(row.get("skipped")));
        v.put("error", row.get("error"));
        v.put("attempts", row.get("attempts"));
        v.put("cancelRequested", row.get("cancel_requested"));
        v.put("createdAt", ((Timestamp) row.get("created_at")).toInstant());
        v.put("startedAt", started == null ? null : started.toInstant());
        v.put("finishedAt", finished == null ? null : finished.toInstant());
        return v;
    }

    private Object read(Object pg) {
        try {
            return pg == null ? List.of() : json.readValue(pg.toString(), Object.class);
        } catch (Exception e) {
            return List.of();
        }
    }

    private static List<String> strings(Object o) {
        if (!(o instanceof List<?> l)) return List.of();
        return l.stream().map(String::valueOf).toList();
    }

    private static List<Pattern> compile(String field, List<String> patterns) {
        List<Pattern> out = new ArrayList<>();
        if (patterns == null) return out;
        for (String p : patterns) {
            try {
                out.add(Pattern.compile(p));
            } catch (PatternSyntaxException e) {
                throw ApiProblem.invalidField(field, "not a regular expression: " + p);
            }
        }
        return out;
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiProblem.notFound("no ingestion " + id);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
