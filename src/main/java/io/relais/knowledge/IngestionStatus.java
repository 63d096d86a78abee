package io.relais.knowledge;

/** An ingestion's life: QUEUED, RUNNING, then SUCCEEDED, FAILED or CANCELLED (ABANDONED: a dead node's, before it is taken up). */
public enum IngestionStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, ABANDONED;

    public boolean isFinished() {
        return this != QUEUED && this != RUNNING;
    }
}
