package io.relais.platform.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.relais.platform.settings.RelaisSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.SecurityDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.springframework.stereotype.Component;

/**
 * Reads the REST verbs the YAML routes declare, once Camel has loaded them, plus the declared
 * {@link StreamEndpoint}s, into {@link AccessRules}.
 */
@Component
public class RestContract {

    private final CamelContext camel;
    private final Set<String> publicWrites;
    private final List<StreamEndpoint> streams;
    private volatile AccessRules rules;

    RestContract(CamelContext camel, RelaisSettings settings, List<StreamEndpoint> streams) {
        this.camel = camel;
        this.streams = streams;
        this.publicWrites = new HashSet<>(settings.security().publicWrites());
    }

    /**
     * The rules; null while Camel is still starting (its routes, and so the contract, are not all there yet: rules
     * read then would miss verbs, which would then pass unchecked). Kept once Camel has started.
     */
    public AccessRules rules() {
        AccessRules current = rules;
        if (current == null) {
            if (!camel.isStarted()) return null;
            synchronized (this) {
                if (rules == null) rules = load();
                current = rules;
            }
        }
        return current;
    }

    /**
     * A JSON write that declares a body type or that it consumes JSON requires a body, unless its body parameter says
     * {@code required: false} (sign-out, say).
     */
    private static boolean bodyRequired(VerbDefinition verb, RestEndpoint endpoint) {
        if (!java.util.Set.of("POST", "PUT", "PATCH").contains(endpoint.method())) return false;
        if (verb.getParams() != null) {
            for (var param : verb.getParams()) {
                if (param.getType() == org.apache.camel.model.rest.RestParamType.body && "false".equals(String.valueOf(param.getRequired()))) {
                    return false;
                }
            }
        }
        return verb.getType() != null || !endpoint.consumes().isEmpty();
    }

    private AccessRules load() {
        List<RestEndpoint> endpoints = new ArrayList<>();
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        for (RestDefinition rest : model.getRestDefinitions()) {
            String base = rest.getPath() == null ? "" : rest.getPath();
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = base + "/" + (verb.getPath() == null ? "" : verb.getPath());
                List<String> scopes = null;
                if (verb.getSecurity() != null && !verb.getSecurity().isEmpty()) {
                    scopes = verb.getSecurity().stream().map(SecurityDefinition::getScopes)
                            .map(s -> s == null ? "" : s).toList();
                }
                String consumes = verb.getConsumes() != null ? verb.getConsumes() : rest.getConsumes();
                RestEndpoint endpoint = AccessRules.endpoint(verb.asVerb(), path, scopes,
                        consumes == null ? List.of() : List.of(consumes), publicWrites);
                endpoints.add(endpoint.withBodyRequired(bodyRequired(verb, endpoint)));
            }
        }
        for (StreamEndpoint stream : streams) {
            endpoints.add(AccessRules.stream(stream.method(), stream.path(), stream.roles()));
        }
        return new AccessRules(endpoints);
    }
}
