package io.relais.platform.web.openapi;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.relais.platform.security.AccessRules;
import io.swagger.v3.oas.models.OpenAPI;
import org.apache.camel.CamelContext;
import org.apache.camel.openapi.BeanConfig;
import org.apache.camel.openapi.RestOpenApiReader;
import org.apache.camel.openapi.RestOpenApiSupport;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;

/**
 * The OpenAPI document of the REST DSL: written by Camel's own reader from the routes' REST definitions, then
 * completed by {@link OpenApiCompletion}. Built once Camel has started (the access rules exist then), then kept: the
 * routes do not change while Relais runs.
 */
public class OpenApiDocument {

    private final CamelContext camel;
    private final java.util.function.Supplier<AccessRules> rules;
    private final java.util.function.Function<AccessRules, OpenApiCompletion> completion;
    private final ObjectMapper json = new ObjectMapper();
    private volatile byte[] document;

    public OpenApiDocument(CamelContext camel, java.util.function.Supplier<AccessRules> rules,
                           java.util.function.Function<AccessRules, OpenApiCompletion> completion) {
        this.camel = camel;
        this.rules = rules;
        this.completion = completion;
    }

    /** The completed document as JSON, or null while Camel is starting. */
    public byte[] json() throws Exception {
        byte[] built = document;
        if (built != null) return built;
        AccessRules current = rules.get();
        if (current == null) return null;
        synchronized (this) {
            if (document == null) document = build(current);
            return document;
        }
    }

    private byte[] build(AccessRules current) throws Exception {
        RestOpenApiSupport support = new RestOpenApiSupport();
        BeanConfig config = new BeanConfig();
        Map<String, Object> properties = new HashMap<>();
        if (camel.getRestConfiguration().getApiProperties() != null) properties.putAll(camel.getRestConfiguration().getApiProperties());
        support.initOpenApi(config, properties);
        java.util.List<RestDefinition> rests = support.getRestDefinitions(camel);
        OpenAPI api = new RestOpenApiReader().read(camel, rests, config, camel.getName(), camel.getClassResolver());
        ObjectNode doc = (ObjectNode) json.readTree(RestOpenApiSupport.getJsonFromOpenAPIAsString(api, config));
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(completion.apply(current).complete(doc, produces(rests)))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** What each verb produces, by its id (the operation id): the verb's own, else its rest's. */
    private static Map<String, java.util.List<String>> produces(java.util.List<RestDefinition> rests) {
        Map<String, java.util.List<String>> produces = new HashMap<>();
        for (RestDefinition rest : rests) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String types = verb.getProduces() != null ? verb.getProduces() : rest.getProduces();
                if (verb.getId() == null || types == null) continue;
                produces.put(verb.getId(), java.util.Arrays.stream(types.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList());
            }
        }
        return produces;
    }
}
