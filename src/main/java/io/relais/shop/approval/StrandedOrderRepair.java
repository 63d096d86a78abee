package io.relais.shop.approval;

import java.util.List;
import java.util.UUID;

import io.relais.platform.camunda.ProcessGateway;
import io.relais.shop.orders.OrderService;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start: a PENDING order without a running approval process is stranded (an older version handed orders over after
 * commit, and a crash between the two lost the hand-off). Each one gets its process, logged. The order row is locked
 * while its process is looked for and started, so two nodes starting together repair each order once.
 */
@Component
public class StrandedOrderRepair {

    private static final Logger log = LoggerFactory.getLogger(StrandedOrderRepair.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ProcessGateway processes;
    private final OrderService orders;
    private final ProducerTemplate camel;

    StrandedOrderRepair(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, ProcessGateway processes,
                        OrderService orders, ProducerTemplate camel) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.processes = processes;
        this.orders = orders;
        this.camel = camel;
    }

    @EventListener(ApplicationReadyEvent.class)
    void repairAtStart() {
        try {
            int mended = repair();
            if (mended > 0) log.warn("Start-up repair: {} PENDING order(s) had no approval process; each got one", mended);
        } catch (RuntimeException e) {
            log.error("Start-up repair of stranded orders failed (it runs again at the next start): {}", e.getMessage());
        }
    }

    /** Starts the approval process of every PENDING order that has none; answers how many. */
    public int repair() {
        int mended = 0;
        List<UUID> pending = jdbc.queryForList("select id from shop.orders where status = 'PENDING' order by created_at",
                new MapSqlParameterSource(), UUID.class);
        // one query for every running instance, not one per order: a shop may have thousands waiting for stock
        java.util.Set<String> running = processes.runningBusinessKeys(OrderApproval.PROCESS_KEY);
        for (UUID id : pending) {
            if (running.contains(id.toString())) continue;
            Boolean started = transactions.execute(tx -> {
                String status = jdbc.queryForList("select status from shop.orders where id = :id for update",
                        new MapSqlParameterSource("id", id), String.class).stream().findFirst().orElse(null);
                if (!"PENDING".equals(status) || processes.isRunning(OrderApproval.PROCESS_KEY, id.toString())) return false;
                camel.sendBodyAndHeader(OrderService.PENDING_ROUTE, orders.find(id).orElseThrow(), "orderId", id.toString());
                return true;
            });
            if (Boolean.TRUE.equals(started)) {
                log.warn("Order {} was PENDING without an approval process (stranded); its process is started now", id);
                mended++;
            }
        }
        return mended;
    }
}
