package io.relais.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.production.planning.AbattoirPlanner;
import io.relais.testsupport.AppTest;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The abattoir-planning process walked through: plan, re-plan with a pin, approve, publish; and an infeasible window. */
class AbattoirPlanningTest extends AppTest {

    @Autowired
    ProductionData data;
    @Autowired
    TaskService tasks;

    @BeforeEach
    void simulated() {
        data.loadSimulationIfEmpty(730, 2024);
    }

    @Test
    void a_manager_re_plans_with_a_pin_then_approves_and_the_plan_is_published() {
        String admin = api.adminToken();
        var started = api.postRaw("/api/production/abattoir-plans", "application/json", "{\"from\":\"2025-06-02\",\"to\":\"2025-06-08\"}", admin);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(201);
        JsonNode plan = started.body();
        assertThat(plan.path("status").asText()).isEqualTo("PROPOSED");
        assertThat(plan.path("assignments").size()).isPositive();
        assertThat(plan.path("total_cost").asDouble()).isPositive();
        assertThat(plan.path("breakdown").isObject()).as("the cost breakdown is JSON, not JSON in a string").isTrue();
        assertThat(plan.at("/breakdown/transport_cost").isNumber()).isTrue();
        String process = plan.path("processInstanceId").asText();
        plan.path("assignments").forEach(a -> assertThat(a.path("days_late").asInt()).isBetween(0, 3));

        JsonNode first = plan.path("assignments").get(0);
        String other = first.path("abattoir_code").asText().equals("A-BRE") ? "A-GER" : "A-BRE";
        String pin = first.path("batch").asText() + "=" + other + "@" + first.path("slaughter_date").asText();
        Task review = tasks.createTaskQuery().processInstanceId(process).taskDefinitionKey("user_task_review_plan").singleResult();
        assertThat(tasks.getIdentityLinksForTask(review.getId())).extracting("groupId").contains("manager");
        tasks.claim(review.getId(), "planner");
        tasks.complete(review.getId(), Map.of("decision", "replan", "pins", pin));

        Task again = tasks.createTaskQuery().processInstanceId(process).taskDefinitionKey("user_task_review_plan").singleResult();
        String replannedId = (String) tasks.getVariable(again.getId(), "planId");
        JsonNode replanned = api.get("/api/production/abattoir-plans/" + replannedId, admin).body();
        assertThat(replanned.path("status").asText()).isEqualTo("REPLANNED");
        JsonNode pinned = null;
        for (JsonNode a : replanned.path("assignments")) if (a.path("batch").asText().equals(first.path("batch").asText())) pinned = a;
        assertThat(pinned.path("abattoir_code").asText()).isEqualTo(other);
        assertThat(pinned.path("pinned").asBoolean()).isTrue();
        assertThat(replanned.path("total_cost").asDouble()).isGreaterThanOrEqualTo(plan.path("total_cost").asDouble());

        tasks.claim(again.getId(), "planner");
        tasks.complete(again.getId(), Map.of("decision", "approve"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "PUBLISHED".equals(
                api.get("/api/production/abattoir-plans/" + replannedId, admin).body().path("status").asText()));
        JsonNode planning = api.get("/api/euralis/abattages/planning?date_debut=2025-06-01&date_fin=2025-06-15", admin).body();
        assertThat(planning.size()).isEqualTo(replanned.path("assignments").size());
        assertThat(planning.get(0).path("plan_id").asText()).isEqualTo(replannedId);
        assertThat(api.postRaw("/api/production/abattoir-plans", "application/json", "{\"from\":\"2025-06-08\",\"to\":\"2025-06-02\"}", admin)
                .status()).isEqualTo(400);
    }

    @Test
    void an_under_weight_batch_waits_a_day_when_its_liver_forecast_says_so() {
        LocalDate day = LocalDate.of(2025, 6, 2);
        var abattoirs = List.of(new AbattoirPlanner.Abattoir("A", 2, Map.of("LL", 10.0)));
        var costs = new AbattoirPlanner.Costs(1, 100, 3, 550, 40, 5);
        var light = new AbattoirPlanner.Batch(1, "LIGHT", "LL", day, 470); // 80 g under: one more day is worth 200 EUR
        var right = new AbattoirPlanner.Batch(2, "RIGHT", "LL", day, 550);
        var plan = AbattoirPlanner.plan(List.of(light, right), abattoirs, day, day.plusDays(3), List.of(), costs);
        var byCode = new java.util.HashMap<String, LocalDate>();
        plan.assignments().forEach(a -> byCode.put(a.batch().code(), a.day()));
        assertThat(byCode.get("RIGHT")).isEqualTo(day);
        assertThat(byCode.get("LIGHT")).isEqualTo(day.plusDays(2)); // 470 + 2 x 40 = 550
        assertThat(plan.breakdown().get("weight_off_target_cost")).isEqualTo(0.0);
    }

    @Test
    void an_infeasible_window_reports_the_batches_that_cannot_be_placed() {
        LocalDate day = LocalDate.of(2025, 6, 2);
        var batches = List.of(new AbattoirPlanner.Batch(1, "B1", "LL", day), new AbattoirPlanner.Batch(2, "B2", "LL", day),
                new AbattoirPlanner.Batch(3, "B3", "MT", day));
        var abattoirs = List.of(new AbattoirPlanner.Abattoir("A", 1, Map.of("LL", 10.0, "MT", 50.0)));
        var plan = AbattoirPlanner.plan(batches, abattoirs, day, day, List.of(), new AbattoirPlanner.Costs(1, 100, 0));
        assertThat(plan.assignments()).hasSize(1);
        assertThat(plan.unplaced()).hasSize(2);
        assertThat(plan.assignments().get(0).batch().site()).isEqualTo("LL"); // the nearer one takes the only slot
    }
}
