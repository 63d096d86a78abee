package io.relais.platform.camunda;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * BPMN to Camel: a service task with {@code camunda:delegateExpression="${callRoute}"} and the extension property
 * {@code route} (e.g. {@code direct:shop-reserve-stock}) sends the process variables to that route as a map. A map
 * answer becomes process variables; any other answer goes into the variable named by the optional
 * {@code resultVariable} property. A {@link BusinessError} from the route becomes a BPMN error the model can catch;
 * any other failure stays an exception, so the job retries and ends as an incident in Cockpit, never silently.
 */
@Component("callRoute")
public class CallRouteDelegate implements JavaDelegate {

    public static final String HEADER_PROCESS_INSTANCE_ID = "RelaisProcessInstanceId";
    public static final String HEADER_BUSINESS_KEY = "RelaisBusinessKey";
    public static final String HEADER_ACTIVITY_ID = "RelaisActivityId";

    private final ProducerTemplate camel;

    CallRouteDelegate(ProducerTemplate camel) {
        this.camel = camel;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Map<String, String> properties = extensionProperties(execution);
        String route = properties.get("route");
        if (route == null || route.isBlank()) {
            throw new IllegalStateException("Service task '" + execution.getCurrentActivityId()
                    + "' uses ${callRoute} without a 'route' extension property");
        }
        Map<String, Object> headers = new HashMap<>();
        headers.put(HEADER_PROCESS_INSTANCE_ID, execution.getProcessInstanceId());
        headers.put(HEADER_ACTIVITY_ID, execution.getCurrentActivityId());
        if (execution.getProcessBusinessKey() != null) headers.put(HEADER_BUSINESS_KEY, execution.getProcessBusinessKey());
        Object answer;
        try {
            Exchange result = camel.send(route, e -> {
                e.getMessage().setHeaders(headers);
                e.getMessage().setBody(new HashMap<>(execution.getVariables()));
            });
            if (result.getException() != null) throw result.getException();
            answer = result.getMessage().getBody();
        } catch (BusinessError error) {
            throw new BpmnError(error.code(), error.getMessage());
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof BusinessError error) throw new BpmnError(error.code(), error.getMessage());
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Route " + route + " failed: " + e.getMessage(), e);
        }
        applyAnswer(execution, properties.get("resultVariable"), answer);
    }

    @SuppressWarnings("unchecked")
    private static void applyAnswer(DelegateExecution execution, String resultVariable, Object answer) {
        if (resultVariable != null && !resultVariable.isBlank()) {
            execution.setVariable(resultVariable, answer);
        } else if (answer instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach(execution::setVariable);
        }
    }

    private static Map<String, String> extensionProperties(DelegateExecution execution) {
        Map<String, String> result = new HashMap<>();
        BaseElement element = execution.getBpmnModelElementInstance();
        if (element == null || element.getExtensionElements() == null) {
            return result;
        }
        for (CamundaProperties props : element.getExtensionElements().getElementsQuery()
                .filterByType(CamundaProperties.class).list()) {
            for (CamundaProperty p : props.getCamundaProperties()) {
                result.put(p.getCamundaName(), p.getCamundaValue());
            }
        }
        return result;
    }
}
