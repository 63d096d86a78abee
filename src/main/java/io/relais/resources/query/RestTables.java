package io.relais.resources.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.relais.platform.web.ApiProblem;

/**
 * What the query builder may touch, read from PostgreSQL's catalogue: the tables of the {@code resources} schema the
 * role {@code relais_rest} has privileges on, their columns with the privileges and types, their primary keys, the
 * foreign keys between them (for embedding) and the functions of {@code resources_rpc}. Names from a request are
 * looked up here; only names found here reach SQL, always quoted.
 */
record RestTables(Map<String, Table> tables, Map<String, Function> functions) {

    record Column(String name, String type, boolean readable, boolean insertable, boolean updatable) {
        boolean isArray() {
            return type.endsWith("[]");
        }
    }

    /** {@code table.column -> target.targetColumn}, named by its constraint. */
    record ForeignKey(String constraint, String table, String column, String target, String targetColumn) {
    }

    record Table(String name, Map<String, Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys) {

        Column readable(String field, String column) {
            Column c = columns.get(column);
            if (c == null || !c.readable()) throw ApiProblem.invalidField(field, "'" + column + "' is not a column of " + name + " you may read");
            return c;
        }

        Column writable(String field, String column, boolean insert) {
            Column c = columns.get(column);
            if (c == null || !(insert ? c.insertable() : c.updatable())) {
                throw ApiProblem.invalidField(field, "'" + column + "' is not a column of " + name + " you may " + (insert ? "write" : "change"));
            }
            return c;
        }

        List<Column> readableColumns() {
            return columns.values().stream().filter(Column::readable).toList();
        }
    }

    record Argument(String name, String type, boolean hasDefault) {
    }

    /** {@code readOnly}: declared stable or immutable (it changes nothing: callable with GET and by anyone). */
    record Function(String name, List<Argument> arguments, boolean returnsSet, boolean returnsRows, boolean readOnly) {
    }

    Table table(String name) {
        Table t = tables.get(name);
        if (t == null) throw ApiProblem.notFound("no table " + name + " (tables: " + String.join(", ", tables.keySet()) + ")");
        return t;
    }

    Function function(String name) {
        Function f = functions.get(name);
        if (f == null) throw ApiProblem.notFound("no function " + name + " (functions: " + String.join(", ", functions.keySet()) + ")");
        return f;
    }

    /**
     * The relation {@code name} (a table, or a foreign key column or constraint when {@code hint} names one) seen from
     * {@code from}: many-to-one when {@code from} holds the key (an object), one-to-many when the other table does (a list).
     */
    Relation relation(Table from, String name, String hint) {
        List<Relation> found = new ArrayList<>();
        Optional<Table> target = Optional.ofNullable(tables.get(name));
        for (ForeignKey fk : from.foreignKeys()) {
            boolean byTable = target.isPresent() && fk.target().equals(name);
            boolean byColumn = target.isEmpty() && (fk.column().equals(name) || fk.constraint().equals(name));
            if ((byTable || byColumn) && matches(fk, hint)) found.add(new Relation(table(fk.target()), fk, true));
        }
        if (target.isPresent()) {
            for (ForeignKey fk : target.get().foreignKeys()) {
                if (fk.target().equals(from.name()) && matches(fk, hint)) found.add(new Relation(target.get(), fk, false));
            }
        }
        if (found.isEmpty()) throw ApiProblem.invalidField("select", "no relation between " + from.name() + " and " + name);
        if (found.size() > 1) {
            throw ApiProblem.invalidField("select", "more than one relation between " + from.name() + " and " + name
                    + "; name the key: " + name + "!" + String.join(" or " + name + "!", found.stream().map(r -> r.key().column()).toList()));
        }
        return found.get(0);
    }

    private static boolean matches(ForeignKey fk, String hint) {
        return hint == null || fk.column().equals(hint) || fk.constraint().equals(hint);
    }

    /** {@code toOne}: {@code from} holds the key (key.table = from); otherwise the related table holds it. */
    record Relation(Table table, ForeignKey key, boolean toOne) {
    }

    static RestTables of(List<Map<String, Object>> columns, List<Map<String, Object>> keys, List<Map<String, Object>> foreignKeys,
                         List<Function> functions) {
        Map<String, Map<String, Column>> cols = new LinkedHashMap<>();
        for (Map<String, Object> c : columns) {
            cols.computeIfAbsent((String) c.get("table_name"), t -> new LinkedHashMap<>()).put((String) c.get("column_name"),
                    new Column((String) c.get("column_name"), (String) c.get("type"), (Boolean) c.get("readable"),
                            (Boolean) c.get("insertable"), (Boolean) c.get("updatable")));
        }
        Map<String, List<String>> pks = new LinkedHashMap<>();
        for (Map<String, Object> k : keys) pks.computeIfAbsent((String) k.get("table_name"), t -> new ArrayList<>()).add((String) k.get("column_name"));
        Map<String, List<ForeignKey>> fks = new LinkedHashMap<>();
        for (Map<String, Object> f : foreignKeys) {
            fks.computeIfAbsent((String) f.get("table_name"), t -> new ArrayList<>()).add(new ForeignKey((String) f.get("constraint_name"),
                    (String) f.get("table_name"), (String) f.get("column_name"), (String) f.get("target_table"), (String) f.get("target_column")));
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        cols.forEach((name, c) -> {
            if (c.values().stream().anyMatch(Column::readable)) {
                tables.put(name, new Table(name, Collections.unmodifiableMap(c), List.copyOf(pks.getOrDefault(name, List.of())),
                        List.copyOf(fks.getOrDefault(name, List.of()).stream().filter(fk -> cols.containsKey(fk.target())).toList())));
            }
        });
        Map<String, Function> fns = new LinkedHashMap<>();
        for (Function f : functions) fns.put(f.name(), f);
        return new RestTables(Collections.unmodifiableMap(tables), Collections.unmodifiableMap(fns));
    }
}
