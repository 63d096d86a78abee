package io.relais.platform.camunda;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Camel to BPMN: routes start processes and correlate messages through this bean
 * ({@code bean: {ref: processes, method: start}}), with the process key, message name and business key as headers
 * and the variables as the body.
 */
@Component("processes")
public class ProcessGateway {

    public static final String PROCESS_KEY = "processKey";
    public static final String MESSAGE_NAME = "messageName";
    public static final String BUSINESS_KEY = "businessKey";
    /** Optional map of process variables a waiting instance must have (e.g. {@code reference=ROS-001}). */
    public static final String CORRELATE_ON = "correlateOn";

    private static final Logger log = LoggerFactory.getLogger(ProcessGateway.class);

    private final RuntimeService runtime;
    private final org.camunda.bpm.engine.HistoryService history;

    ProcessGateway(RuntimeService runtime, org.camunda.bpm.engine.HistoryService history) {
        this.runtime = runtime;
        this.history = history;
    }

    /**
     * The newest instance (running or ended) of the process for each business key that has one, in one query: what a
     * screen links to in Cockpit ({@code /camunda/app/cockpit/default/#/process-instance/<id>}).
     */
    public Map<String, String> instanceIds(String processKey, java.util.Collection<String> businessKeys) {
        Map<String, String> ids = new HashMap<>();
        if (businessKeys.isEmpty()) return ids;
        history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey)
                .processInstanceBusinessKeyIn(businessKeys.toArray(String[]::new)).orderByProcessInstanceStartTime().asc().list()
                .forEach(p -> ids.put(p.getBusinessKey(), p.getId()));
        return ids;
    }

    /** Starts the latest version of the process; returns the instance id. */
    public String start(@Header(PROCESS_KEY) String processKey, @Header(BUSINESS_KEY) String businessKey,
                        @Body Map<String, Object> variables) {
        ProcessInstance instance = runtime.startProcessInstanceByKey(processKey, businessKey,
                variables == null ? Map.of() : new HashMap<>(variables));
        log.info("Started process {} ({}) for business key {}", processKey, instance.getId(), businessKey);
        return instance.getId();
    }

    /** Sets variables of a running instance, in the caller's transaction. */
    public void setVariables(String processInstanceId, Map<String, Object> variables) {
        runtime.setVariables(processInstanceId, variables);
    }

    /**
     * Ends every running instance with this business key (in the caller's transaction): a cancelled order leaves no
     * task in Tasklist and no timer waiting. Custom listeners are skipped (they would report states of a flow that is
     * being stopped). Answers how many ended.
     */
    public int endAll(String businessKey, String reason) {
        List<String> ids = runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list().stream()
                .map(ProcessInstance::getId).toList();
        if (ids.isEmpty()) return 0;
        runtime.deleteProcessInstances(ids, reason, true, true);
        log.info("Ended {} process instance(s) for business key {}: {}", ids.size(), businessKey, reason);
        return ids.size();
    }

    /** The business keys of every running instance of the process. */
    public java.util.Set<String> runningBusinessKeys(String processKey) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        runtime.createProcessInstanceQuery().processDefinitionKey(processKey).list()
                .forEach(p -> keys.add(p.getBusinessKey()));
        return keys;
    }

    /** Whether an instance with this business key is running. */
    public boolean isRunning(String processKey, String businessKey) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(processKey).processInstanceBusinessKey(businessKey).count() > 0;
    }

    /** Delivers the message to every instance waiting for it (matching business key and variables); returns how many. */
    public int correlate(@Header(MESSAGE_NAME) String messageName, @Header(BUSINESS_KEY) String businessKey,
                         @Header(CORRELATE_ON) Map<String, Object> correlateOn, @Body Map<String, Object> variables) {
        MessageCorrelationBuilder builder = runtime.createMessageCorrelation(messageName);
        if (businessKey != null) builder.processInstanceBusinessKey(businessKey);
        if (correlateOn != null) correlateOn.forEach(builder::processInstanceVariableEquals);
        if (variables != null) builder.setVariables(new HashMap<>(variables));
        List<MessageCorrelationResult> results = builder.correlateAllWithResult();
        log.info("Message {} (business key {}) reached {} waiting instance(s)", messageName, businessKey, results.size());
        return results.size();
    }
}
