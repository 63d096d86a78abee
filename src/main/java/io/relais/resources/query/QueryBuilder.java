package io.relais.resources.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.relais.platform.security.Caller;
import io.relais.platform.web.ApiProblem;
import io.relais.resources.Profiles;
import io.relais.resources.ResourcesSettings;
import io.relais.resources.query.RestSql.Statement;
import io.relais.resources.query.RestTables.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs query builder requests as PostgREST does: each in its own transaction, as the role {@code relais_rest}, with
 * the caller's claims ({@code request.jwt.claims}: profile id, name, roles) set for that transaction only, so the
 * row-level security policies of V22 decide which rows the caller reads and writes. Nothing here filters rows itself.
 */
@Component
class QueryBuilder {

    private static final Logger log = LoggerFactory.getLogger(QueryBuilder.class);

    /** What one request asks besides its query: PostgREST's {@code Prefer} and {@code Range}. */
    record Preferences(boolean representation, boolean count, String resolution) {
    }

    /** {@code rows} read or written, their JSON ({@code body}, null when not asked for) and the total when counted. */
    record Answer(int rows, String body, Long total) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Profiles profiles;
    private final ObjectMapper json;
    private final ResourcesSettings.QueryBuilder settings;
    private volatile RestTables tables;
    private volatile Boolean roleAvailable;

