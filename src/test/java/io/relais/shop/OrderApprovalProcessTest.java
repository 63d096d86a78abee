package io.relais.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.platform.camunda.ProcessGateway;
import io.relais.testsupport.AppTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of processes/order-approval.bpmn, driven through the shop's REST API and Camunda's services. */
class OrderApprovalProcessTest extends AppTest {

    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    ProcessGateway processes;
    @Autowired
    io.relais.shop.approval.StrandedOrderRepair repair;

    String admin;
    String customer;
    String p;

    @BeforeEach
    void catalog() {
        admin = api.adminToken();
        customer = api.signup(unique("buyer"), "rosebush-42").text("access_token");
        p = ShopFixture.prefix();
        // SER: a greenhouse at 600 EUR, 10 in stock; RAR: 2 in stock at 5 EUR
        ShopFixture.importCsv(api, admin, p + "-SER,Serre tunnel 18m²,abris,600,10,0", p + "-RAR,Rosier rare,rosiers,5,2,0");
    }

    @Test
    void a_manager_approves_an_expensive_order_and_it_is_confirmed_with_who_approved() {
        JsonNode order = order(customer, p + "-SER", 2, false);
        assertThat(order.path("status").asText()).isEqualTo("PENDING");
        Task task = awaitTask(order, "user_task_approve_order");
        assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting("groupId").contains("manager");
        assertThat(task.getDueDate()).isAfter(new java.util.Date());
        JsonNode waiting = api.get("/api/shop/orders/" + id(order), customer).body();
        assertThat(waiting.at("/process/state").asText()).isEqualTo("WAITING_FOR_APPROVAL");
        assertThat(waiting.at("/process/since").asText()).isNotBlank();
        assertThat(available(p + "-SER")).isEqualTo(8); // held while waiting

        tasks.claim(task.getId(), "approving-manager");
        tasks.complete(task.getId(), Map.of("approved", true, "comment", "good customer"));

        JsonNode done = awaitStatus(order, "CONFIRMED");
        assertThat(done.at("/process/decidedBy").asText()).isEqualTo("approving-manager");
        assertThat(done.at("/process/comment").asText()).isEqualTo("good customer");
        await().atMost(Duration.ofSeconds(10)).until(() -> "CONFIRMED".equals(
                api.get("/api/shop/orders/" + id(order), customer).body().at("/process/state").asText()));
        assertThat(available(p + "-SER")).isEqualTo(8);
        assertThat(ledgerSum(p + "-SER")).isEqualTo(8);
    }

    @Test
    void a_rejected_order_is_cancelled_and_its_held_stock_released() {
        JsonNode order = order(customer, p + "-SER", 2, false);
        Task task = awaitTask(order, "user_task_approve_order");
        tasks.complete(task.getId(), Map.of("approved", false, "comment", "suspicious"));
        JsonNode done = awaitStatus(order, "REJECTED");
        assertThat(done.path("pendingReason").asText()).isEqualTo("REJECTED");
        assertThat(available(p + "-SER")).isEqualTo(10);
    }

    @Test
    void an_untouched_task_escalates_to_admin_and_then_times_out() {
        JsonNode order = order(customer, p + "-SER", 2, false);
        awaitTask(order, "user_task_approve_order");
        fireTimer(order, "boundary_event_approval_overdue");
        Task escalated = awaitTask(order, "user_task_approve_order_escalated");
        assertThat(tasks.getIdentityLinksForTask(escalated.getId())).extracting("groupId").containsExactly("admin");
        assertThat(api.get("/api/shop/orders/" + id(order), admin).body().at("/process/state").asText())
                .isEqualTo("ESCALATED_TO_ADMIN");
        fireTimer(order, "boundary_event_admin_overdue");
        JsonNode done = awaitStatus(order, "REJECTED");
        assertThat(done.path("pendingReason").asText()).isEqualTo("TIMED_OUT");
        assertThat(available(p + "-SER")).isEqualTo(10);
    }

    @Test
    void a_short_order_waits_for_stock_and_a_delivery_confirms_it() {
        JsonNode order = order(customer, p + "-RAR", 5, false);
        assertThat(order.path("pendingReason").asText()).isEqualTo("SHORTAGE");
        awaitProcessState(order, "WAITING_FOR_STOCK");
        assertThat(available(p + "-RAR")).isEqualTo(2); // nothing taken while short

        api.post("/api/shop/restock", Map.of("lines", List.of(Map.of("reference", p + "-RAR", "quantity", 10))), admin);
        awaitStatus(order, "CONFIRMED");
        assertThat(available(p + "-RAR")).isEqualTo(7);
        assertThat(ledgerSum(p + "-RAR")).isEqualTo(7);
    }

