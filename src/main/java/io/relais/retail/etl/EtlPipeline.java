package io.relais.retail.etl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.relais.platform.cluster.JobLeases;
import io.relais.platform.cluster.LeasedJob;
import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import io.relais.retail.RetailSettings;
import io.relais.retail.mdm.GoldenRecords;
import jakarta.annotation.PreDestroy;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * One ETL run of Online Retail transactions: checksum (skip an input already loaded unless forced) -> clean (streamed,
 * each rule counted) -> master data (golden records) -> COPY load in one transaction -> quality checks. Every step's
 * duration and counts land on the run ({@code retail.etl_runs}), progress while it runs. Runs go one at a time.
 */
@Service("retailEtl")
public class EtlPipeline implements LeasedJob {

    /** The lease kind of ETL runs: a run whose node died is ABANDONED and its input taken up again once. */
    public static final String LEASE = "retail-etl";

    private static final Logger log = LoggerFactory.getLogger(EtlPipeline.class);

    private final EtlRuns runs;
    private final RetailLoader loader;
    private final QualityChecks checks;
    private final RetailSettings settings;
    private final MeterRegistry meters;
    private final Path uploads;
    private final Path inbox;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "retail-etl"));
    private final Object oneAtATime = new Object();

    private final org.springframework.beans.factory.ObjectProvider<dev.langchain4j.model.embedding.EmbeddingModel> embeddings;
    private final JobLeases leases;

    EtlPipeline(EtlRuns runs, RetailLoader loader, QualityChecks checks, RetailSettings settings, MeterRegistry meters,
                Environment env, org.springframework.beans.factory.ObjectProvider<dev.langchain4j.model.embedding.EmbeddingModel> embeddings,
                JobLeases leases) {
        this.leases = leases;
        this.embeddings = embeddings;
        this.runs = runs;
        this.loader = loader;
        this.checks = checks;
        this.settings = settings;
        this.meters = meters;
        this.uploads = Path.of(env.getProperty("relais.data-dir", "data")).resolve("retail").resolve("uploads");
        this.inbox = Path.of(env.getProperty("relais.inbox-dir", "inbox"));
    }

    /** {@code POST /api/retail/etl/runs} with a CSV body: kept under data/retail/uploads, run in the background. */
    public Map<String, Object> submitUpload(@Body InputStream csv, @Header("force") String force, @Header("mode") String mode,
                                            @VerifiedCaller Caller caller) throws IOException {
        String actor = Caller.nameOf(caller);
        RetailLoader.Mode how = RetailLoader.Mode.of(mode, RetailLoader.Mode.SNAPSHOT);
        Files.createDirectories(uploads);
        Path file = uploads.resolve(LocalDateTime.now().toString().replace(':', '-') + ".csv");
        Files.copy(csv, file, StandardCopyOption.REPLACE_EXISTING);
        if (Files.size(file) == 0) {
            Files.delete(file);
            throw ApiProblem.invalidField("body", "an Online Retail CSV is expected");
        }
        return submit(file, "upload " + file.getFileName(), Boolean.parseBoolean(force), how, actor);
    }

    /**
     * {@code POST /api/retail/etl/runs} with JSON {@code {"file": "online_retail_II.csv", "force": false}}: a file
     * already on the server, in inbox/retail/transactions/ or data/retail/ (a name, not a path).
     */
    public Map<String, Object> submitNamed(@Body Map<String, Object> request, @Header("force") String forceParam,
                                           @Header("mode") String modeParam, @VerifiedCaller Caller caller) throws IOException {
        String actor = Caller.nameOf(caller);
        Object name = request == null ? null : request.get("file");
        Object modeField = request == null ? null : request.get("mode");
        RetailLoader.Mode how = RetailLoader.Mode.of(modeField instanceof String m ? m : modeParam, RetailLoader.Mode.SNAPSHOT);
        if (!(name instanceof String file) || file.isBlank() || file.contains("/") || file.contains("\\") || file.contains("..")) {
            throw ApiProblem.invalidField("file", "the name of a file in inbox/retail/transactions/ or data/retail/");
        }
        Path found = null;
        for (Path dir : List.of(inbox.resolve("retail").resolve("transactions"), uploads.getParent())) {
            if (Files.isRegularFile(dir.resolve(file))) {
                found = dir.resolve(file);
                break;
            }
        }
        if (found == null) throw ApiProblem.notFound("no file " + file + " in inbox/retail/transactions/ or data/retail/");
        boolean force = Boolean.TRUE.equals(request.get("force")) || Boolean.parseBoolean(forceParam);
        return submit(found, "file " + file, force, how, actor);
    }

    /** Starts a run in the background; answers it as it starts (RUNNING, or SKIPPED at once). */
    public Map<String, Object> submit(Path file, String source, boolean force, RetailLoader.Mode mode, String actor) throws IOException {
        String checksum = checksum(file);
        var previous = runs.loaded(checksum);
        if (previous.isPresent() && !force) {
            long id = runs.start(source, checksum, settings.strategy(), false, actor, "SKIPPED", mode.label());
            runs.update(id, Map.of("error", "same input as run " + previous.get() + " (force=true to load it again)"));
            runs.finish(id, "SKIPPED", "same input as run " + previous.get() + " (force=true to load it again)");
            return runs.find(id).orElseThrow();
        }
        long id = runs.start(source, checksum, settings.strategy(), force, actor, "RUNNING", mode.label());
        // a REST run's input is kept on the server: a live node takes it up again if this one dies
        leases.take(LEASE, String.valueOf(id), 1, Map.of("file", file.toString(), "retake", true, "mode", mode.label()));
        worker.submit(() -> execute(id, file, mode, n -> { }));
        return runs.find(id).orElseThrow();
    }

    /**
     * A file dropped in inbox/retail/transactions: runs now, on the inbox thread, as an increment (a daily feed adds its
     * day; {@code relais.retail.inbox-mode} says otherwise); answers the finished run.
     */
    public Map<String, Object> runFile(@Header("CamelFileAbsolutePath") String path) throws IOException {
        Path file = Path.of(path);
        return run(file, "inbox " + file.getFileName(), false, RetailLoader.Mode.of(settings.inboxMode(), RetailLoader.Mode.INCREMENT),
                "inbox", n -> { });
    }

    /**
     * Runs synchronously (tests, benchmarks, the inbox). {@code salesLoaded} hears every 1,000 sales rows loaded and
     * may throw (a crash in the middle of the load).
     */
    public Map<String, Object> run(Path file, String source, boolean force, String actor, LongConsumer salesLoaded) throws IOException {
        return run(file, source, force, RetailLoader.Mode.SNAPSHOT, actor, salesLoaded);
    }

    /** As {@link #run(Path, String, boolean, String, LongConsumer)}, in the given mode. */
    public Map<String, Object> run(Path file, String source, boolean force, RetailLoader.Mode mode, String actor, LongConsumer salesLoaded)
            throws IOException {
        String checksum = checksum(file);
        var previous = runs.loaded(checksum);
        if (previous.isPresent() && !force) {
            long id = runs.start(source, checksum, settings.strategy(), false, actor, "SKIPPED", mode.label());
            runs.finish(id, "SKIPPED", "same input as run " + previous.get() + " (force=true to load it again)");
            return runs.find(id).orElseThrow();
        }
        long id = runs.start(source, checksum, settings.strategy(), force, actor, "RUNNING", mode.label());
        // run in the caller's thread (the inbox): if this node dies, the inbox takes the file up again itself
        leases.take(LEASE, String.valueOf(id), 1, Map.of("file", file.toString(), "retake", false, "mode", mode.label()));
        execute(id, file, mode, salesLoaded);
        return runs.find(id).orElseThrow();
    }

    private void execute(long id, Path file, RetailLoader.Mode mode, LongConsumer salesLoaded) {
        synchronized (oneAtATime) {
            Timer.Sample whole = Timer.start(meters);
            Map<String, Object> steps = new LinkedHashMap<>();
            Path staged = null;
            String status = "FAILED";
            try {
                long t0 = System.nanoTime();
                staged = Files.createTempFile("retail-sales-", ".copy");
                CleaningReport report;
                Map<String, GoldenRecords.Variant> variants;
                Map<String, String[]> customers;
                long[] accepted = {0};
                java.util.Set<String> invoices;
                List<Cancellations.Cancel> cancels;
                try (InputStream in = Files.newInputStream(file);
                     Staging staging = new Staging(staged, n -> runs.progress(id, "clean", Map.of("rowsAccepted", n)))) {
                    report = TransactionCleaner.clean(in, settings.samplesPerRule(), staging, staging::cancel);
                    staging.finish();
                    accepted[0] = staging.staged();
                    variants = staging.variants();
                    customers = staging.customers();
                    invoices = staging.invoices();
                    cancels = staging.cancels();
                }
                steps.put("clean", step(t0, report.read()));
                runs.update(id, Map.of("rows_read", report.read(), "rows_rejected", report.rejected(), "rejects", report.counts(),
                        "samples", report.samples(), "steps", steps, "step", "load"));

                t0 = System.nanoTime();
                boolean forced = runs.isForced(id);
                List<QualityChecks.Outcome> outcomes = new java.util.ArrayList<>();
                long[] checksNanos = {0};
                boolean[] stillOurs = {true};
                // the gate: inside the load's transaction, the checks see the new data; only a load that passes commits
                RetailLoader.Loaded result = loader.load(id, new RetailLoader.Staged(staged, variants, customers, invoices, cancels), mode,
                        all -> GoldenRecords.match(all, settings.strategy(), settings.matching(),
                                "semantic".equals(settings.strategy()) ? this::embed : null), n -> {
                    if (n % 100_000 == 0) runs.progress(id, "load", Map.of("salesRowsLoaded", n, "salesRowsToLoad", accepted[0]));
                    salesLoaded.accept(n);
                }, loaded -> {
                    runs.progress(id, "checks", Map.of("tables", loaded.counts()));
                    long c0 = System.nanoTime();
                    outcomes.addAll(checks.evaluateAll(mode == RetailLoader.Mode.INCREMENT));
                    outcomes.add(checks.volume(loaded.counts().getOrDefault("sales_facts", 0L), loaded.salesBefore(), forced));
                    checksNanos[0] = System.nanoTime() - c0;
                    // a node presumed dead (its lease taken over) never publishes
                    stillOurs[0] = leases.holds(LEASE, String.valueOf(id));
                    return !"FAILED".equals(QualityChecks.status(outcomes)) && stillOurs[0];
                });
                Map<String, Long> loaded = result.counts();
                GoldenRecords.Result mdm = result.mdm();
                result.cancellations().unmatched().forEach(report::unmatched);
                result.alreadyApplied().forEach(report::alreadyApplied);
                steps.put("mdm", Map.of("ms", result.mdmNanos() / 1_000_000, "rows", mdm.links().size()));
                steps.put("load", Map.of("ms", (System.nanoTime() - t0 - checksNanos[0] - result.mdmNanos()) / 1_000_000,
                        "rows", loaded.getOrDefault("sales_loaded", 0L)));
                steps.put("checks", Map.of("ms", checksNanos[0] / 1_000_000, "rows", outcomes.size()));
                checks.record(id, outcomes);
                status = QualityChecks.status(outcomes);
                boolean published = !"FAILED".equals(status) && stillOurs[0];
                if (!stillOurs[0]) status = "ABANDONED";
                Map<String, Object> cancellations = Map.of("lines", result.cancellations().applied().size(),
                        "units", result.cancellations().unitsCancelled(),
                        "sales_reduced", result.cancellations().quantities().size(),
                        "sales_removed", result.cancellations().salesRemoved(""),
                        "unmatched", result.cancellations().unmatched().size(),
                        "already_applied", result.alreadyApplied().size());
                Map<String, Object> columns = new LinkedHashMap<>();
                columns.put("rows_loaded", published ? loaded.getOrDefault("sales_loaded", 0L) : 0L);
                columns.put("rows_rejected", report.rejected());
                columns.put("rejects", report.counts());
                columns.put("samples", report.samples());
                columns.put("cancellations", cancellations);
                columns.put("mdm", mdmReport(mdm, loaded.getOrDefault("sales_facts", 0L)));
                columns.put("steps", steps);
                columns.put("step", "checks");
                columns.put("progress", Map.of("tables", loaded));
                columns.put("checks", QualityChecks.describe(outcomes));
                columns.put("published", published);
                runs.update(id, columns);
                String failed = outcomes.stream().filter(o -> "FAIL".equals(o.level())).map(o -> o.name() + " (" + o.detail() + ")")
                        .collect(java.util.stream.Collectors.joining("; "));
                runs.finish(id, status, published ? null : "not published, the previous data keeps serving; failed checks: " + failed);
                meters.counter("relais.retail.etl.rows", "outcome", "loaded").increment(loaded.getOrDefault("sales_loaded", 0L));
                meters.counter("relais.retail.etl.rows", "outcome", "rejected").increment(report.rejected());
                log.info("Retail ETL run {} {} ({}): {} read, {} loaded, {} rejected, {} cancellations applied, {} sales rows serving, "
                        + "{} golden records", id, status, mode.label(), report.read(), loaded.get("sales_loaded"), report.rejected(),
                        report.cancellations(), loaded.get("sales_facts"), mdm.goldens().size());
            } catch (Exception e) {
                log.error("Retail ETL run {} failed; the previous data is intact: {}", id, e.getMessage());
                runs.update(id, Map.of("steps", steps));
                runs.finish(id, "FAILED", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } finally {
                leases.release(LEASE, String.valueOf(id));
                whole.stop(meters.timer("relais.retail.etl.duration", "status", status));
                if (staged != null) {
                    try {
                        Files.deleteIfExists(staged);
                    } catch (IOException ignored) {
                        // a temp file
                    }
                }
            }
        }
    }

    @Override
    public String kind() {
        return LEASE;
    }

    /**
     * The node running this ETL run died: the run ends ABANDONED with the reason. A REST run's input is taken up again
     * by a new run on this node (once: the next abandonment ends FAILED); an inbox run's file is taken up again by the
     * inbox, whose in-flight entry expired with the node.
     */
    @Override
    public java.util.Optional<Runnable> abandoned(JobLeases.Lease lease, String reason, boolean retry) {
        long id = Long.parseLong(lease.jobId());
        Path file = lease.input().get("file") == null ? null : Path.of(lease.input().get("file").toString());
        boolean retake = Boolean.TRUE.equals(lease.input().get("retake"));
        if (!retake) {
            runs.abandon(id, "ABANDONED", reason + "; the inbox takes its file up again");
            return java.util.Optional.empty();
        }
        if (!retry || file == null || !Files.isRegularFile(file)) {
            runs.abandon(id, "FAILED", reason + (retry ? "; its input " + file + " is gone" : "; not taken up again"));
            return java.util.Optional.empty();
        }
        long next = runs.startRetry(id);
        runs.abandon(id, "ABANDONED", reason + "; taken up again as run " + next);
        leases.take(LEASE, String.valueOf(next), lease.attempt() + 1, lease.input());
        RetailLoader.Mode mode = RetailLoader.Mode.of((String) lease.input().get("mode"), RetailLoader.Mode.SNAPSHOT);
        return java.util.Optional.of(() -> worker.submit(() -> execute(next, file, mode, n -> { })));
    }

    private static Map<String, Object> mdmReport(GoldenRecords.Result mdm, long rows) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("strategy_passes", mdm.passesRun());
        out.put("golden_records", mdm.goldens().size());
        out.put("variants", mdm.links().size());
        Map<String, Object> passes = new LinkedHashMap<>();
        mdm.passStats().forEach((pass, st) -> passes.put(pass, Map.of("variants", st[0], "rows", st[1],
                "rows_pct", rows == 0 ? 0 : Math.round(10000.0 * st[1] / rows) / 100.0)));
        out.put("passes", passes);
        long reviewRows = mdm.reviews().stream().mapToLong(r -> r.variant().rows()).sum();
        out.put("to_review", mdm.reviews().size());
        out.put("coverage_pct", rows == 0 ? 0 : Math.round(10000.0 * (rows - reviewRows) / rows) / 100.0);
        return out;
    }

    private static Map<String, Object> step(long startNanos, long rows) {
        return Map.of("ms", (System.nanoTime() - startNanos) / 1_000_000, "rows", rows);
    }

    /** Sentence embeddings for the semantic pass (the model loads on first use). */
    private List<float[]> embed(List<String> texts) {
        return embeddings.getObject().embedAll(texts.stream().map(dev.langchain4j.data.segment.TextSegment::from).toList())
                .content().stream().map(dev.langchain4j.data.embedding.Embedding::vector).toList();
    }

    static String checksum(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }
}
