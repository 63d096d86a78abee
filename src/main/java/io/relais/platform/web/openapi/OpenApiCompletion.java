package io.relais.platform.web.openapi;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.relais.platform.security.AccessRules;
import io.relais.platform.security.RestEndpoint;

/**
 * Completes the OpenAPI document Camel writes from the REST DSL so that it tells the truth and tools can use it:
 * <ul>
 *   <li>{@code servers} is relative ({@code /}): Swagger UI calls the server the document was read from, behind any
 *       proxy;</li>
 *   <li>each operation's {@code security} is what the access gate enforces ({@link AccessRules}): {@code []} when it
 *       is public, the bearer token otherwise, with the roles it needs ({@code x-roles} and the description);</li>
 *   <li>Camel's undescribed {@code default} response becomes {@code 200 OK} when the verb declares no other success,
 *       and every operation lists the problem+json errors the platform answers for it (400 for a bad parameter or
 *       body, or a hostile query value on any verb; 401 and 403 where a token is needed, 404 where the path names something, 413 and 415 for bodies, 429
 *       where a rate limit applies, and any other as {@code default});</li>
 *   <li>a summary for each operation (its description, else its id) and a description for each tag.</li>
 * </ul>
 * The success codes themselves are declared by the verbs ({@code responseMessage}); the errors are the platform's,
 * the same for every verb, so they are written here once. Plain Java over the JSON tree, unit-testable.
 */
public final class OpenApiCompletion {

    static final String PROBLEM = "application/problem+json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Set<String> WRITES = Set.of("post", "put", "patch");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AccessRules rules;
    private final Map<String, String> tagDescriptions;
    private final BiPredicate<String, String> rateLimited;

    /**
     * @param rateLimited whether a method and path ({@code POST /api/auth/signin}) have a rate limit (documented with 429)
     */
    public OpenApiCompletion(AccessRules rules, Map<String, String> tagDescriptions, BiPredicate<String, String> rateLimited) {
        this.rules = rules;
        this.tagDescriptions = tagDescriptions;
        this.rateLimited = rateLimited;
    }

    public ObjectNode complete(ObjectNode doc) {
        return complete(doc, Map.of());
    }

