package io.relais.resources.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.relais.platform.web.ApiProblem;
import io.relais.platform.web.QueryParams;

/**
 * One query builder request in PostgREST's dialect, parsed from its query string: what to select (columns, aliases,
 * embedded relations), the filters ({@code col=op.value}, {@code not.}, {@code or=(...)}, {@code and=(...)}), the
 * order, the page and, for writes, the columns and the conflict target. Names are only syntax here; {@link RestSql}
 * checks them against the tables. Anything not understood is a 400 naming the parameter.
 */
record RestQuery(List<Field> select, List<Condition> where, List<Order> order, Integer limit, Integer offset,
                 List<String> columns, List<String> onConflict) {

    /** A selected column ({@code embed == null}) or an embedded relation. */
    record Field(String alias, String name, Embed embed) {
        String outputName() {
            return alias != null ? alias : name;
        }
    }

    /** {@code name!hint!inner(fields)}: a related table reached through a foreign key. */
    record Embed(String hint, boolean inner, List<Field> fields) {
    }

    sealed interface Condition permits Compare, Group {
    }

    /** {@code column op value}, {@code op} one of {@link #OPERATORS}. */
    record Compare(String column, String op, String value, boolean negated) implements Condition {
    }

    /** {@code or(...)} or {@code and(...)}. */
    record Group(boolean or, List<Condition> conditions, boolean negated) implements Condition {
    }

    record Order(String column, boolean descending, Boolean nullsFirst) {
    }

    static final Set<String> OPERATORS = Set.of("eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "in", "is", "cs", "cd", "ov");
    private static final Set<String> RESERVED = Set.of("select", "order", "limit", "offset", "columns", "on_conflict", "or", "and",
            "not.or", "not.and");
    static final Field STAR = new Field(null, "*", null);

    /** Parses decoded query parameters, in order. */
    static RestQuery parse(List<String[]> params) {
        List<Field> select = List.of(STAR);
        List<Condition> where = new ArrayList<>();
        List<Order> order = List.of();
        Integer limit = null, offset = null;
        List<String> columns = null, onConflict = null;
        for (String[] p : params) {
            String name = p[0], value = p[1];
            switch (name) {
                case "select" -> select = parseSelect(value);
                case "order" -> order = parseOrder(value);
                case "limit" -> limit = QueryParams.integer("limit", value, 0, 0, Integer.MAX_VALUE);
                case "offset" -> offset = QueryParams.integer("offset", value, 0, 0, Integer.MAX_VALUE);
                case "columns" -> columns = names("columns", value);
                case "on_conflict" -> onConflict = names("on_conflict", value);
                case "or", "and", "not.or", "not.and" -> where.add(group(name, value));
                default -> {
                    if (RESERVED.contains(name)) throw ApiProblem.invalidField(name, "is not supported");
                    where.add(compare(name, name, value));
                }
            }
        }
        return new RestQuery(select, List.copyOf(where), order, limit, offset, columns, onConflict);
    }

    // select=id,title,owner:profiles!user_id(username),resource_comments(*)
    static List<Field> parseSelect(String text) {
        String s = stripSpaces(text);
        if (s.isEmpty()) return List.of(STAR);
        List<Field> fields = new ArrayList<>();
        for (String item : splitTopLevel(s, "select")) {
            int paren = item.indexOf('(');
            String head = paren < 0 ? item : item.substring(0, paren);
            String alias = null;
            int colon = head.indexOf(':');
            if (colon >= 0 && !head.startsWith("::", colon)) {
                alias = name("select", head.substring(0, colon));
                head = head.substring(colon + 1);
            }
            if (head.contains("::") || head.contains("->")) throw ApiProblem.invalidField("select", "casts and JSON paths are not supported: " + item);
            if (paren < 0) {
                if (head.contains("!")) throw ApiProblem.invalidField("select", "'" + item + "' names a relation without its columns");
                fields.add(new Field(alias, name("select", head), null));
                continue;
            }
            if (!item.endsWith(")")) throw ApiProblem.invalidField("select", "unbalanced parentheses in '" + item + "'");
            String[] parts = head.split("!", -1);
            String hint = null;
            boolean inner = false;
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].equals("inner")) inner = true;
                else if (parts[i].equals("left")) inner = false;
                else hint = name("select", parts[i]);
            }
            fields.add(new Field(alias, name("select", parts[0]), new Embed(hint, inner, parseSelect(item.substring(paren + 1, item.length() - 1)))));
        }
        return List.copyOf(fields);
    }

    // order=created_at.desc.nullslast,title
    static List<Order> parseOrder(String text) {
        List<Order> order = new ArrayList<>();
        for (String item : stripSpaces(text).split(",")) {
            if (item.isEmpty()) continue;
            String[] parts = item.split("\\.");
            boolean desc = false;
            Boolean nullsFirst = null;
            for (int i = 1; i < parts.length; i++) {
                switch (parts[i]) {
                    case "asc" -> desc = false;
                    case "desc" -> desc = true;
                    case "nullsfirst" -> nullsFirst = true;
                    case "nullslast" -> nullsFirst = false;
                    default -> throw ApiProblem.invalidField("order", "'" + parts[i] + "' is not asc, desc, nullsfirst or nullslast");
                }
            }
            order.add(new Order(name("order", parts[0]), desc, nullsFirst));
        }
        return List.copyOf(order);
    }

    // title=ilike.*rose*  |  id=not.in.(a,b)  |  deleted_at=is.null
    private static Compare compare(String field, String column, String expression) {
        boolean negated = expression.startsWith("not.");
        String rest = negated ? expression.substring(4) : expression;
        int dot = rest.indexOf('.');
        String op = dot < 0 ? rest : rest.substring(0, dot);
        if (dot < 0 || !OPERATORS.contains(op)) {
            throw ApiProblem.invalidField(field, "'" + expression + "' is not a filter (operator.value, operators: eq, neq, gt, gte, lt, lte, "
                    + "like, ilike, in, is, cs, cd, ov, each optionally after not.)");
        }
        if (column.contains(".")) throw ApiProblem.invalidField(field, "filters on embedded relations are not supported");
        return new Compare(name(field, column), op, rest.substring(dot + 1), negated);
    }

    // or=(title.ilike.*rose*,and(type.eq.video,view_count.gt.10))
    private static Group group(String field, String value) {
        boolean negated = field.startsWith("not.");
        boolean or = field.endsWith("or");
        String v = value.strip();
        if (!v.startsWith("(") || !v.endsWith(")")) throw ApiProblem.invalidField(field, "must be (condition,condition,...)");
        return new Group(or, conditions(field, v.substring(1, v.length() - 1)), negated);
    }

    private static List<Condition> conditions(String field, String list) {
        List<Condition> conditions = new ArrayList<>();
        for (String item : splitTopLevel(list, field)) {
            String logic = item.startsWith("not.") ? item.substring(4) : item;
            if (logic.startsWith("or(") || logic.startsWith("and(")) {
                if (!logic.endsWith(")")) throw ApiProblem.invalidField(field, "unbalanced parentheses in '" + item + "'");
                int open = logic.indexOf('(');
                conditions.add(new Group(logic.startsWith("or"), conditions(field, logic.substring(open + 1, logic.length() - 1)),
                        item.startsWith("not.")));
                continue;
            }
            int dot = item.indexOf('.');
            if (dot <= 0) throw ApiProblem.invalidField(field, "'" + item + "' is not column.operator.value");
            conditions.add(compare(field, item.substring(0, dot), item.substring(dot + 1)));
        }
        if (conditions.isEmpty()) throw ApiProblem.invalidField(field, "holds no condition");
        return List.copyOf(conditions);
    }

    /** The values of {@code in.(a,"b,c")}. */
    static List<String> listValues(String field, String value) {
        String v = value.strip();
        if (!v.startsWith("(") || !v.endsWith(")")) throw ApiProblem.invalidField(field, "in. takes a list: in.(a,b,c)");
        List<String> values = new ArrayList<>();
        for (String item : splitTopLevel(v.substring(1, v.length() - 1), field)) values.add(unquote(item));
        return values;
    }

    static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }

    /** Splits at the commas outside parentheses and double quotes. */
    static List<String> splitTopLevel(String text, String field) {
        List<String> items = new ArrayList<>();
        int depth = 0, start = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                if (--depth < 0) throw ApiProblem.invalidField(field, "unbalanced parentheses");
            } else if (!quoted && depth == 0 && c == ',') {
                items.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0 || quoted) throw ApiProblem.invalidField(field, "unbalanced parentheses or quotes");
        items.add(text.substring(start));
        items.removeIf(String::isEmpty);
        return items;
    }

    private static List<String> names(String field, String value) {
        List<String> names = new ArrayList<>();
        for (String n : stripSpaces(value).split(",")) {
            if (!n.isEmpty()) names.add(name(field, unquote(n)));
        }
        if (names.isEmpty()) throw ApiProblem.invalidField(field, "names no column");
        return List.copyOf(names);
    }

    /** A table, column or relation name as PostgreSQL writes it unquoted (checked again against the catalogue). */
    static String name(String field, String name) {
        String n = unquote(name);
        if (n.equals("*")) return n;
        if (n.isEmpty() || n.length() > 63 || !n.chars().allMatch(c -> c == '_' || Character.isLetterOrDigit(c) && c < 128)) {
            throw ApiProblem.invalidField(field, "'" + name + "' is not a column or table name");
        }
        return n;
    }

    private static String stripSpaces(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') quoted = !quoted;
            if (quoted || !Character.isWhitespace(c)) out.append(c);
        }
        return out.toString();
    }
}
