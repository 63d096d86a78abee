package io.relais.knowledge;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.relais.platform.ops.SqlGauges;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Knowledge's gauges: chunks indexed. */
@Component
class KnowledgeMeters implements MeterBinder {

    private final JdbcTemplate jdbc;

    KnowledgeMeters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        SqlGauges.count(meters, "relais.knowledge.chunks", "Chunks indexed", jdbc, "select count(*) from knowledge.chunks");
    }
}
