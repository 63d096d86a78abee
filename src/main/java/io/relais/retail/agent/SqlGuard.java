package io.relais.retail.agent;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What SQL the retail agent may run, checked before anything reaches the database (which then runs it read-only, as
 * a role that can only read the views, with a timeout): one statement; a SELECT (or WITH ... SELECT); no comments, no
 * dollar quoting; no writing or session keyword anywhere outside string literals; parsed by a real SQL parser, every
 * relation it reads (FROM, JOIN, comma joins, subqueries) one of the allowlisted views; only allowlisted functions. Answers the statement wrapped in a forced LIMIT.
 */
public final class SqlGuard {

    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason);
        }
    }

    private static final Set<String> FORBIDDEN = Set.of("insert", "update", "delete", "drop", "alter", "create", "truncate",
            "grant", "revoke", "copy", "into", "call", "do", "execute", "prepare", "deallocate", "listen", "notify", "unlisten",
            "vacuum", "analyze", "cluster", "reindex", "lock", "set", "reset", "comment", "security", "refresh", "merge",
            "import", "load", "discard", "checkpoint", "declare", "fetch", "move", "close", "begin", "commit", "rollback",
            "savepoint", "returning", "for", "share", "nowait", "skip", "function", "procedure", "trigger", "owner", "role",
            "user", "session_user", "current_user", "pg_catalog", "information_schema", "tablesample");
    private static final Set<String> FUNCTIONS = Set.of("sum", "count", "avg", "min", "max", "round", "coalesce", "nullif",
            "lower", "upper", "trim", "length", "abs", "greatest", "least", "date_trunc", "extract", "to_char", "date_part",
            "cast", "floor", "ceil", "ceiling", "rank", "dense_rank", "row_number", "percentile_cont", "stddev", "string_agg",
            "concat", "substring", "left", "right", "make_date", "now", "current_date");
    // words followed by "(" that are syntax, not calls
    private static final Set<String> SYNTAX = Set.of("in", "exists", "over", "filter", "any", "all", "as", "from", "select",
            "and", "or", "not", "on", "using", "when", "then", "else", "values", "within", "group", "partition", "by", "join",
            "where", "having", "with", "case", "between", "like", "ilike", "is", "distinct", "interval", "lateral", "union",
            "except", "intersect", "limit", "offset", "order", "desc", "asc", "nulls", "first", "last");
    private static final Pattern CALL = Pattern.compile("\\b([a-z_][a-z0-9_.]*)\\s*\\(");
    private static final Pattern WORD = Pattern.compile("[a-z_][a-z0-9_]*");

    private final Set<String> views;

    public SqlGuard(List<String> views) {
        this.views = Set.copyOf(views);
    }

    /** The statement to run (with a forced LIMIT), or {@link Refused} with the reason. */
    public String check(String sql, int maxRows) {
        if (sql == null || sql.isBlank()) throw new Refused("no SQL");
        String s = sql.strip();
        while (s.endsWith(";")) s = s.substring(0, s.length() - 1).strip();
        if (s.length() > 4000) throw new Refused("statement too long");
        if (s.contains("--") || s.contains("/*") || s.contains("*/")) throw new Refused("comments are not accepted");
        if (s.contains("$")) throw new Refused("dollar quoting and parameters are not accepted");
        if (s.contains("\\")) throw new Refused("backslashes are not accepted");
        String code = withoutStrings(s).toLowerCase(Locale.ROOT);
        if (code.contains(";")) throw new Refused("one statement only");
        if (code.contains("\"")) throw new Refused("quoted identifiers are not accepted");
        if (!(code.startsWith("select") || code.startsWith("with"))) throw new Refused("only SELECT is accepted");
        Matcher words = WORD.matcher(code);
        while (words.find()) {
            if (FORBIDDEN.contains(words.group())) throw new Refused("'" + words.group() + "' is not accepted");
        }
        Set<String> ctes = ctes(code);
        checkRelations(s, ctes);
        Matcher calls = CALL.matcher(code);
        while (calls.find()) {
            String f = calls.group(1);
            if (SYNTAX.contains(f) || ctes.contains(f) || views.contains(f) || f.startsWith("retail.")) continue;
            if (!FUNCTIONS.contains(f)) throw new Refused("function " + f + "() is not accepted");
        }
        return "select * from (" + s + ") as answer limit " + maxRows;
    }

    /**
     * Parses the statement (JSqlParser) and checks every relation it reads, wherever it stands: FROM and JOIN items,
     * comma joins, subqueries, set operations, CTE bodies. Only the allowlisted views (or the statement's own CTEs).
     */
    private void checkRelations(String sql, Set<String> ctes) {
        net.sf.jsqlparser.statement.Statement statement;
        try {
            statement = net.sf.jsqlparser.parser.CCJSqlParserUtil.parse(sql);
        } catch (net.sf.jsqlparser.JSQLParserException | RuntimeException e) {
            throw new Refused("the statement could not be parsed as one SELECT");
        }
        if (!(statement instanceof net.sf.jsqlparser.statement.select.Select)) throw new Refused("only SELECT is accepted");
        Set<String> tables = new net.sf.jsqlparser.util.TablesNamesFinder<Void>().getTables(statement);
        boolean any = false;
        for (String table : tables) {
            String name = table.toLowerCase(Locale.ROOT);
            if (ctes.contains(name)) continue;
            String bare = name.startsWith("retail.") ? name.substring(7) : name;
            if (bare.contains(".") || !views.contains(bare)) {
                throw new Refused("only the views " + new java.util.TreeSet<>(views) + " may be read, not " + name);
            }
            any = true;
        }
        if (!any) throw new Refused("the statement reads none of the views");
    }

    private static Set<String> ctes(String code) {
        Set<String> names = new java.util.HashSet<>();
        Matcher m = Pattern.compile("(?:\\bwith|,)\\s*([a-z_][a-z0-9_]*)\\s+as\\s*\\(").matcher(code);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** The statement with every '...' literal emptied (keywords inside data are data). */
    static String withoutStrings(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean inString = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                if (inString && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i++;
                    continue;
                }
                inString = !inString;
                out.append('\'');
            } else if (!inString) {
                out.append(c);
            }
        }
        if (inString) throw new Refused("unterminated string literal");
        return out.toString();
    }
}
