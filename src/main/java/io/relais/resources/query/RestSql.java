package io.relais.resources.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.relais.platform.web.ApiProblem;
import io.relais.resources.query.RestQuery.Compare;
import io.relais.resources.query.RestQuery.Condition;
import io.relais.resources.query.RestQuery.Field;
import io.relais.resources.query.RestQuery.Group;
import io.relais.resources.query.RestQuery.Order;
import io.relais.resources.query.RestTables.Column;
import io.relais.resources.query.RestTables.Relation;
import io.relais.resources.query.RestTables.Table;

/**
 * Writes the SQL of one query builder request. Every name in it comes from {@link RestTables} and is quoted; every
 * value is a bound parameter cast to its column's type. Each statement answers one row: {@code n} (the rows read or
 * written) and {@code body} (them as a JSON array, built by PostgreSQL), so embedded relations cost no extra round trip.
 */
final class RestSql {

    /** One statement and its parameters. */
    record Statement(String sql, Map<String, Object> params) {
    }

    private final RestTables tables;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private int aliases;

    private RestSql(RestTables tables) {
        this.tables = tables;
    }

    static Statement select(RestTables tables, Table table, RestQuery query, int maxRows) {
        RestSql sql = new RestSql(tables);
        String t = sql.alias();
        StringBuilder s = new StringBuilder("select count(*)::int as n, coalesce(json_agg(r), '[]')::text as body from (select ")
                .append(sql.projection(table, t, query.select())).append(" from ").append(qualified(table)).append(' ').append(t)
                .append(sql.where(table, t, query));
        s.append(" order by ").append(sql.order(table, t, query.order()));
        sql.page(s, query, maxRows);
        return new Statement(s.append(") r").toString(), sql.params);
    }

    static Statement count(RestTables tables, Table table, RestQuery query) {
        RestSql sql = new RestSql(tables);
        String t = sql.alias();
        return new Statement("select count(*) from " + qualified(table) + " " + t + sql.where(table, t, query), sql.params);
    }

    /**
     * {@code insert ... select from json_populate_recordset}: PostgreSQL converts the JSON to the table's types itself.
     * {@code resolution}: null (plain insert), "merge-duplicates" or "ignore-duplicates" (upsert on the conflict target).
     */
    static Statement insert(RestTables tables, Table table, RestQuery query, List<String> columns, String json, String resolution,
                            boolean representation) {
        RestSql sql = new RestSql(tables);
        for (String c : columns) table.writable("body", c, true);
        String cols = columns.stream().map(RestSql::quote).collect(Collectors.joining(", "));
        sql.params.put("body", json);
        StringBuilder s = new StringBuilder("insert into ").append(qualified(table)).append(" as t0 (").append(cols).append(") select ")
                .append(cols).append(" from json_populate_recordset(null::").append(qualified(table)).append(", cast(:body as json))");
        if (resolution != null) {
            List<String> target = query.onConflict() != null ? query.onConflict() : table.primaryKey();
            for (String c : target) table.readable("on_conflict", c);
            s.append(" on conflict (").append(target.stream().map(RestSql::quote).collect(Collectors.joining(", "))).append(") ");
            List<String> changed = columns.stream().filter(c -> !target.contains(c)).toList();
            if (resolution.equals("ignore-duplicates") || changed.isEmpty()) {
                s.append("do nothing");
            } else {
                for (String c : changed) table.writable("body", c, false);
                s.append("do update set ").append(changed.stream().map(c -> quote(c) + " = excluded." + quote(c)).collect(Collectors.joining(", ")));
            }
        }
        return sql.written(table, query, s, representation);
    }

    static Statement update(RestTables tables, Table table, RestQuery query, List<String> columns, String json, boolean representation) {
        RestSql sql = new RestSql(tables);
        if (columns.isEmpty()) throw ApiProblem.invalidField("body", "names no column to change");
        for (String c : columns) table.writable("body", c, false);
        sql.params.put("body", json);
        String t = sql.alias();
        StringBuilder s = new StringBuilder("update ").append(qualified(table)).append(' ').append(t).append(" set ")
                .append(columns.stream().map(c -> quote(c) + " = j." + quote(c)).collect(Collectors.joining(", ")))
                .append(" from json_populate_record(null::").append(qualified(table)).append(", cast(:body as json)) j")
                .append(sql.requiredWhere(table, t, query));
        return sql.written(table, query, s, representation);
    }