    @Test
    void an_approved_order_whose_stock_is_gone_goes_back_to_waiting_and_never_oversells() {
        JsonNode order = order(customer, p + "-SER", 12, false); // 7,200 EUR and only 10 exist
        assertThat(order.path("pendingReason").asText()).isEqualTo("SHORTAGE");
        Task task = awaitTask(order, "user_task_approve_order");
        tasks.complete(task.getId(), Map.of("approved", true));
        awaitProcessState(order, "WAITING_FOR_STOCK");
        assertThat(api.get("/api/shop/orders/" + id(order), admin).body().path("status").asText()).isEqualTo("PENDING");
        assertThat(available(p + "-SER")).isEqualTo(10);

        fireTimer(order, "boundary_event_lead_time_passed");
        Task overdue = awaitTask(order, "user_task_stock_overdue");
        tasks.complete(overdue.getId(), Map.of("keepWaiting", false));
        JsonNode done = awaitStatus(order, "REJECTED");
        assertThat(done.path("pendingReason").asText()).isEqualTo("ABANDONED");
        assertThat(available(p + "-SER")).isEqualTo(10);
    }

    @Test
    void a_split_ships_what_exists_and_back_orders_the_rest() {
        JsonNode order = order(customer, p + "-RAR", 5, true);
        JsonNode shipped = awaitStatus(order, "CONFIRMED");
        assertThat(shipped.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
        String backOrder = shipped.at("/process/backOrders/0").asText();
        assertThat(backOrder).isNotBlank();
        await().atMost(Duration.ofSeconds(10)).until(() -> "WAITING_FOR_STOCK".equals(
                api.get("/api/shop/orders/" + backOrder, customer).body().at("/process/state").asText()));
        JsonNode back = api.get("/api/shop/orders/" + backOrder, customer).body();
        assertThat(back.path("lines").get(0).path("quantity").asInt()).isEqualTo(3);
        assertThat(back.at("/process/backOrderOf").asText()).isEqualTo(id(order));
        assertThat(available(p + "-RAR")).isZero();
    }

    @Test
    void a_professional_order_under_three_thousand_is_approved_by_the_decision_table() {
        String pro = api.signup(unique("pro"), "rosebush-42").text("access_token");
        var r = api.post("/api/shop/orders", Map.of("customerType", "professional",
                "lines", List.of(Map.of("reference", p + "-SER", "quantity", 3))), pro);
        JsonNode done = awaitStatus(r.body(), "CONFIRMED");
        assertThat(done.at("/process/decidedBy").asText()).isEqualTo("order-approver (DMN)");
    }

    @Test
    void a_failing_service_task_becomes_an_incident_not_a_lost_order() {
        String instance = processes.start("order-approval", "broken-" + UUID.randomUUID(), Map.of(
                "orderId", UUID.randomUUID().toString(), "needsApproval", false, "allowSplit", false,
                "stockLeadTime", "P7D", "stockRecheck", "PT1H"));
        // retries come every 10 s; the test runs the attempts itself until the job has none left
        for (int attempt = 0; attempt < 5 && runtime.createIncidentQuery().processInstanceId(instance).count() == 0; attempt++) {
            Job job = await().atMost(Duration.ofSeconds(10)).until(() -> management.createJobQuery().processInstanceId(instance)
                    .activityId("service_task_reserve_stock").messages().singleResult(), j -> j != null);
            if (job.getRetries() > 0) assertThatThrownBy(() -> management.executeJob(job.getId())).isNotNull();
        }
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).list()).hasSize(1)
                .first().extracting("activityId").isEqualTo("service_task_reserve_stock");
    }

    @Test
    void cancelling_a_pending_order_ends_its_process_and_tasklist_no_longer_shows_its_task() {
        JsonNode order = order(customer, p + "-SER", 5, false); // 3,000 EUR: a manager must approve, the stock is held
        awaitTask(order, "user_task_approve_order");
        assertThat(available(p + "-SER")).isEqualTo(5);

        var cancelled = api.post("/api/shop/orders/" + id(order) + "/cancel", Map.of(), customer);
        assertThat(cancelled.status()).as(cancelled.raw().body()).isEqualTo(200);
        assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id(order)).count()).isZero();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(id(order)).count()).isZero();
        assertThat(available(p + "-SER")).isEqualTo(10);
        assertThat(ledgerSum(p + "-SER")).isEqualTo(10);
    }

    @Test
    void cancelling_a_split_order_also_cancels_its_waiting_back_order_and_ends_its_process() {
        JsonNode order = order(customer, p + "-RAR", 5, true); // 2 ship now, 3 wait in a back-order
        awaitStatus(order, "CONFIRMED");
        String backOrder = await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/shop/orders/" + id(order), admin)
                .body().at("/process/backOrders/0").asText(), b -> !b.isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(backOrder).count() == 1);

        var cancelled = api.post("/api/shop/orders/" + id(order) + "/cancel", Map.of(), customer);
        assertThat(cancelled.status()).as(cancelled.raw().body()).isEqualTo(200);
        assertThat(api.get("/api/shop/orders/" + backOrder, admin).body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(backOrder).count()).isZero();
        assertThat(available(p + "-RAR")).isEqualTo(2);
        assertThat(ledgerSum(p + "-RAR")).isEqualTo(2);
    }

    @Test
    void a_pending_order_left_without_a_process_gets_one_from_the_start_up_repair() {
        JsonNode order = order(customer, p + "-RAR", 5, false);
        awaitProcessState(order, "WAITING_FOR_STOCK");
        // what an older version could leave behind: the order committed, its hand-off to the process lost
        runtime.deleteProcessInstance(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id(order))
                .singleResult().getId(), "an older version lost this hand-off", true, true);

        assertThat(repair.repair()).isGreaterThanOrEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id(order)).count()).isEqualTo(1);
        repair.repair();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id(order)).count()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> runtime.createEventSubscriptionQuery()
                .eventName(io.relais.shop.approval.OrderApproval.STOCK_REPLENISHED).processInstanceId(runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(id(order)).singleResult().getId()).count() == 1);
        api.post("/api/shop/restock", Map.of("lines", List.of(Map.of("reference", p + "-RAR", "quantity", 10))), admin);
        awaitStatus(order, "CONFIRMED");
    }

    @Test
    void a_reservation_committed_before_its_job_failed_is_not_taken_again_when_the_job_runs_again() {
        JsonNode order = order(customer, p + "-SER", 2, false);
        Task task = awaitTask(order, "user_task_approve_order");
        UUID orderId = UUID.fromString(id(order));

        // the approval job takes the stock in its own transaction, then the job's transaction fails (a crash, a lost
        // connection, an optimistic lock): what the reservation committed stays, the job will run again
        assertThatThrownBy(() -> transactions.executeWithoutResult(jobTransaction -> {
            assertThat(orders.confirmPending(orderId, "order-approval")).isTrue();
            throw new IllegalStateException("the job's transaction fails after the reservation committed");
        })).hasMessageContaining("job's transaction fails");
        assertThat(awaitStatus(order, "CONFIRMED").path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(available(p + "-SER")).isEqualTo(8);
        assertThat(ledgerSum(p + "-SER")).isEqualTo(8);

        // the job again, by hand and then through the process: the order is confirmed, nothing more is taken
        assertThat(orders.confirmPending(orderId, "order-approval")).isTrue();
        tasks.complete(task.getId(), Map.of("approved", true));
        awaitProcessState(order, "CONFIRMED");
        assertThat(available(p + "-SER")).isEqualTo(8);
        assertThat(ledgerSum(p + "-SER")).isEqualTo(8);
        assertThat(jdbc.queryForObject("select count(*) from shop.stock_movements where order_id = ? and type = 'RESERVATION_SOLD'",
                Integer.class, orderId)).isEqualTo(1);
    }

    private JsonNode order(String token, String reference, int quantity, boolean allowSplit) {
        var r = api.post("/api/shop/orders", Map.of("allowSplit", allowSplit,
                "lines", List.of(Map.of("reference", reference, "quantity", quantity))), token);
        assertThat(r.status()).as(r.raw().body()).isIn(201, 202);
        return r.body();
    }

    private static String id(JsonNode order) {
        return order.path("id").asText();
    }

    private Task awaitTask(JsonNode order, String taskKey) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(id(order))
                .taskDefinitionKey(taskKey).singleResult(), t -> t != null);
    }

    private JsonNode awaitStatus(JsonNode order, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/shop/orders/" + id(order), admin).body(),
                o -> status.equals(o.path("status").asText()));
    }

    private void awaitProcessState(JsonNode order, String state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> state.equals(
                api.get("/api/shop/orders/" + id(order), admin).body().at("/process/state").asText()));
    }

    /** A timer fires now instead of in days: the test executes its job. */
    private void fireTimer(JsonNode order, String activityId) {
        Job timer = await().atMost(Duration.ofSeconds(15)).until(() -> management.createJobQuery().timers()
                .processInstanceId(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id(order))
                        .singleResult().getId()).activityId(activityId).singleResult(), j -> j != null);
        management.executeJob(timer.getId());
    }

    private int available(String reference) {
        return api.get("/api/shop/products/" + reference, null).body().path("stock").asInt();
    }

    private int ledgerSum(String reference) {
        Integer sum = jdbc.queryForObject("select coalesce(sum(m.quantity_delta), 0) - (select s.reserved from shop.stock s "
                + "join shop.products p on p.id = s.product_id where p.reference = ?) from shop.stock_movements m "
                + "join shop.products p on p.id = m.product_id where p.reference = ?", Integer.class, reference, reference);
        return sum == null ? 0 : sum;
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    io.relais.shop.orders.OrderService orders;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;
}
