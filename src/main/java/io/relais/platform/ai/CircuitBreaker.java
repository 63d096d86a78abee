package io.relais.platform.ai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A provider's circuit: closed while it answers; open for {@code openFor} after {@code failuresToOpen} failures in a
 * row (calls skip it at once instead of waiting for its timeout); then one trial call, which closes it or opens it
 * again. Thread-safe.
 */
public final class CircuitBreaker {

    private final int failuresToOpen;
    private final Duration openFor;
    private final Clock clock;
    private int failures;
    private Instant openUntil;

    public CircuitBreaker(int failuresToOpen, Duration openFor, Clock clock) {
        this.failuresToOpen = Math.max(1, failuresToOpen);
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Why the provider is skipped now, or null when it may be called. */
    public synchronized String openBecause() {
        if (openUntil == null) return null;
        if (!clock.instant().isBefore(openUntil)) return null; // half-open: one more try
        return "circuit open after " + failures + " failures in a row, until " + openUntil;
    }

    public synchronized void succeeded() {
        failures = 0;
        openUntil = null;
    }

    public synchronized void failed() {
        failures++;
        if (failures >= failuresToOpen) openUntil = clock.instant().plus(openFor);
    }
}
