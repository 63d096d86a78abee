package io.relais.platform.files;

import io.relais.platform.cluster.ClusterNode;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An idempotent repository in {@code platform.processed_messages}, shared by every node. A key is first <em>in
 * flight</em>, owned by the node that added it, and counts as seen for good only once {@link #confirm confirmed}
 * (Camel confirms when the exchange completed, i.e. after the import committed). An in-flight key whose node died
 * expires: the next {@code add} of any live node takes it over, so a file whose import was cut by a crash is imported
 * again, while content that really was imported stays a no-op. {@code add} is one {@code INSERT ... ON CONFLICT}: of
 * two nodes racing for the same key exactly one wins.
 */
public class PostgresIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    private final JdbcClient jdbc;
    private final String processor;
    private final ClusterNode node;
    private static final String MESSAGE = "platform.processed_messages where processor = :processor and message_id = :key";

    public PostgresIdempotentRepository(JdbcClient jdbc, String processor, ClusterNode node) {
        this.jdbc = jdbc;
        this.processor = processor;
        this.node = node;
    }

    @Override
    public boolean add(String key) {
        return jdbc.sql("insert into platform.processed_messages as m (processor, message_id, node_id, confirmed) "
                        + "values (:processor, :key, :node, false) on conflict (processor, message_id) do update "
                        + "set node_id = excluded.node_id, created_at = now(), attempts = m.attempts + 1 "
                        + "where not m.confirmed and not " + ClusterNode.alive("m.node_id"))
                .param("processor", processor).param("key", key).param("node", node.id()).param("nodeTimeout", node.timeoutSeconds())
                .update() == 1;
    }

    @Override
    public boolean contains(String key) {
        return jdbc.sql("select count(*) from platform.processed_messages m where processor = :processor "
                        + "and message_id = :key and (m.confirmed or " + ClusterNode.alive("m.node_id") + ")")
                .param("processor", processor).param("key", key).param("nodeTimeout", node.timeoutSeconds()).query(Integer.class).single() > 0;
    }

    /** How many nodes took this key up (1 = first try; more = earlier holders died with it in flight). */
    public int attempts(String key) {
        return jdbc.sql("select attempts from " + MESSAGE).param("processor", processor).param("key", key).query(Integer.class)
                .optional().orElse(0);
    }

    @Override
    public boolean remove(String key) {
        return jdbc.sql("delete from " + MESSAGE).param("processor", processor).param("key", key).update() == 1;
    }

    @Override
    public boolean confirm(String key) {
        return jdbc.sql("update platform.processed_messages set confirmed = true where processor = :processor and message_id = :key")
                .param("processor", processor).param("key", key).update() == 1;
    }

    @Override
    public void clear() {
        jdbc.sql("delete from platform.processed_messages where processor = :processor").param("processor", processor).update();
    }
}
