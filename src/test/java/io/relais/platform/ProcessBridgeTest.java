package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.relais.testsupport.AppTest;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** BPMN calls a Camel route through ${callRoute}; Camel starts the process and correlates a message back. */
class ProcessBridgeTest extends AppTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    @BeforeEach
    void deployProcessAndRoutes() throws Exception {
        repository.createDeployment().name("bridge-check").enableDuplicateFiltering(true)
                .addClasspathResource("test-processes/bridge-check.bpmn").deploy();
        if (camel.getRoute("test-bridge-echo") != null) return;
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:test-bridge-echo").routeId("test-bridge-echo")
                        .process(e -> {
                            Map<?, ?> vars = e.getMessage().getBody(Map.class);
                            if ("boom".equals(vars.get("word"))) throw new IllegalStateException("route failed");
                            e.getMessage().setBody(Map.of("echo", vars.get("word") + "!",
                                    "calledFor", e.getMessage().getHeader("RelaisBusinessKey")));
                        });
                from("direct:test-start-check").routeId("test-start-check")
                        .setHeader("processKey", constant("bridge-check"))
                        .bean("processes", "start");
                from("direct:test-confirm-check").routeId("test-confirm-check")
                        .setHeader("messageName", constant("EchoConfirmed"))
                        .bean("processes", "correlate");
            }
        });
    }

    @Test
    void a_process_calls_a_route_and_a_route_correlates_the_message_back() {
        String businessKey = unique("check");
        String instanceId = producer.requestBodyAndHeader("direct:test-start-check", Map.of("word", "hello"),
                "businessKey", businessKey, String.class);

        assertThat(runtime.getVariable(instanceId, "echo")).isEqualTo("hello!");
        assertThat(runtime.getVariable(instanceId, "calledFor")).isEqualTo(businessKey);
        assertThat(runtime.getActiveActivityIds(instanceId)).containsExactly("receive_task_wait_for_confirmation");

        Integer reached = producer.requestBodyAndHeader("direct:test-confirm-check", Map.of("confirmedBy", "route"),
                "businessKey", businessKey, Integer.class);

        assertThat(reached).isEqualTo(1);
        var finished = history.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult();
        assertThat(finished.getEndActivityId()).isEqualTo("end_event_check_confirmed");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
                .variableName("confirmedBy").singleResult().getValue()).isEqualTo("route");
    }

    @Test
    void a_failing_route_fails_the_service_task_instead_of_passing_an_error_body_on() {
        assertThatThrownBy(() -> producer.requestBodyAndHeader("direct:test-start-check", Map.of("word", "boom"),
                "businessKey", unique("check"), String.class))
                .hasStackTraceContaining("route failed");
    }

    @Test
    void correlating_a_message_nobody_waits_for_reaches_no_one() {
        Integer reached = producer.requestBodyAndHeader("direct:test-confirm-check", Map.of(),
                "businessKey", "no-such-check", Integer.class);
        assertThat(reached).isZero();
    }
}
