package io.relais.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An ingestion as its owner sees it: status, pages by outcome, chunks, progress and ETA while it runs, and every URL
 * not fetched with its reason (up to 500).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IngestionView(UUID id, IngestionStatus status, String url, String domain, UUID source, Pages pages, int chunks,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Long progress,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Long etaSeconds,
                            List<NotFetched> notFetched, String error, int attempts, boolean cancelRequested, Instant createdAt,
                            Instant startedAt, Instant finishedAt) {

    public record Pages(int fetched, int changed, int removed, int skipped, int failed, int queued) {
    }

    /** {@code outcome}: skipped (robots.txt, outside the domain, not HTML...) or failed (an HTTP error, a timeout). */
    public record NotFetched(String url, String reason, String outcome) {
    }
}