    /**
     * @param produces what each verb produces, by operation id: a success Camel documents without content (the verb
     *                 declares no out type) gets it, so Swagger UI asks for the right media type (it asked for
     *                 problem+json, the only one documented, and got 406)
     */
    public ObjectNode complete(ObjectNode doc, Map<String, java.util.List<String>> produces) {
        ArrayNode servers = doc.putArray("servers");
        servers.addObject().put("url", "/").put("description", "this server");
        addProblemSchemas(doc.with("components"));
        Set<String> tags = new LinkedHashSet<>();
        JsonNode paths = doc.path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
                Map.Entry<String, JsonNode> op = o.next();
                if (!METHODS.contains(op.getKey()) || !(op.getValue() instanceof ObjectNode operation)) continue;
                complete(path.getKey(), op.getKey(), operation);
                describeSuccess(operation, produces.getOrDefault(operation.path("operationId").asText(), java.util.List.of()));
                operation.path("tags").forEach(t -> tags.add(t.asText()));
            }
        }
        ArrayNode tagList = doc.putArray("tags");
        for (String tag : tags) {
            tagList.addObject().put("name", tag).put("description", tagDescriptions.getOrDefault(tag, "The " + tag + " API"));
        }
        return doc;
    }

    private void complete(String path, String method, ObjectNode operation) {
        if (!operation.hasNonNull("summary")) {
            String description = operation.path("description").asText("");
            operation.put("summary", description.isBlank() ? humanise(operation.path("operationId").asText(method + " " + path)) : description);
        }
        RestEndpoint endpoint = rules == null ? null : rules.find(method, path);
        boolean open = endpoint == null || endpoint.access() == RestEndpoint.Access.PUBLIC;
        ArrayNode security = operation.putArray("security");
        if (!open) {
            security.addObject().putArray("bearer");
            if (!endpoint.roles().isEmpty()) {
                ArrayNode roles = operation.putArray("x-roles");
                endpoint.roles().forEach(roles::add);
                String needs = "Needs the role " + String.join(" or ", endpoint.roles()) + ".";
                String description = operation.path("description").asText("");
                if (!description.contains(needs)) operation.put("description", (description.isBlank() ? "" : description + " ") + needs);
            }
        }
        ObjectNode responses = operation.with("responses");
        JsonNode fallback = responses.remove("default");
        JsonNode generated = responses.get("200");
        if (generated != null && "OK".equals(generated.path("description").asText())
                && declares(responses, "201", "202", "204")) {
            responses.remove("200"); // Camel adds 200 for the outType even when the verb declares its real success
        }
        boolean success = false;
        for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) success |= codes.next().startsWith("2");
        if (!success) {
            ObjectNode ok = JSON.objectNode().put("description", "OK");
            if (fallback != null && fallback.has("content")) ok.set("content", fallback.get("content"));
            responses.set("200", ok);
        }
        for (Iterator<Map.Entry<String, JsonNode>> r = responses.fields(); r.hasNext(); ) {
            JsonNode response = r.next().getValue();
            if (response instanceof ObjectNode node && !node.hasNonNull("description")) node.put("description", "OK");
        }
        if (!operation.has("requestBody") && WRITES.contains(method) && endpoint != null && !endpoint.consumes().isEmpty()) {
            describeBody(operation, endpoint);
        }
        boolean body = operation.has("requestBody") || WRITES.contains(method) && endpoint != null && endpoint.bodyRequired();
        problem(responses, "400", "BadRequest"); // any verb: a query value with a NUL, or too long, is refused

        if (!open) problem(responses, "401", "Unauthorized");
        if (!open) problem(responses, "403", "Forbidden");
        if (path.contains("{")) problem(responses, "404", "NotFound");
        if (body) problem(responses, "413", "PayloadTooLarge");
        if (body) problem(responses, "415", "UnsupportedMediaType");
        if (rateLimited.test(method.toUpperCase(Locale.ROOT), path)) problem(responses, "429", "TooManyRequests");
        problem(responses, "default", "Problem");
    }

    /**
     * A verb that reads its body itself (a CSV upload, a JSON document checked by hand) declares what it consumes but
     * no type: its body is documented from the media types, so Swagger UI can send one.
     */
    private static void describeBody(ObjectNode operation, RestEndpoint endpoint) {
        ObjectNode body = operation.putObject("requestBody").put("required", endpoint.bodyRequired());
        ObjectNode content = body.putObject("content");
        for (String type : endpoint.consumes()) describeMedia(content, type);
    }

    private static void describeSuccess(ObjectNode operation, java.util.List<String> produces) {
        if (produces.isEmpty()) return;
        for (Iterator<Map.Entry<String, JsonNode>> r = operation.path("responses").fields(); r.hasNext(); ) {
            Map.Entry<String, JsonNode> response = r.next();
            if (!response.getKey().startsWith("2") || "204".equals(response.getKey())
                    || !(response.getValue() instanceof ObjectNode node) || node.has("content")) continue;
            ObjectNode content = node.putObject("content");
            for (String type : produces) describeMedia(content, type);
        }
    }

    /** A body of a media type the verb reads or writes itself: a JSON object, a text, or bytes. */
    private static void describeMedia(ObjectNode content, String type) {
        ObjectNode schema = content.putObject(type).putObject("schema");
        if (type.contains("json")) schema.put("type", "object");
        else if (type.startsWith("text/")) schema.put("type", "string");
        else schema.put("type", "string").put("format", "binary");
    }

    private static boolean declares(ObjectNode responses, String... codes) {
        for (String code : codes) if (responses.has(code)) return true;
        return false;
    }

    private static void problem(ObjectNode responses, String code, String name) {
        if (!responses.has(code)) responses.putObject(code).put("$ref", "#/components/responses/" + name);
    }

    private static void addProblemSchemas(ObjectNode components) {
        ObjectNode schemas = components.with("schemas");
        ObjectNode fieldError = schemas.putObject("FieldError").put("type", "object");
        fieldError.put("description", "A rejected field: its path in the request (lines[1].quantity) and why");
        ObjectNode fieldProps = fieldError.putObject("properties");
        fieldProps.putObject("field").put("type", "string");
        fieldProps.putObject("reason").put("type", "string");
        ObjectNode problem = schemas.putObject("Problem").put("type", "object");
        problem.put("description", "RFC 9457 problem details, the body of every error");
        ObjectNode props = problem.putObject("properties");
        props.putObject("type").put("type", "string").put("example", "about:blank");
        props.putObject("title").put("type", "string").put("example", "Bad Request");
        props.putObject("status").put("type", "integer").put("example", 400);
        props.putObject("detail").put("type", "string").put("example", "lines[0].quantity: must be greater than 0");
        props.putObject("instance").put("type", "string").put("example", "/api/shop/orders");
        props.putObject("errors").put("type", "array").putObject("items").put("$ref", "#/components/schemas/FieldError");
        props.putObject("retryAfter").put("type", "integer").put("description", "seconds, with 429 and 503");
        ObjectNode responses = components.with("responses");
        response(responses, "BadRequest", "A parameter or the body is invalid (the problem names the field)");
        response(responses, "Unauthorized", "No valid access token (Authorization: Bearer, from POST /api/auth/signin)");
        response(responses, "Forbidden", "The token's roles do not allow this, or the item is someone else's");
        response(responses, "NotFound", "Nothing with this id");
        response(responses, "PayloadTooLarge", "The body is over the size limit");
        response(responses, "UnsupportedMediaType", "The body's Content-Type or Content-Encoding is not accepted");
        response(responses, "TooManyRequests", "Rate limit reached (Retry-After says when to try again)");
        response(responses, "Problem", "Any other error (409 conflict, 422, 503 while starting), as problem+json");
    }

    private static void response(ObjectNode responses, String name, String description) {
        responses.putObject(name).put("description", description).putObject("content").putObject(PROBLEM)
                .putObject("schema").put("$ref", "#/components/schemas/Problem");
    }

    /** {@code shop-order-get-rest} becomes "Shop order get". */
    static String humanise(String operationId) {
        String words = operationId.replaceFirst("-rest$", "").replace('-', ' ').trim();
        return words.isEmpty() ? operationId : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
