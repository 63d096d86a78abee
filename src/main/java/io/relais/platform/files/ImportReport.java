package io.relais.platform.files;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What an import did with a file or a request body: counts per outcome (inserted, updated, unchanged, rejected...)
 * and every rejected row with its line number and reason. Written beside the processed file as
 * {@code <name>.report.json} and returned by import endpoints. Rejections are capped (the count is not).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImportReport {

    public static final int MAX_REJECTIONS_LISTED = 1000;

    private final String source;
    private final Instant startedAt = Instant.now();
    private Instant finishedAt;
    private String status = "RUNNING";
    private String message;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    public record Rejection(long line, String reason, String content) {
    }

    /** A row that landed with something to say about it (a product without a price; which of two rows won). */
    public record Note(long line, String note) {
    }

    public ImportReport(String source) {
        this.source = source;
    }

    public synchronized ImportReport count(String outcome, long n) {
        counts.merge(outcome, n, Long::sum);
        return this;
    }

    public synchronized ImportReport reject(long line, String reason, String content) {
        counts.merge("rejected", 1L, Long::sum);
        if (rejections.size() < MAX_REJECTIONS_LISTED) {
            String shown = content == null || content.length() <= 300 ? content : content.substring(0, 300) + "...";
            rejections.add(new Rejection(line, reason, shown));
        }
        return this;
    }

    /** Says something of a row that landed (capped like the rejections). */
    public synchronized ImportReport note(long line, String note) {
        if (notes.size() < MAX_REJECTIONS_LISTED) notes.add(new Note(line, note));
        return this;
    }

    /** A detail of the import as a whole (the layout that was used, the sample rows of a preview). */
    public synchronized ImportReport detail(String key, Object value) {
        details.put(key, value);
        return this;
    }

    public synchronized ImportReport finish(String status, String message) {
        this.status = status;
        this.message = message;
        this.finishedAt = Instant.now();
        return this;
    }

    public ImportReport completed() {
        long rejected = count("rejected");
        return finish(rejected == 0 ? "COMPLETED" : "COMPLETED_WITH_REJECTIONS", null);
    }

    public synchronized long count(String outcome) {
        return counts.getOrDefault(outcome, 0L);
    }

    public String getSource() {
        return source;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public String getStatus() {
        return status;
    }

    public String getMessage() {
        return message;
    }

    public synchronized Map<String, Long> getCounts() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    public synchronized List<Rejection> getRejections() {
        return List.copyOf(rejections);
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public synchronized List<Note> getNotes() {
        return List.copyOf(notes);
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public synchronized Map<String, Object> getDetails() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
