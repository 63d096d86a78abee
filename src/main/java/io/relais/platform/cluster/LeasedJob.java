package io.relais.platform.cluster;

import java.util.Optional;

/**
 * A kind of long job that holds leases ({@link JobLeases}): what to do when the node running one died. Each domain
 * implements it for its jobs (ETL runs, ingestions, retraining, backups) and keeps its own job table.
 */
public interface LeasedJob {

    /** The lease kind this handler answers for, e.g. {@code retail-etl}. */
    String kind();

    /**
     * The node holding {@code lease} stopped heartbeating. Runs in the taking-over transaction: record the reason on
     * the job (ABANDONED, or FAILED when {@code retry} is false), and when retrying, take the input up again: create
     * the new attempt and its lease ({@code JobLeases.take(..., lease.attempt() + 1, ...)}) here, and answer the work
     * to start on this node once the transaction committed.
     */
    Optional<Runnable> abandoned(JobLeases.Lease lease, String reason, boolean retry);
}
