package io.relais.platform.web;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What PostgreSQL refused because of what the caller sent, by SQLState, as a 4xx naming the field: an unknown
 * reference (foreign key) is 404, a reference still in use 409, a duplicate 409, a missing or too long value or a
 * broken rule 400. Anything else stays a 500 with an incident. Never a table's internals beyond the column name.
 */
final class DatabaseRefusals {

    private static final Pattern KEY = Pattern.compile("Key \\(([^)]+)\\)=");

    private DatabaseRefusals() {
    }

    static Problem toProblem(Throwable failure) {
        SQLException sql = find(failure);
        if (sql == null || sql.getSQLState() == null) return null;
        String state = sql.getSQLState();
        ServerErrorMessage server = sql instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String detail = server == null ? null : server.getDetail();
        String column = server != null && server.getColumn() != null ? server.getColumn() : keyColumns(detail);
        String field = column == null ? "body" : column;
        ApiProblem problem = switch (state) {
            case "23503" -> detail != null && detail.contains("still referenced")
                    ? ApiProblem.conflict("it is still referenced by other records")
                    : ApiProblem.notFoundField(field, "refers to something that does not exist");
            case "23505" -> ApiProblem.conflictField(field, "already exists");
            case "23502" -> ApiProblem.invalidField(field, "is required");
            case "23514", "23P01" -> ApiProblem.invalidField(field, "breaks the rule " + (server == null ? "" : server.getConstraint()));
            case "22001", "54000" -> ApiProblem.invalidField(field, "is too long");
            case "22003" -> ApiProblem.invalidField(field, "is out of range");
            case "22007", "22008" -> ApiProblem.invalidField(field, "is not a valid date or time");
            case "22021", "22P05" -> ApiProblem.invalidField(field, "holds a character that cannot be stored");
            case "22P02" -> sql.getMessage() != null && sql.getMessage().contains("type uuid")
                    ? ApiProblem.notFound("no such item (the id is not a UUID)")
                    : ApiProblem.invalidField(field, "has the wrong format");
            case "40001", "40P01" -> ApiProblem.conflict("the data changed concurrently; retry");
            // the row rules (row-level security) or a column privilege refused the write
            case "42501" -> ApiProblem.forbidden(sql.getMessage() != null && sql.getMessage().contains("row-level security")
                    ? "the row rules do not allow this write" : "not allowed");
            case "P0002" -> ApiProblem.notFound(firstLine(sql.getMessage()));
            case "42883" -> ApiProblem.badRequest("the operator does not apply to that column's type");
            case "42P10" -> ApiProblem.invalidField("on_conflict", "names no unique key");
            case "57014" -> ApiProblem.unavailable("the statement took too long and was cancelled");
            default -> null;
        };
        return problem == null ? null : ProblemMapper.toProblem(problem);
    }

    /** PostgreSQL's message without the driver's "ERROR: " prefix, its position and its details. */
    private static String firstLine(String message) {
        if (message == null) return "";
        String line = message.lines().findFirst().orElse("");
        return line.startsWith("ERROR: ") ? line.substring(7) : line;
    }

    private static SQLException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) return s;
            if (t.getCause() == t) break;
        }
        return null;
    }

    private static String keyColumns(String detail) {
        if (detail == null) return null;
        Matcher m = KEY.matcher(detail);
        return m.find() ? m.group(1).replace(" ", "") : null;
    }
}
