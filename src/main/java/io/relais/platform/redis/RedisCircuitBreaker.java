package io.relais.platform.redis;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;

/**
 * Redis is an accelerator: when it stops answering, the first failure opens the circuit and every later call fails at
 * once (callers already fall back to PostgreSQL or go without) instead of waiting for a timeout. A probe pings Redis
 * every {@code probeInterval} and closes the circuit when it answers; listeners then resynchronise what Redis missed.
 * On the embedded default the probe also starts the embedded server again when it stays down.
 */
public class RedisCircuitBreaker {

    private static final Logger log = LoggerFactory.getLogger(RedisCircuitBreaker.class);

    private final AtomicReference<Instant> openSince = new AtomicReference<>();
    private final List<Runnable> onRecovery = new CopyOnWriteArrayList<>();
    private final AtomicInteger embeddedRestarts = new AtomicInteger();
    private final RedisSettings settings;
    private final ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "redis-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile BooleanSupplier ping = () -> false;
    private volatile Runnable restartEmbedded;
    private volatile Instant lastRestart;
    private volatile String lastFailure;

    public RedisCircuitBreaker(RedisSettings settings) {
        this.settings = settings;
    }

    /** How the probe asks Redis whether it is back (set once the connection factory exists). */
    void probeWith(BooleanSupplier ping) {
        this.ping = ping;
    }

    /** On the embedded default: how to start the embedded server again. */
    void restartEmbeddedWith(Runnable restart) {
        this.restartEmbedded = restart;
    }

    /** Runs after every recovery (Redis answers again), e.g. to write what was kept in PostgreSQL meanwhile. */
    public void onRecovery(Runnable action) {
        onRecovery.add(action);
    }

    public boolean isOpen() {
        return openSince.get() != null;
    }

    /** Throws at once while the circuit is open. */
    void checkClosed() {
        if (isOpen()) {
            throw new RedisConnectionFailureException("Redis is unavailable (circuit open since " + openSince.get()
                    + "; probing every " + settings.probeInterval().toMillis() + " ms)");
        }
    }

    /** A call failed: when Redis itself is away (not a wrong command), the circuit opens. */
    void failed(Throwable failure) {
        if (!isRedisAway(failure)) return;
        lastFailure = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (openSince.compareAndSet(null, Instant.now())) {
            log.warn("Redis unavailable ({}); calls fail fast until it answers again", lastFailure);
            long every = settings.probeInterval().toMillis();
            probe.schedule(this::probe, every, TimeUnit.MILLISECONDS);
        }
    }

    private void probe() {
        Instant since = openSince.get();
        if (since == null) return;
        boolean back;
        try {
            back = ping.getAsBoolean();
        } catch (RuntimeException e) {
            back = false;
        }
        if (back) {
            openSince.set(null);
            log.info("Redis answers again after {} ms; circuit closed", java.time.Duration.between(since, Instant.now()).toMillis());
            for (Runnable action : onRecovery) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    log.warn("Redis recovery step failed: {}", e.getMessage());
                }
            }
            return;
        }
        Runnable restart = restartEmbedded;
        if (restart != null && since.plus(settings.restartEmbeddedAfter()).isBefore(Instant.now())
                && (lastRestart == null || lastRestart.plus(settings.restartEmbeddedAfter()).isBefore(Instant.now()))) {
            lastRestart = Instant.now();
            try {
                restart.run();
                embeddedRestarts.incrementAndGet();
                log.warn("Embedded Redis was down for {} s: started again", java.time.Duration.between(since, Instant.now()).toSeconds());
            } catch (RuntimeException e) {
                log.error("Embedded Redis could not be started again: {}", e.getMessage());
            }
        }
        probe.schedule(this::probe, settings.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What health shows. */
    public java.util.Map<String, Object> state() {
        java.util.Map<String, Object> s = new java.util.LinkedHashMap<>();
        s.put("circuit", isOpen() ? "OPEN" : "CLOSED");
        if (isOpen()) s.put("openSince", openSince.get().toString());
        if (lastFailure != null) s.put("lastFailure", lastFailure);
        if (restartEmbedded != null) {
            s.put("embeddedRestarts", embeddedRestarts.get());
            if (lastRestart != null) s.put("lastEmbeddedRestart", lastRestart.toString());
        }
        return s;
    }

    void shutdown() {
        probe.shutdownNow();
    }

    static boolean isRedisAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RedisConnectionFailureException || t instanceof QueryTimeoutException
                    || t instanceof java.net.ConnectException || t instanceof java.io.IOException
                    || t instanceof io.lettuce.core.RedisConnectionException || t instanceof io.lettuce.core.RedisCommandTimeoutException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("not connected") || message.contains("Connection closed")
                    || message.contains("Unable to connect") || message.contains("Could not get a resource"))) {
                return true;
            }
            if (t.getCause() == t) break;
        }
        return false;
    }
}
