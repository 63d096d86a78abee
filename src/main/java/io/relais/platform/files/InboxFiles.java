package io.relais.platform.files;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The inbox convention (routes/platform/inbox.camel.yaml): a file's content hash decides whether it was seen
 * before; after the feed's handler ran, its report goes beside the moved file as {@code <name>.report.json} and a
 * row in {@code platform.inbox_files}; a failure writes the reason the same way into {@code .error/}.
 */
@Component("inboxFiles")
public class InboxFiles {

    public static final String CONTENT_HASH = "RelaisContentHash";
    public static final String KEPT_NAME = "RelaisKeptName";
    public static final String FEED = "RelaisInboxFeed";
    private static final String FAILURE_RECORDED = "RelaisInboxFailureRecorded";

    private static final Logger log = LoggerFactory.getLogger(InboxFiles.class);
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    private final PostgresIdempotentRepository importedFiles;
    private final int maxAttempts;

    InboxFiles(JdbcClient jdbc, ObjectMapper json,
               @org.springframework.beans.factory.annotation.Qualifier("importedFiles") PostgresIdempotentRepository importedFiles,
               io.relais.platform.cluster.ClusterSettings cluster) {
        this.jdbc = jdbc;
        this.importedFiles = importedFiles;
        this.maxAttempts = cluster.maxAttempts();
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** SHA-256 of the file's bytes: the same content dropped twice is imported once, whatever its name. */
    public String contentHash(Exchange exchange) throws IOException {
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }

    /**
     * Before the handler: a file whose import was cut off by its node dying {@code relais.cluster.max-attempts} times
     * (a file that kills the process, say) is not tried again; it goes to .error/ with that reason.
     */
    public void checkAttempts(Exchange exchange) {
        int attempts = importedFiles.attempts(exchange.getMessage().getHeader(CONTENT_HASH, String.class));
        if (attempts > maxAttempts) {
            throw new IllegalStateException("this file's import was cut off " + (attempts - 1)
                    + " times by its node stopping (a crash, a kill); it is not tried again: check it and drop it anew");
        }
    }

    /**
     * The feed's handler answered (an {@link ImportReport}, any JSON-able object, or JSON already written, as a handler
     * shared with a REST verb answers): record and keep the report.
     */
    public void completed(Exchange exchange) throws IOException {
        Object body = exchange.getMessage().getBody();
        Object report = body;
        if (body instanceof java.io.InputStream || body instanceof byte[] || body instanceof CharSequence
                || body instanceof org.apache.camel.StreamCache) {
            String text = exchange.getMessage().getBody(String.class);
            try {
                report = json.readTree(text);
            } catch (IOException notJson) {
                report = java.util.Map.of("result", text == null ? "" : text);
            }
        }
        String status = report instanceof ImportReport r ? r.getStatus()
                : report instanceof com.fasterxml.jackson.databind.JsonNode n && n.hasNonNull("status") ? n.get("status").asText() : "COMPLETED";
        record(exchange, ".done", status, report);
    }

    /** The content was imported before: nothing to do, but say so where the user looks. */
    public void duplicate(Exchange exchange) throws IOException {
        ImportReport report = new ImportReport(fileName(exchange))
                .finish("DUPLICATE", "the same content was imported before; nothing changed");
        exchange.getMessage().setBody(report);
        record(exchange, ".done", "DUPLICATE", report);
    }

    /** The inbox error policy applies to exchanges that started from an inbox file (and nothing else). */
    public boolean isInboxFile(Exchange exchange) {
        return exchange.getMessage().getHeader(FEED) != null && exchange.getMessage().getHeader(KEPT_NAME) != null;
    }

    /** Once per exchange, even when the failure passes through the handler route and then the inbox route. */
    public void failed(Exchange exchange) throws IOException {
        if (exchange.getProperty(FAILURE_RECORDED) != null) return;
        exchange.setProperty(FAILURE_RECORDED, true);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = failure == null ? "unknown failure" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        ImportReport report = new ImportReport(fileName(exchange)).finish("FAILED", reason);
        record(exchange, ".error", "FAILED", report);
        log.warn("Inbox {}: {} failed ({}); the file is kept in .error/", feed(exchange), fileName(exchange), reason);
    }

    private void record(Exchange exchange, String folder, String status, Object report) throws IOException {
        String[] feed = feed(exchange).split("/", 2);
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        String kept = exchange.getMessage().getHeader(KEPT_NAME, String.class);
        Path dir = file.getParent().resolve(folder);
        Files.createDirectories(dir);
        String reportJson = json.writeValueAsString(report);
        Files.writeString(dir.resolve(kept + ".report.json"), reportJson);
        jdbc.sql("""
                        insert into platform.inbox_files (domain, feed, file_name, kept_as, content_hash, status, node, report)
                        values (:domain, :feed, :fileName, :keptAs, :contentHash, :status, :node, cast(:report as jsonb))""")
                .param("domain", feed[0]).param("feed", feed[1]).param("fileName", fileName(exchange)).param("keptAs", folder + "/" + kept)
                .param("contentHash", exchange.getMessage().getHeader(CONTENT_HASH, String.class)).param("status", status)
                .param("node", NODE).param("report", reportJson).update();
        log.info("Inbox {}: {} -> {} ({})", feed(exchange), fileName(exchange), folder + "/" + kept, status);
    }

    private static String feed(Exchange exchange) {
        return exchange.getMessage().getHeader(FEED, String.class);
    }

    private static String fileName(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
