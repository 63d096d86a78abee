package io.relais.platform.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leases on long jobs ({@code platform.job_leases}): a job names the node running it; every node heartbeats and, on
 * the same tick, takes over the leases of dead nodes ({@code FOR UPDATE SKIP LOCKED}, so one live node takes each
 * lease once). The job's {@link LeasedJob} handler marks it ABANDONED with the reason and takes its input up again,
 * or, after {@code relais.cluster.max-attempts} abandonments, ends it FAILED. Nothing a live node holds is touched.
 */
@Component
public class JobLeases implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobLeases.class);

    /** One lease: the job, its node, which attempt this is, and the input a retake needs. */
    public record Lease(String kind, String jobId, String nodeId, int attempt, Map<String, Object> input) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ClusterNode node;
    private final ClusterSettings settings;
    private final ObjectMapper json;
    private final ObjectProvider<LeasedJob> handlers; // lazily: the handlers take leases themselves
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster-heartbeat");
        t.setDaemon(true);
        return t;
    });

    JobLeases(JdbcClient jdbc, TransactionTemplate transactions, ClusterNode node, ClusterSettings settings,
              ObjectMapper json, ObjectProvider<LeasedJob> handlers) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.node = node;
        this.settings = settings;
        this.json = json;
        this.handlers = handlers;
    }

    /** Takes the lease for a job this node is about to run (in the caller's transaction when there is one). */
    public void take(String kind, String jobId, int attempt, Map<String, Object> input) {
        lease(kind, jobId, attempt, input, "do update set node_id = excluded.node_id, attempt = excluded.attempt, "
                + "input = excluded.input, taken_at = now()");
    }

    /** Takes the lease unless someone holds it; answers whether this node got it. */
    public boolean tryTake(String kind, String jobId, int attempt, Map<String, Object> input) {
        return lease(kind, jobId, attempt, input, "do nothing") == 1;
    }

    private int lease(String kind, String jobId, int attempt, Map<String, Object> input, String onConflict) {
        return jdbc.sql("insert into platform.job_leases (kind, job_id, node_id, attempt, input) values (:kind, :job, :node, :attempt, "
                        + "cast(:input as jsonb)) on conflict (kind, job_id) " + onConflict)
                .param("kind", kind).param("job", jobId).param("node", node.id()).param("attempt", attempt).param("input", write(input)).update();
    }

    /** The job ended (any outcome): this node's lease goes (a lease another node took over stays). */
    public void release(String kind, String jobId) {
        jdbc.sql("delete from platform.job_leases where kind = :kind and job_id = :job and node_id = :node").param("kind", kind)
                .param("job", jobId).param("node", node.id()).update();
    }

    /** Whether this node still holds the lease: checked before a job publishes, so a node presumed dead never publishes twice. */
    public boolean holds(String kind, String jobId) {
        return jdbc.sql("select 1 from platform.job_leases where kind = :kind and job_id = :job and node_id = :node").param("kind", kind)
                .param("job", jobId).param("node", node.id()).query(Integer.class).optional().isPresent();
    }

    /** The attempt number of a job's lease (1 when it has none). */
    public int attempt(String kind, String jobId) {
        return jdbc.sql("select attempt from platform.job_leases where kind = :kind and job_id = :job").param("kind", kind)
                .param("job", jobId).query(Integer.class).optional().orElse(1);
    }

    @EventListener(ApplicationReadyEvent.class)
    void startTicking() {
        long every = settings.heartbeatInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            node.heartbeat();
            takeOverFromDeadNodes();
        } catch (RuntimeException e) {
            log.warn("Cluster heartbeat failed (retrying in {}): {}", settings.heartbeatInterval(), e.getMessage());
        }
    }

    /** Takes over every lease of a dead node, one transaction each; answers how many. */
    public int takeOverFromDeadNodes() {
        int taken = 0;
        // only the kinds this node can run: a job of a domain switched off here stays leased for a node that runs it
        String[] kinds = handlers.orderedStream().map(LeasedJob::kind).distinct().toArray(String[]::new);
        if (kinds.length == 0) return 0;
        while (true) {
            List<Runnable> toStart = new ArrayList<>();
            Boolean found = transactions.execute(tx -> {
                List<Map<String, Object>> rows = jdbc.sql(
                        "select l.kind, l.job_id, l.node_id, l.attempt, l.input::text as input, "
                        + "(select n.heartbeat_at from platform.nodes n where n.id = l.node_id) as last_heartbeat "
                        + "from platform.job_leases l where not " + ClusterNode.alive("l.node_id") + " and l.kind = any(:kinds)"
                        + " order by l.taken_at limit 1 for update of l skip locked")
                        .param("nodeTimeout", node.timeoutSeconds()).param("kinds", kinds).query().listOfRows();
                if (rows.isEmpty()) return false;
                Map<String, Object> row = rows.get(0);
                Lease lease = new Lease((String) row.get("kind"), (String) row.get("job_id"), (String) row.get("node_id"),
                        ((Number) row.get("attempt")).intValue(), read((String) row.get("input")));
                String reason = "node " + lease.nodeId() + " stopped heartbeating (last " + row.get("last_heartbeat")
                        + ") during attempt " + lease.attempt();
                boolean retry = lease.attempt() < settings.maxAttempts();
                jdbc.sql("delete from platform.job_leases where kind = :kind and job_id = :job").param("kind", lease.kind())
                        .param("job", lease.jobId()).update();
                LeasedJob handler = handlers.orderedStream().filter(h -> h.kind().equals(lease.kind())).findFirst().orElseThrow();
                handler.abandoned(lease, reason, retry).ifPresent(toStart::add);
                log.warn("{} job {}: {}; {}", lease.kind(), lease.jobId(), reason,
                        retry ? "taken up again by " + node.id() : "FAILED after " + lease.attempt() + " attempts");
                return true;
            });
            if (!Boolean.TRUE.equals(found)) return taken;
            taken++;
            toStart.forEach(Runnable::run);
        }
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
    }

    private String write(Map<String, Object> input) {
        try {
            return json.writeValueAsString(input == null ? Map.of() : input);
        } catch (Exception e) {
            throw new IllegalArgumentException("lease input is not JSON", e);
        }
    }

    private Map<String, Object> read(String input) {
        try {
            return json.readValue(input, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            return Map.of();
        }
    }
}
