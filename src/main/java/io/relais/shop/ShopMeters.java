package io.relais.shop;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.relais.platform.ops.SqlGauges;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The shop's gauges: open low-stock alerts, orders waiting for approval or stock. */
@Component
class ShopMeters implements MeterBinder {

    private final JdbcTemplate jdbc;

    ShopMeters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        SqlGauges.count(meters, "relais.shop.alerts.open", "Open low-stock alerts", jdbc, "select count(*) from shop.alerts where cleared_at is null");
        SqlGauges.count(meters, "relais.shop.orders.pending", "Orders waiting for approval or stock", jdbc,
                "select count(*) from shop.orders where status = 'PENDING'");
    }
}
