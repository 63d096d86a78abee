package io.relais.resources.query;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import io.relais.resources.query.QueryBuilder.Answer;
import io.relais.resources.query.QueryBuilder.Preferences;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The HTTP side of the query builder ({@code /api/rest/v1/{table}} and {@code /api/rest/v1/rpc/{function}}), in the
 * dialect of PostgREST that supabase-js and the app's {@code LocalClient} speak: the query string, {@code Prefer}
 * ({@code return=representation}, {@code count=exact}, {@code resolution=merge-duplicates|ignore-duplicates}),
 * {@code Range}, and {@code Accept: application/vnd.pgrst.object+json} for one object. Answers carry
 * {@code Content-Range: first-last/total}.
 */
@Component("resourcesQueryBuilder")
public class QueryBuilderApi {

    static final String SINGLE_OBJECT = "application/vnd.pgrst.object+json";

    private final QueryBuilder queries;
    private final ObjectMapper json;

    QueryBuilderApi(QueryBuilder queries, ObjectMapper json) {
        this.queries = queries;
        this.json = json;
    }

    public String table(@Header("table") String table, @Header(Exchange.HTTP_METHOD) String method, @Header(Exchange.HTTP_QUERY) String rawQuery,
                        @Header("Prefer") String prefer, @Header("Range") String range, @Header("Accept") String accept, @Body String body,
                        @VerifiedCaller Caller caller, Message out) {
        RestQuery query = withRange(RestQuery.parse(decode(rawQuery)), range);
        Preferences preferences = preferences(prefer);
        String verb = method.toUpperCase(Locale.ROOT);
        Answer answer = switch (verb) {
            case "GET", "HEAD" -> queries.read(table, query, preferences, caller);
            case "POST" -> queries.insert(table, query, body, preferences, caller);
            case "PATCH" -> queries.update(table, query, body, preferences, caller);
            case "DELETE" -> queries.delete(table, query, preferences, caller);
            default -> throw ApiProblem.badRequest("method " + method + " is not served here");
        };
        boolean read = verb.equals("GET") || verb.equals("HEAD");
        int status = verb.equals("POST") ? 201 : answer.body() == null && !read ? 204 : 200;
        out.setHeader("Content-Range", contentRange(query, answer, read));
        return reply(out, status, verb.equals("HEAD") ? null : answer, accept);
    }

    public String rpc(@Header("function") String function, @Header(Exchange.HTTP_METHOD) String method, @Header(Exchange.HTTP_QUERY) String rawQuery,
                      @Header("Accept") String accept, @Body String body, @VerifiedCaller Caller caller, Message out) {
        Map<String, JsonNode> arguments = new LinkedHashMap<>();
        List<String[]> rest = new ArrayList<>();
        boolean get = "GET".equalsIgnoreCase(method);
        for (String[] p : decode(rawQuery)) {
            // GET rpc/f?a=1&limit=5: the arguments are in the query string, beside the paging
            if (get && !p[0].equals("limit") && !p[0].equals("offset")) arguments.put(p[0], json.getNodeFactory().textNode(p[1]));
            else rest.add(p);
        }
        if (!get && body != null && !body.isBlank()) {
            JsonNode given;
            try {
                given = json.readTree(body);
            } catch (java.io.IOException e) {
                throw ApiProblem.invalidField("body", "is not JSON");
            }
            if (!given.isObject()) throw ApiProblem.invalidField("body", "must be a JSON object of the function's arguments");
            given.fields().forEachRemaining(e -> arguments.put(e.getKey(), e.getValue()));
        }
        Answer answer = queries.call(function, arguments, RestQuery.parse(rest), get, caller);
        return reply(out, 200, answer, accept);
    }

    private String reply(Message out, int status, Answer answer, String accept) {
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        if (answer == null || answer.body() == null) return null;
        if (accept == null || !accept.contains(SINGLE_OBJECT)) return answer.body();
        if (answer.rows() != 1) {
            throw new ApiProblem(406, "Not Acceptable", "one object was asked for (" + SINGLE_OBJECT + ") and " + answer.rows()
                    + " rows matched (PGRST116)");
        }
        try {
            JsonNode rows = json.readTree(answer.body());
            return rows.isArray() ? rows.get(0).toString() : rows.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String contentRange(RestQuery query, Answer answer, boolean read) {
        String total = answer.total() == null ? "*" : answer.total().toString();
        if (answer.rows() == 0 || !read) return "*/" + total;
        int first = query.offset() == null ? 0 : query.offset();
        return first + "-" + (first + answer.rows() - 1) + "/" + total;
    }

    static Preferences preferences(String prefer) {
        boolean representation = false, count = false;
        String resolution = null;
        if (prefer != null) {
            for (String token : prefer.split("[,;]")) {
                switch (token.strip().toLowerCase(Locale.ROOT)) {
                    case "return=representation" -> representation = true;
                    case "count=exact", "count=planned", "count=estimated" -> count = true;
                    case "resolution=merge-duplicates" -> resolution = "merge-duplicates";
                    case "resolution=ignore-duplicates" -> resolution = "ignore-duplicates";
                    default -> {
                        // return=minimal, missing=default, tx=...: the defaults here
                    }
                }
            }
        }
        return new Preferences(representation, count, resolution);
    }

    /** {@code Range: 0-9} (or {@code items=0-9}) when the query string gives no limit and offset. */
    static RestQuery withRange(RestQuery query, String range) {
        if (range == null || range.isBlank() || query.limit() != null || query.offset() != null) return query;
        String r = range.strip();
        if (r.startsWith("items=")) r = r.substring(6);
        int dash = r.indexOf('-');
        try {
            int first = Integer.parseInt(r.substring(0, dash).strip());
            Integer limit = dash == r.length() - 1 ? null : Integer.parseInt(r.substring(dash + 1).strip()) - first + 1;
            if (first < 0 || limit != null && limit < 0) throw new NumberFormatException();
            return new RestQuery(query.select(), query.where(), query.order(), limit, first, query.columns(), query.onConflict());
        } catch (RuntimeException e) {
            throw ApiProblem.invalidField("Range", "must be first-last, for instance 0-9");
        }
    }

    /** The query string's parameters in order, decoded ({@code +} is a space, as browsers' URLSearchParams write it). */
    static List<String[]> decode(String rawQuery) {
        List<String[]> params = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) return params;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.add(new String[] {name, value});
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("the query string is not URL-encoded: " + pair);
            }
        }
        return params;
    }
}