    QueryBuilder(JdbcClient jdbc, PlatformTransactionManager transactions, Profiles profiles, ObjectMapper json, ResourcesSettings settings) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.profiles = profiles;
        this.json = json;
        this.settings = settings.queryBuilder();
    }

    Answer read(String tableName, RestQuery query, Preferences prefer, Caller caller) {
        RestTables catalogue = tables();
        Table table = catalogue.table(tableName);
        Statement select = RestSql.select(catalogue, table, query, settings.maxRows());
        Statement count = prefer.count() ? RestSql.count(catalogue, table, query) : null;
        return asCaller(caller, true, false, () -> {
            Answer rows = run(select, true);
            Long total = count == null ? null : jdbc.sql(count.sql()).params(count.params()).query(Long.class).single();
            return new Answer(rows.rows(), rows.body(), total);
        });
    }

    Answer insert(String tableName, RestQuery query, String body, Preferences prefer, Caller caller) {
        RestTables catalogue = tables();
        Table table = catalogue.table(tableName);
        ArrayNode rows = rows(body);
        List<String> columns = query.columns() != null ? query.columns() : keys(rows);
        Statement insert = RestSql.insert(catalogue, table, query, columns, rows.toString(), prefer.resolution(), prefer.representation());
        return asCaller(caller, false, true, () -> run(insert, prefer.representation()));
    }

    Answer update(String tableName, RestQuery query, String body, Preferences prefer, Caller caller) {
        RestTables catalogue = tables();
        Table table = catalogue.table(tableName);
        JsonNode changes = parse(body);
        if (!changes.isObject()) throw ApiProblem.invalidField("body", "must be one JSON object of the columns to change");
        List<String> columns = new ArrayList<>();
        changes.fieldNames().forEachRemaining(columns::add);
        Statement update = RestSql.update(catalogue, table, query, columns, changes.toString(), prefer.representation());
        return asCaller(caller, false, true, () -> run(update, prefer.representation()));
    }

    Answer delete(String tableName, RestQuery query, Preferences prefer, Caller caller) {
        RestTables catalogue = tables();
        Statement delete = RestSql.delete(catalogue, catalogue.table(tableName), query, prefer.representation());
        return asCaller(caller, false, true, () -> run(delete, prefer.representation()));
    }

    /**
     * {@code rpc(name, args)}: arguments by name, each a JSON value (objects and lists passed as JSON text). A function
     * that changes data is called with POST by a signed-in caller; one that only reads, by anyone, read-only.
     */
    Answer call(String name, Map<String, JsonNode> arguments, RestQuery query, boolean get, Caller caller) {
        RestTables.Function function = tables().function(name);
        if (get && !function.readOnly()) throw new ApiProblem(405, "Method Not Allowed", name + " changes data: call it with POST");
        Map<String, String> values = new LinkedHashMap<>();
        arguments.forEach((k, v) -> values.put(k, v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString()));
        Statement call = RestSql.call(function, values, query, settings.maxRows());
        return asCaller(caller, function.readOnly(), !function.readOnly(), () -> run(call, true));
    }

    private Answer run(Statement statement, boolean withBody) {
        Map<String, Object> row = jdbc.sql(statement.sql()).params(statement.params()).query().singleRow();
        return new Answer(((Number) row.get("n")).intValue(), withBody ? (String) row.get("body") : null, null);
    }

    /** {@code signedIn}: table writes need a caller; functions decide themselves (their row rules see no caller). */
    private <T> T asCaller(Caller caller, boolean readOnly, boolean signedIn, java.util.function.Supplier<T> work) {
        if (!roleAvailable()) throw ApiProblem.unavailable("the query builder needs the database role relais_rest (created by migration V22 "
                + "when Relais' database user may create roles); ask your database administrator");
        if (signedIn && caller == null) throw ApiProblem.unauthorized("sign in to write");
        String claims = claims(caller);
        return transactions.execute(status -> {
            jdbc.sql("select set_config('role', 'relais_rest', true), set_config('request.jwt.claims', :claims, true), "
                            + "set_config('statement_timeout', :timeout, true), set_config('transaction_read_only', :readOnly, true)")
                    .param("claims", claims).param("timeout", Long.toString(settings.statementTimeout().toMillis()))
                    .param("readOnly", readOnly ? "on" : "off").query().singleRow();
            return work.get();
        });
    }

    private String claims(Caller caller) {
        Map<String, Object> claims = new LinkedHashMap<>();
        if (caller == null) {
            claims.put("role", "anon");
        } else {
            claims.put("role", "authenticated");
            claims.put("sub", caller.username());
            claims.put("profile_id", profiles.of(caller).toString());
            claims.put("roles", List.copyOf(caller.roles()));
            claims.put("staff", caller.isStaff());
        }
        try {
            return json.writeValueAsString(claims);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ArrayNode rows(String body) {
        JsonNode node = parse(body);
        if (node.isObject()) return json.createArrayNode().add(node);
        if (!node.isArray() || node.isEmpty()) throw ApiProblem.invalidField("body", "must be a JSON object or a non-empty list of objects");
        for (JsonNode n : node) if (!n.isObject()) throw ApiProblem.invalidField("body", "must hold JSON objects only");
        return (ArrayNode) node;
    }

    private static List<String> keys(ArrayNode rows) {
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        for (JsonNode row : rows) row.fieldNames().forEachRemaining(keys::add);
        if (keys.isEmpty()) throw ApiProblem.invalidField("body", "names no column");
        return List.copyOf(keys);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) throw ApiProblem.invalidField("body", "is required");
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            throw ApiProblem.invalidField("body", "is not JSON");
        }
    }

    private boolean roleAvailable() {
        Boolean known = roleAvailable;
        if (known == null) {
            known = jdbc.sql("select exists (select 1 from pg_roles where rolname = 'relais_rest') and pg_has_role(current_user, 'relais_rest', 'MEMBER')")
                    .query(Boolean.class).single();
            if (!known) log.warn("Role relais_rest missing: the query builder (/api/rest/v1) answers 503");
            roleAvailable = known;
        }
        return known;
    }

    /** Read once: the tables only change with a migration, which restarts Relais. */
    RestTables tables() {
        RestTables known = tables;
        if (known == null) {
            known = RestTables.of(
                    jdbc.sql("""
                            select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as type,
                                   has_column_privilege('relais_rest', c.oid, a.attnum, 'SELECT') as readable,
                                   has_column_privilege('relais_rest', c.oid, a.attnum, 'INSERT') as insertable,
                                   has_column_privilege('relais_rest', c.oid, a.attnum, 'UPDATE') as updatable
                              from pg_class c join pg_namespace n on n.oid = c.relnamespace
                              join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                             where n.nspname = 'resources' and c.relkind = 'r'
                               and exists (select 1 from pg_roles where rolname = 'relais_rest')
                             order by c.relname, a.attnum""").query().listOfRows(),
                    jdbc.sql("""
                            select c.relname as table_name, a.attname as column_name
                              from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
                              join lateral unnest(k.conkey) with ordinality as u(attnum, pos) on true
                              join pg_attribute a on a.attrelid = c.oid and a.attnum = u.attnum
                             where n.nspname = 'resources' and k.contype = 'p' order by c.relname, u.pos""").query().listOfRows(),
                    jdbc.sql("""
                            select k.conname as constraint_name, c.relname as table_name, a.attname as column_name,
                                   t.relname as target_table, ta.attname as target_column
                              from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
                              join pg_class t on t.oid = k.confrelid
                              join pg_attribute a on a.attrelid = c.oid and a.attnum = k.conkey[1]
                              join pg_attribute ta on ta.attrelid = t.oid and ta.attnum = k.confkey[1]
                             where n.nspname = 'resources' and k.contype = 'f' and cardinality(k.conkey) = 1
                             order by c.relname, k.conname""").query().listOfRows(),
                    functions());
            tables = known;
        }
        return known;
    }

    private List<RestTables.Function> functions() {
        List<RestTables.Function> functions = new ArrayList<>();
        for (Map<String, Object> f : jdbc.sql("""
                select p.proname as name, p.proretset as returns_set, p.pronargdefaults as defaults,
                       array_to_string(coalesce(p.proargnames, '{}'), ',') as arg_names,
                       (select string_agg(format_type(t, null), ',' order by i) from unnest(p.proargtypes) with ordinality as a(t, i)) as arg_types,
                       (select typtype = 'c' from pg_type where oid = p.prorettype) as returns_rows,
                       p.provolatile in ('s', 'i') as read_only
                  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                 where n.nspname = 'resources_rpc' order by p.proname""").query().listOfRows()) {
            String[] names = split(f.get("arg_names"));
            String[] types = split(f.get("arg_types"));
            int defaults = ((Number) f.get("defaults")).intValue();
            List<RestTables.Argument> arguments = new ArrayList<>();
            for (int i = 0; i < types.length; i++) arguments.add(new RestTables.Argument(names[i], types[i], i >= types.length - defaults));
            functions.add(new RestTables.Function((String) f.get("name"), List.copyOf(arguments), (Boolean) f.get("returns_set"),
                    Boolean.TRUE.equals(f.get("returns_rows")), Boolean.TRUE.equals(f.get("read_only"))));
        }
        return functions;
    }

    private static String[] split(Object list) {
        return list == null || list.toString().isEmpty() ? new String[0] : list.toString().split(",");
    }
}
