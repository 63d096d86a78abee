package io.relais.platform.data;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox ({@code platform.outbox}): {@link #send} writes a hand-off in the caller's transaction, so
 * it exists if and only if its cause committed; a drainer delivers it to its Camel endpoint after commit (at once when
 * this node wrote it, within a second from any node otherwise), each delivery in a transaction with the row's removal.
 * A failing receiver is retried with back-off (1 s doubling to 5 min); nothing is lost while Redis or a receiver is
 * away. Delivery is at least once: receivers are idempotent.
 */
@Component("outbox")
public class Outbox implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final long MAX_BACKOFF_SECONDS = 300;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ScheduledExecutorService drainer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "outbox-drainer");
        t.setDaemon(true);
        return t;
    });

    Outbox(JdbcClient jdbc, TransactionTemplate transactions, ProducerTemplate camel, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.camel = camel;
        this.json = json;
    }

    /** In the caller's transaction: deliver {@code payload} to {@code destination} once this transaction commits. */
    public void send(String destination, Map<String, Object> payload) {
        try {
            jdbc.sql("insert into platform.outbox (destination, payload) values (:destination, cast(:payload as jsonb))")
                    .param("destination", destination).param("payload", json.writeValueAsString(payload)).update();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("outbox payload is not JSON", e);
        }
        AfterCommit.run(this::drainSoon);
    }

    /** In the caller's transaction, after SQL of its own wrote outbox rows (a database function): drain them once it commits. */
    public void written() {
        AfterCommit.run(this::drainSoon);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        drainer.scheduleWithFixedDelay(this::drainQuietly, 1, 1, TimeUnit.SECONDS);
    }

    void drainSoon() {
        if (!drainer.isShutdown()) drainer.execute(this::drainQuietly);
    }

    private void drainQuietly() {
        if (!draining.compareAndSet(false, true)) return;
        try {
            drain();
        } catch (RuntimeException e) {
            log.warn("Outbox drain stopped: {}", e.getMessage());
        } finally {
            draining.set(false);
        }
    }

    /** Delivers every due hand-off; answers how many were delivered. */
    public int drain() {
        int delivered = 0;
        while (true) {
            long[] current = {0};
            try {
                Boolean one = transactions.execute(tx -> {
                    List<Map<String, Object>> rows = jdbc.sql("select id, destination, payload::text as payload "
                            + "from platform.outbox where next_attempt_at <= now() order by id limit 1 for update skip locked").query().listOfRows();
                    if (rows.isEmpty()) return false;
                    Map<String, Object> row = rows.get(0);
                    current[0] = ((Number) row.get("id")).longValue();
                    // the delivery and the row's removal commit together (a correlation, say, joins this transaction)
                    camel.sendBody((String) row.get("destination"), read((String) row.get("payload")));
                    jdbc.sql("delete from platform.outbox where id = :id").param("id", current[0]).update();
                    return true;
                });
                if (!Boolean.TRUE.equals(one)) return delivered;
                delivered++;
            } catch (RuntimeException e) {
                if (current[0] == 0) throw e;
                String failure = rootMessage(e);
                jdbc.sql("update platform.outbox set attempts = attempts + 1, last_error = :failure, "
                                + "next_attempt_at = now() + make_interval(secs => least(:maxBackoff, power(2, attempts)::int)) where id = :id")
                        .param("failure", failure).param("maxBackoff", MAX_BACKOFF_SECONDS).param("id", current[0]).update();
                log.warn("Outbox hand-off {} not delivered (retried with back-off): {}", current[0], failure);
            }
        }
    }

    /** How many hand-offs wait (health, tests). */
    public long pending() {
        return jdbc.sql("select count(*) from platform.outbox").query(Long.class).single();
    }

    @Override
    public void destroy() {
        drainer.shutdownNow();
    }

    private Map<String, Object> read(String payload) {
        try {
            return json.readValue(payload, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("outbox payload unreadable", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