    static Statement delete(RestTables tables, Table table, RestQuery query, boolean representation) {
        RestSql sql = new RestSql(tables);
        String t = sql.alias();
        StringBuilder s = new StringBuilder("delete from ").append(qualified(table)).append(' ').append(t).append(sql.requiredWhere(table, t, query));
        return sql.written(table, query, s, representation);
    }

    /** {@code select f(a => cast(:a as type), ...)}: named arguments, each cast to the function's own type. */
    static Statement call(RestTables.Function function, Map<String, String> arguments, RestQuery query, int maxRows) {
        RestSql sql = new RestSql(null);
        for (String given : arguments.keySet()) {
            if (function.arguments().stream().noneMatch(a -> a.name().equals(given))) {
                throw ApiProblem.invalidField(given, "is not an argument of " + function.name() + " ("
                        + function.arguments().stream().map(RestTables.Argument::name).collect(Collectors.joining(", ")) + ")");
            }
        }
        List<String> args = new ArrayList<>();
        for (RestTables.Argument a : function.arguments()) {
            String value = arguments.get(a.name());
            if (value == null) {
                if (!arguments.containsKey(a.name()) && a.hasDefault()) continue;
                if (!arguments.containsKey(a.name())) throw ApiProblem.invalidField(a.name(), "is required");
            }
            args.add(quote(a.name()) + " => cast(" + sql.param(value) + " as " + a.type() + ")");
        }
        String callSql = "resources_rpc." + quote(function.name()) + "(" + String.join(", ", args) + ")";
        if (!function.returnsSet()) return new Statement("select 1 as n, to_json(" + callSql + ")::text as body", sql.params);
        StringBuilder s = new StringBuilder("select count(*)::int as n, coalesce(json_agg(r), '[]')::text as body from (select * from ")
                .append(callSql).append(" f");
        sql.page(s, query, maxRows);
        return new Statement(s.append(") r").toString(), sql.params);
    }

    private Statement written(Table table, RestQuery query, StringBuilder dml, boolean representation) {
        if (!representation) return new Statement("with m as (" + dml + " returning 1) select count(*)::int as n, null::text as body from m", params);
        String returning = table.readableColumns().stream().map(c -> "t0." + quote(c.name()))
                .collect(Collectors.joining(", "));
        String t = alias();
        return new Statement("with m as (" + dml + " returning " + returning + ") select count(*)::int as n, coalesce(json_agg(r), '[]')::text as body "
                + "from (select " + projection(table, t, query.select()) + " from m " + t + ") r", params);
    }

