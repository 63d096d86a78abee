package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.relais.platform.cluster.ClusterNode;
import io.relais.platform.cluster.JobLeases;
import io.relais.platform.files.PostgresIdempotentRepository;
import io.relais.retail.etl.EtlPipeline;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Leases and in-flight entries on the real database: what a dead node held is taken over (ABANDONED, then FAILED after
 * the last attempt), what a live node holds is never touched, and a file key a dead node left in flight expires.
 */
class JobLeasesTest extends AppTest {

    @Autowired
    JobLeases leases;
    @Autowired
    ClusterNode node;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("importedFiles")
    PostgresIdempotentRepository importedFiles;

    String deadNode;

    @BeforeEach
    void aNodeThatDiedAnHourAgo() {
        deadNode = "dead-host/1/" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("insert into platform.nodes (id, host, pid, started_at, heartbeat_at) "
                + "values (?, 'dead-host', 1, now() - interval '2 hours', now() - interval '1 hour')", deadNode);
    }

    @Test
    void an_etl_run_of_a_dead_node_ends_abandoned_with_the_reason_and_its_lease_goes() {
        long run = runningEtlRun();
        jdbc.update("insert into platform.job_leases (kind, job_id, node_id, attempt, input) values (?, ?, ?, 1, ?::jsonb)",
                EtlPipeline.LEASE, String.valueOf(run), deadNode, "{\"retake\": false}");

        assertThat(leases.takeOverFromDeadNodes()).isGreaterThanOrEqualTo(1);

        Map<String, Object> row = jdbc.queryForMap("select status, error, finished_at from retail.etl_runs where id = ?", run);
        assertThat(row.get("status")).isEqualTo("ABANDONED");
        assertThat((String) row.get("error")).contains(deadNode).contains("stopped heartbeating").contains("inbox takes its file up again");
        assertThat(row.get("finished_at")).isNotNull();
        assertThat(leaseCount(EtlPipeline.LEASE, run)).isZero();
    }

    @Test
    void a_job_abandoned_for_the_last_allowed_time_ends_failed_instead_of_running_again() {
        long run = runningEtlRun();
        jdbc.update("insert into platform.job_leases (kind, job_id, node_id, attempt, input) values (?, ?, ?, 2, ?::jsonb)",
                EtlPipeline.LEASE, String.valueOf(run), deadNode, "{\"retake\": true, \"file\": \"/nowhere/x.csv\"}");

        leases.takeOverFromDeadNodes();

        Map<String, Object> row = jdbc.queryForMap("select status, error from retail.etl_runs where id = ?", run);
        assertThat(row.get("status")).isEqualTo("FAILED");
        assertThat((String) row.get("error")).contains("not taken up again");
        assertThat(jdbc.queryForObject("select count(*) from retail.etl_runs where retry_of = ?", Long.class, run)).isZero();
    }

    @Test
    void a_lease_held_by_a_live_node_is_never_taken_over() {
        long run = runningEtlRun();
        leases.take(EtlPipeline.LEASE, String.valueOf(run), 1, Map.of("retake", false));

        leases.takeOverFromDeadNodes();

        assertThat(jdbc.queryForObject("select status from retail.etl_runs where id = ?", String.class, run)).isEqualTo("RUNNING");
        assertThat(leases.holds(EtlPipeline.LEASE, String.valueOf(run))).isTrue();
        leases.release(EtlPipeline.LEASE, String.valueOf(run));
        jdbc.update("update retail.etl_runs set status = 'FAILED', finished_at = now() where id = ?", run);
    }

    @Test
    void a_file_key_a_dead_node_left_in_flight_expires_and_a_confirmed_one_stays_seen() {
        String cutOff = "hash-" + UUID.randomUUID();
        jdbc.update("insert into platform.processed_messages (processor, message_id, node_id, confirmed) values ('inbox-content', ?, ?, false)",
                cutOff, deadNode);
        assertThat(importedFiles.contains(cutOff)).isFalse();
        assertThat(importedFiles.add(cutOff)).as("a live node takes the key over").isTrue();
        assertThat(importedFiles.attempts(cutOff)).isEqualTo(2);
        assertThat(importedFiles.add(cutOff)).as("now in flight on a live node").isFalse();
        assertThat(importedFiles.contains(cutOff)).isTrue();

        String imported = "hash-" + UUID.randomUUID();
        assertThat(importedFiles.add(imported)).isTrue();
        assertThat(importedFiles.confirm(imported)).isTrue();
        jdbc.update("update platform.processed_messages set node_id = ? where message_id = ?", deadNode, imported);
        assertThat(importedFiles.add(imported)).as("confirmed: imported for good, whoever imported it").isFalse();
        assertThat(importedFiles.contains(imported)).isTrue();
    }

    @Test
    void this_node_heartbeats_and_a_silent_one_is_dead() {
        assertThat(node.isAlive(node.id())).isTrue();
        assertThat(node.isAlive(deadNode)).isFalse();
    }

    private long runningEtlRun() {
        return jdbc.queryForObject("insert into retail.etl_runs (source, strategy, status, step) "
                + "values ('test " + UUID.randomUUID() + "', 'classic', 'RUNNING', 'load') returning id", Long.class);
    }

    private long leaseCount(String kind, long job) {
        return jdbc.queryForObject("select count(*) from platform.job_leases where kind = ? and job_id = ?", Long.class,
                kind, String.valueOf(job));
    }
}
