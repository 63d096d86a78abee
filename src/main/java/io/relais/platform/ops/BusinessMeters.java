package io.relais.platform.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The platform's own gauges, read when Prometheus scrapes: Redis up, running process instances and open incidents.
 * Each domain registers its gauges itself (a {@code MeterBinder} bean: {@code ShopMeters}, {@code RetailMeters}...,
 * with {@link SqlGauges}); counters and timers live where the work happens.
 */
@Component
public class BusinessMeters {

    BusinessMeters(RuntimeService runtime, MeterRegistry meters,
                   org.springframework.data.redis.connection.RedisConnectionFactory redis) {
        Gauge.builder("relais.redis.up", redis, r -> {
            try (var c = r.getConnection()) {
                return "PONG".equals(c.ping()) ? 1 : 0;
            } catch (RuntimeException e) {
                return 0;
            }
        }).description("1 when Redis answers").register(meters);
        Gauge.builder("relais.camunda.incidents.open", runtime, r -> safe(() -> r.createIncidentQuery().count()))
                .description("Open Camunda incidents").register(meters);
        Gauge.builder("relais.camunda.instances.running", runtime, r -> safe(() -> r.createProcessInstanceQuery().active().count()))
                .description("Running process instances").register(meters);
    }

    private static double safe(java.util.function.Supplier<Long> value) {
        try {
            Long v = value.get();
            return v == null ? 0 : v;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