    private String projection(Table table, String t, List<Field> fields) {
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.embed() == null && f.name().equals("*")) {
                for (Column c : table.readableColumns()) out.add(t + "." + quote(c.name()));
            } else if (f.embed() == null) {
                table.readable("select", f.name());
                out.add(t + "." + quote(f.name()) + (f.alias() == null ? "" : " as " + quote(f.alias())));
            } else {
                out.add(embedded(table, t, f) + " as " + quote(f.outputName()));
            }
        }
        if (out.isEmpty()) throw ApiProblem.invalidField("select", "selects nothing");
        return String.join(", ", out);
    }

    private String embedded(Table table, String t, Field f) {
        Relation rel = tables.relation(table, f.name(), f.embed().hint());
        String e = alias();
        String inner = "select " + projection(rel.table(), e, f.embed().fields()) + " from " + qualified(rel.table()) + " " + e
                + " where " + join(rel, t, e);
        return rel.toOne() ? "(select row_to_json(x) from (" + inner + ") x)" : "coalesce((select json_agg(x) from (" + inner + ") x), '[]'::json)";
    }

    private static String join(Relation rel, String outer, String inner) {
        return rel.toOne() ? inner + "." + quote(rel.key().targetColumn()) + " = " + outer + "." + quote(rel.key().column())
                : inner + "." + quote(rel.key().column()) + " = " + outer + "." + quote(rel.key().targetColumn());
    }

    private String where(Table table, String t, RestQuery query) {
        List<String> conditions = new ArrayList<>();
        for (Condition c : query.where()) conditions.add(condition(table, t, c));
        innerJoins(table, t, query.select(), conditions);
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    // name!inner(...): only the rows that have a related row
    private void innerJoins(Table table, String t, List<Field> fields, List<String> conditions) {
        for (Field f : fields) {
            if (f.embed() == null || !f.embed().inner()) continue;
            Relation rel = tables.relation(table, f.name(), f.embed().hint());
            String e = alias();
            conditions.add("exists (select 1 from " + qualified(rel.table()) + " " + e + " where " + join(rel, t, e) + ")");
        }
    }

    /** Writes that change or remove rows name them: a filter is required (no accidental whole-table update). */
    private String requiredWhere(Table table, String t, RestQuery query) {
        if (query.where().isEmpty()) throw ApiProblem.badRequest("a filter is required to change or delete rows (for instance ?id=eq.<id>)");
        return where(table, t, query);
    }

    private String condition(Table table, String t, Condition condition) {
        if (condition instanceof Group g) {
            String joined = g.conditions().stream().map(c -> condition(table, t, c)).collect(Collectors.joining(g.or() ? " or " : " and "));
            return (g.negated() ? "not " : "") + "(" + joined + ")";
        }
        Compare c = (Compare) condition;
        Column column = table.readable(c.column(), c.column());
        String col = t + "." + quote(column.name());
        String expr = switch (c.op()) {
            case "eq" -> col + " = " + typed(c.value(), column);
            case "neq" -> col + " <> " + typed(c.value(), column);
            case "gt" -> col + " > " + typed(c.value(), column);
            case "gte" -> col + " >= " + typed(c.value(), column);
            case "lt" -> col + " < " + typed(c.value(), column);
            case "lte" -> col + " <= " + typed(c.value(), column);
            case "like" -> "cast(" + col + " as text) like " + param(c.value().replace('*', '%'));
            case "ilike" -> "cast(" + col + " as text) ilike " + param(c.value().replace('*', '%'));
            case "in" -> {
                if (column.isArray()) throw ApiProblem.invalidField(c.column(), "in. does not apply to a list column; use cs. or ov.");
                yield col + " = any(cast(" + param(arrayLiteral(RestQuery.listValues(c.column(), c.value()))) + " as " + column.type() + "[]))";
            }
            case "is" -> col + " is " + switch (c.value()) {
                case "null" -> "null";
                case "true" -> "true";
                case "false" -> "false";
                case "unknown" -> "unknown";
                default -> throw ApiProblem.invalidField(c.column(), "is. takes null, true, false or unknown");
            };
            case "cs" -> col + " @> " + typed(c.value(), column);
            case "cd" -> col + " <@ " + typed(c.value(), column);
            case "ov" -> col + " && " + typed(c.value(), column);
            default -> throw ApiProblem.invalidField(c.column(), "unknown operator " + c.op());
        };
        return c.negated() ? "not (" + expr + ")" : expr;
    }

    private String order(Table table, String t, List<Order> order) {
        List<Order> effective = order.isEmpty() ? table.primaryKey().stream().map(k -> new Order(k, false, null)).toList() : order;
        if (effective.isEmpty()) return "1";
        return effective.stream().map(o -> {
            table.readable("order", o.column());
            return t + "." + quote(o.column()) + (o.descending() ? " desc" : " asc")
                    + (o.nullsFirst() == null ? "" : o.nullsFirst() ? " nulls first" : " nulls last");
        }).collect(Collectors.joining(", "));
    }

    private void page(StringBuilder s, RestQuery query, int maxRows) {
        int limit = query.limit() == null ? maxRows : Math.min(query.limit(), maxRows);
        s.append(" limit ").append(param(limit));
        if (query.offset() != null && query.offset() > 0) s.append(" offset ").append(param(query.offset()));
    }

    private String typed(String value, Column column) {
        return "cast(" + param(RestQuery.unquote(value)) + " as " + column.type() + ")";
    }

    private String param(Object value) {
        String name = "p" + (params.size() + 1);
        params.put(name, value);
        return ":" + name;
    }

    private String alias() {
        return "t" + aliases++;
    }

    /** {@code {"a","b \"c\""}}: PostgreSQL's array literal, every element quoted. */
    static String arrayLiteral(List<String> values) {
        return values.stream().map(v -> v.equals("null") ? "NULL" : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String qualified(Table table) {
        return "resources." + quote(table.name());
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
