package io.relais.platform.cluster;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This process as a member of the cluster: a row in {@code platform.nodes} with a heartbeat. Another node reads
 * "alive" from that row only ({@link #ALIVE}), so a killed, frozen or cut-off node is seen dead after the timeout, and
 * a node that stopped cleanly at once.
 */
@Component
public class ClusterNode implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    /** SQL condition: the node named by {@code nodeColumn} is alive; binds one parameter, {@link #timeoutSeconds()}. */
    public static String alive(String nodeColumn) {
        return "exists (select 1 from platform.nodes n where n.id = " + nodeColumn + " and n.stopped_at is null "
                + "and n.heartbeat_at > now() - make_interval(secs => :nodeTimeout))";
    }

    private final JdbcClient jdbc;
    private final ClusterSettings settings;
    private final String id;

    ClusterNode(JdbcClient jdbc, ClusterSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.id = host() + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This node's id: host, pid and a random part (a restarted process in a container often has the same pid). */
    public String id() {
        return id;
    }

    /** The node timeout in seconds, the parameter of {@link #ALIVE}. */
    public double timeoutSeconds() {
        return settings.nodeTimeout().toMillis() / 1000.0;
    }

    /** Whether the named node is alive now. */
    public boolean isAlive(String nodeId) {
        return jdbc.sql("select " + alive("cast(:node as text)")).param("node", nodeId).param("nodeTimeout", timeoutSeconds())
                .query(Boolean.class).single();
    }

    @Override
    public void afterPropertiesSet() {
        jdbc.sql("insert into platform.nodes (id, host, pid) values (:id, :host, :pid)").param("id", id).param("host", host())
                .param("pid", ManagementFactory.getRuntimeMXBean().getPid()).update();
        log.info("Cluster node {} registered (heartbeat every {}, dead after {} silent)", id, settings.heartbeatInterval(),
                settings.nodeTimeout());
    }

    void heartbeat() {
        jdbc.sql("update platform.nodes set heartbeat_at = now() where id = :id").param("id", id).update();
    }

    /** A clean stop: other nodes may take over what is left at once, without waiting for the timeout. */
    @Override
    public void destroy() {
        try {
            jdbc.sql("update platform.nodes set stopped_at = now() where id = :id").param("id", id).update();
        } catch (RuntimeException e) {
            log.debug("Could not record the stop of node {}: {}", id, e.getMessage());
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
