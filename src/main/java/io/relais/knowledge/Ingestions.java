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
import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
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
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final KnowledgeStore store;
    private final EmbeddingModel embeddings;
    private final KnowledgeSettings settings;
    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final JobLeases leases;
    private final TransactionTemplate transactions;

    Ingestions(JdbcClient jdbc, KnowledgeStore store, @org.springframework.context.annotation.Lazy EmbeddingModel embeddings, KnowledgeSettings settings,
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

    public IngestionView create(@Body @Valid Request request, @VerifiedCaller Caller caller) throws Exception {
        String owner = Caller.nameOf(caller);
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
        UUID source = jdbc.sql("""
                        insert into knowledge.sources (id, owner, start_url, domain) values (:id, :owner, :url, :domain)
                        on conflict (owner, start_url) do update set domain = excluded.domain returning id""")
                .param("id", UUID.randomUUID()).param("owner", owner).param("url", start).param("domain", domain).query(UUID.class).single();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("url", start);
        s.put("domain", domain);
        s.put("maxPages", maxPages);
        s.put("maxDepth", request.maxDepth() == null ? settings.crawler().maxDepth() : request.maxDepth());
        s.put("include", request.include() == null ? List.of() : request.include());
        s.put("exclude", request.exclude() == null ? List.of() : request.exclude());
        UUID id = UUID.randomUUID();
        String settingsJson = json.writeValueAsString(s);
        UUID running = transactions.execute(tx -> {
            // one ingestion of a site at a time: the source's row, locked, orders two requests for it
            jdbc.sql("select id from knowledge.sources where id = :source for update").param("source", source).query(UUID.class).single();
            record Active(UUID id, String settings) {
            }
            var active = jdbc.sql("select id, settings::text as settings from knowledge.ingestions where source_id = :source "
                    + "and status in ('QUEUED', 'RUNNING') order by created_at limit 1").param("source", source).query(Active.class).optional();
            if (active.isPresent()) {
                if (sameSettings(active.get().settings(), settingsJson)) return active.get().id();
                throw ApiProblem.conflict("ingestion " + active.get().id() + " of " + start + " is still running with other settings: "
                        + "cancel it (DELETE /api/knowledge/ingestions/" + active.get().id() + ") or wait for it to end");
            }
            jdbc.sql("insert into knowledge.ingestions (id, source_id, owner, status, settings) "
                            + "values (:id, :source, :owner, 'QUEUED', cast(:settings as jsonb))")
                    .param("id", id).param("source", source).param("owner", owner).param("settings", settingsJson).update();
            leases.take(LEASE, id.toString(), 1, Map.of());
            return null;
        });
        if (running != null) return view(running); // the same request again (a second click, a retry): the ingestion running
        camel.sendBody(QUEUE, id.toString());
        return view(id);
    }

    private boolean sameSettings(String a, String b) {
        try {
            return json.readTree(a).equals(json.readTree(b));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public IngestionView get(@Header("id") String id, @VerifiedCaller Caller caller) {
        UUID jobId = parse(id);
        jdbc.sql("select owner from knowledge.ingestions where id = :id").param("id", jobId).query(String.class).optional()
                .filter(owner -> owner.equals(Caller.nameOf(caller)))
                .orElseThrow(() -> ApiProblem.notFound("no ingestion " + id)); // another user's: not found either
        return view(jobId);
    }

    public List<IngestionView> list(@VerifiedCaller Caller caller) {
        return jdbc.sql("select id from knowledge.ingestions where owner = :owner order by created_at desc limit 100")
                .param("owner", Caller.nameOf(caller)).query(UUID.class).list().stream().map(this::view).toList();
    }

    public IngestionView cancel(@Header("id") String id, @VerifiedCaller Caller caller) {
        get(id, caller);
        UUID jobId = parse(id);
        // a row state: the node running the job reads it between pages, whichever node received the cancel
        jdbc.sql("update knowledge.ingestions set cancel_requested = true where id = :id and status in ('QUEUED', 'RUNNING')")
                .param("id", jobId).update();
        transactions.executeWithoutResult(tx -> {
            if (jdbc.sql("update knowledge.ingestions set status = 'CANCELLED', finished_at = now() where id = :id and status = 'QUEUED'")
                    .param("id", jobId).update() == 1) {
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
        record Job(UUID sourceId, IngestionStatus status, String settings) {
        }
        Job job = jdbc.sql("select source_id, status, settings::text as settings from knowledge.ingestions where id = :id").param("id", jobId)
                .query(Job.class).single();
        if (job.status() != IngestionStatus.QUEUED) return;
        UUID source = job.sourceId();
        @SuppressWarnings("unchecked") Map<String, Object> s = json.readValue(job.settings(), Map.class);
        finish(jobId, IngestionStatus.RUNNING, null);
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
                finish(jobId, IngestionStatus.CANCELLED, null);
                return;
            }
            progress.removed = progress.fetched == 0 ? 0 : store.removeVanished(source, progress.seen);
            progress.save();
            // a success keeps the note of an earlier abandonment (who died, who took over)
            if (progress.fetched == 0) finish(jobId, IngestionStatus.FAILED, "no page could be fetched (see skipped)");
            else finish(jobId, IngestionStatus.SUCCEEDED, null);
            log.info("Ingestion {}: {} pages fetched ({} changed, {} removed), {} skipped, {} failed, {} chunks", jobId,
                    progress.fetched, progress.changed, progress.removed, progress.skipped, progress.failed, progress.chunks);
        } catch (Exception e) {
            progress.save();
            finish(jobId, IngestionStatus.FAILED, e.getMessage());
            log.error("Ingestion {} failed: {}", jobId, e.getMessage());
        }
    }

    /**
     * At start: jobs an older version left queued or running hold no lease; they are leased and queued here (by one
     * node: the lease is taken with ON CONFLICT DO NOTHING). Jobs of dead nodes are taken over by {@link #abandoned}.
     */
    @EventListener(ApplicationReadyEvent.class)
    void resumeUnleased() {
        List<UUID> unleased = jdbc.sql("""
                        select id from knowledge.ingestions i where status in ('QUEUED', 'RUNNING')
                           and not exists (select 1 from platform.job_leases l where l.kind = :kind and l.job_id = i.id::text)
                         order by created_at""").param("kind", LEASE).query(UUID.class).list();
        int queued = 0;
        for (UUID id : unleased) {
            if (!leases.tryTake(LEASE, id.toString(), 1, Map.of())) continue;
            requeue(id, null, "resumed after a restart");
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
        record State(IngestionStatus status, boolean cancelRequested) {
        }
        java.util.Optional<State> state = jdbc.sql("select status, cancel_requested from knowledge.ingestions where id = :id for update")
                .param("id", id).query(State.class).optional();
        if (state.isEmpty() || state.get().status().isFinished()) return java.util.Optional.empty();
        if (state.get().cancelRequested()) {
            finish(id, IngestionStatus.CANCELLED, reason + "; it had been cancelled");
            return java.util.Optional.empty();
        }
        if (!retry) {
            finish(id, IngestionStatus.FAILED, reason + "; abandoned " + lease.attempt() + " times, not taken up again");
            return java.util.Optional.empty();
        }
        requeue(id, lease.attempt() + 1, reason + "; ABANDONED and taken up again");
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
                requested = jdbc.sql("select cancel_requested from knowledge.ingestions where id = :id").param("id", job)
                        .query(Boolean.class).single();
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
                jdbc.sql("""
                                update knowledge.ingestions set pages_fetched = :fetched, pages_skipped = :skipped, pages_failed = :failed,
                                       pages_changed = :changed, pages_removed = :removed, chunks = :chunks, queued = :queued,
                                       skipped = cast(:notFetched as jsonb) where id = :id""")
                        .param("fetched", fetched).param("skipped", skipped).param("failed", failed).param("changed", changed)
                        .param("removed", removed).param("chunks", chunks).param("queued", waiting)
                        .param("notFetched", json.writeValueAsString(notFetched)).param("id", job).update();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Ends the job (or starts it: RUNNING) with its error note; a null note keeps the one before. */
    private void finish(UUID id, IngestionStatus status, String error) {
        jdbc.sql("update knowledge.ingestions set status = :status, error = coalesce(:error, error), "
                        + (status == IngestionStatus.RUNNING ? "started_at" : "finished_at") + " = now() where id = :id")
                .param("status", status.name()).param("error", error).param("id", id).update();
    }

    /** Queued again, with its attempt number when a lease says so. */
    private void requeue(UUID id, Integer attempt, String note) {
        jdbc.sql("update knowledge.ingestions set status = 'QUEUED', attempts = coalesce(:attempt, attempts), error = :note where id = :id")
                .param("attempt", attempt).param("note", note).param("id", id).update();
    }

    private IngestionView view(UUID id) {
        record Row(IngestionStatus status, String startUrl, String domain, UUID sourceId, int pagesFetched, int pagesChanged,
                   int pagesRemoved, int pagesSkipped, int pagesFailed, int queued, int chunks, String settings, String skipped,
                   String error, int attempts, boolean cancelRequested, Timestamp createdAt, Timestamp startedAt, Timestamp finishedAt) {
        }
        Row r = jdbc.sql("select i.status, s.start_url, s.domain, i.source_id, i.pages_fetched, i.pages_changed, i.pages_removed, "
                        + "i.pages_skipped, i.pages_failed, i.queued, i.chunks, i.settings::text as settings, i.skipped::text as skipped, "
                        + "i.error, i.attempts, i.cancel_requested, i.created_at, i.started_at, i.finished_at from knowledge.ingestions i "
                        + "join knowledge.sources s on s.id = i.source_id where i.id = :id").param("id", id).query(Row.class).single();
        Long progress = null, eta = null;
        if (r.status() == IngestionStatus.RUNNING && r.startedAt() != null && r.pagesFetched() > 0) {
            try {
                int maxPages = json.readTree(r.settings()).path("maxPages").asInt();
                long elapsed = System.currentTimeMillis() - r.startedAt().getTime();
                int remaining = Math.max(0, Math.min(maxPages, r.pagesFetched() + r.queued()) - r.pagesFetched());
                progress = Math.round(100.0 * r.pagesFetched() / Math.max(1, r.pagesFetched() + remaining));
                eta = Math.round(elapsed / 1000.0 / r.pagesFetched() * remaining);
            } catch (Exception ignored) {
                // no estimate
            }
        }
        return new IngestionView(id, r.status(), r.startUrl(), r.domain(), r.sourceId(),
                new IngestionView.Pages(r.pagesFetched(), r.pagesChanged(), r.pagesRemoved(), r.pagesSkipped(), r.pagesFailed(), r.queued()),
                r.chunks(), progress, eta, read(r.skipped()), r.error(), r.attempts(), r.cancelRequested(), instant(r.createdAt()),
                instant(r.startedAt()), instant(r.finishedAt()));
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private List<IngestionView.NotFetched> read(String skipped) {
        try {
            return skipped == null ? List.of() : json.readValue(skipped, new com.fasterxml.jackson.core.type.TypeReference<List<IngestionView.NotFetched>>() { });
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
