package io.relais.platform.files;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An idempotent repository in {@code platform.processed_messages}, shared by every node. {@code add} is one
 * {@code INSERT ... ON CONFLICT DO NOTHING}: of two nodes racing for the same key exactly one wins and the other
 * gets {@code false}. (Camel's JdbcMessageIdRepository counts then inserts, so the loser of a race gets an
 * exception instead.)
 */
public class PostgresIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    private final JdbcTemplate jdbc;
    private final String processor;

    public PostgresIdempotentRepository(JdbcTemplate jdbc, String processor) {
        this.jdbc = jdbc;
        this.processor = processor;
    }

    @Override
    public boolean add(String key) {
        return jdbc.update("insert into platform.processed_messages (processor, message_id) values (?, ?) "
                + "on conflict do nothing", processor, key) == 1;
    }

    @Override
    public boolean contains(String key) {
        Integer n = jdbc.queryForObject("select count(*) from platform.processed_messages where processor = ? "
                + "and message_id = ?", Integer.class, processor, key);
        return n != null && n > 0;
    }

    @Override
    public boolean remove(String key) {
        return jdbc.update("delete from platform.processed_messages where processor = ? and message_id = ?",
                processor, key) == 1;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        jdbc.update("delete from platform.processed_messages where processor = ?", processor);
    }
}
