package io.relais.retail.agent;

import io.relais.platform.ai.ChatModelChain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import io.relais.retail.RetailDatabase;
import io.relais.retail.RetailSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;

/**
 * {@code POST /api/retail/agent/ask}: a question in French or English -> SQL over the retail views -> rows and a
 * sentence. The rules ({@link RetailQuestions}) write the SQL for the common questions; a configured model may write
 * it for the others ({@link SqlWriter}). Either way the SQL passes the {@link SqlGuard} and runs in a read-only
 * transaction, as the role {@code relais_retail_reader} when it exists, with a statement timeout and a row limit.
 * Every question is audited with its SQL; every answer names the run it read and the quality checks that run failed.
 */
@Service("retailAgent")
@Validated
public class RetailAgent {

    private static final Logger log = LoggerFactory.getLogger(RetailAgent.class);

    public record AgentQuestion(@NotBlank @Size(max = 1000) String question) {
    }

    private final JdbcTemplate jdbc; // runs the guarded SQL as it is (no parameter parsing)
    private final JdbcClient db;
    private final TransactionTemplate readOnly;
    private final SqlGuard guard = new SqlGuard(RetailDatabase.VIEWS);
    private final RetailSettings settings;
    private final SqlWriter writer;
    private volatile Boolean readerRole;

    RetailAgent(JdbcTemplate jdbc, PlatformTransactionManager transactions, RetailSettings settings, SqlWriter writer) {
        this.jdbc = jdbc;
        this.db = JdbcClient.create(jdbc);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.settings = settings;
        this.writer = writer;
    }

    public Map<String, Object> ask(@Body @Valid AgentQuestion request, @VerifiedCaller Caller caller) {
        String question = request.question().strip();
        Optional<RetailQuestions.Plan> plan = RetailQuestions.plan(question);
        String servedBy = "rules";
        String sql;
        String sentence;
        String fallbackReason = null;
        if (plan.isPresent()) {
            sql = plan.get().sql();
            sentence = plan.get().sentence();
        } else if (writer.available()) {
            try {
                sql = writer.write(question);
                sentence = null;
                ChatModelChain.Turn turn = ChatModelChain.turn();
                servedBy = turn.servedBy();
                if (!turn.notServed().isEmpty()) fallbackReason = "skipped: " + String.join("; ", turn.notServed());
            } catch (RuntimeException e) {
                fallbackReason = e.getMessage();
                audit(Caller.nameOf(caller), question, "rules", null, "NOT_UNDERSTOOD", null, null);
                throw ApiProblem.unprocessable("the question is not one the rules know and the model failed: " + e.getMessage());
            }
        } else {
            audit(Caller.nameOf(caller), question, "rules", null, "NOT_UNDERSTOOD", null, null);
            throw ApiProblem.unprocessable("not a question the rules know (top products / customers / countries by revenue or "
                    + "units over a period, revenue of a country, alerts, data quality); no model is configured for others");
        }
        return execute(Caller.nameOf(caller), question, sql, sentence, servedBy, fallbackReason);
    }

    /** Runs SQL from anywhere (rules, model, or a caller testing the guard) under every safety; audited. */
    Map<String, Object> execute(String caller, String question, String sql, String sentence, String servedBy, String fallbackReason) {
        Long runId = db.sql("select max(id) from retail.etl_runs where status in ('SUCCEEDED', 'WARNED', 'FAILED') "
                + "and finished_at is not null").query(Long.class).optional().orElse(null);
        String guarded;
        try {
            guarded = guard.check(sql, settings.agent().maxRows());
        } catch (SqlGuard.Refused refused) {
            audit(caller, question, servedBy, sql, "REFUSED: " + refused.getMessage(), null, runId);
            throw ApiProblem.unprocessable("SQL refused: " + refused.getMessage());
        }
        List<String> columns = new ArrayList<>();
        List<List<Object>> rows;
        try {
            rows = readOnly.execute(tx -> {
                jdbc.execute("set local statement_timeout = " + settings.agent().statementTimeout().toMillis());
                if (hasReaderRole()) jdbc.execute("set local role relais_retail_reader");
                return jdbc.query(guarded, rs -> {
                    List<List<Object>> out = new ArrayList<>();
                    var meta = rs.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) columns.add(meta.getColumnLabel(i));
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) row.add(rs.getObject(i));
                        out.add(row);
                    }
                    return out;
                });
            });
        } catch (DataAccessException e) {
            String reason = e.getMostSpecificCause().getMessage();
            audit(caller, question, servedBy, sql, "ERROR: " + reason, null, runId);
            throw ApiProblem.unprocessable("the query failed: " + reason);
        }
        audit(caller, question, servedBy, sql, "OK", rows.size(), runId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("question", question);
        answer.put("answer", sentence != null ? sentence + " " + summary(columns, rows) : summary(columns, rows));
        answer.put("sql", sql);
        answer.put("columns", columns);
        answer.put("rows", rows);
        answer.put("servedBy", servedBy);
        if (fallbackReason != null) answer.put("fallbackReason", fallbackReason);
        answer.put("runId", runId);
        answer.put("failedChecks", runId == null ? List.of() : checks(runId, "FAIL"));
        // a WARNED run says what warned (an empty failedChecks alone reads as "all checks passed")
        answer.put("warnedChecks", runId == null ? List.of() : checks(runId, "WARN"));
        return answer;
    }

    private List<String> checks(long runId, String level) {
        return db.sql("select name from retail.quality_results where run_id = :run and level = :level order by name").param("run", runId)
                .param("level", level).query(String.class).list();
    }

    /**
     * The first rows as a reader would say them: "1. WHITE HANGING HEART T-LIGHT HOLDER (G1A2B3C4D5): revenue 8,057.28,
     * units 1,234" rather than {@code golden_id=..., revenue=8057.28}; the rows themselves are in {@code rows}.
     */
    static String summary(List<String> columns, List<List<Object>> rows) {
        if (rows.isEmpty()) return "(no rows)";
        List<String> first = new ArrayList<>();
        for (int r = 0; r < Math.min(3, rows.size()); r++) {
            List<String> labels = new ArrayList<>(), ids = new ArrayList<>(), figures = new ArrayList<>();
            for (int c = 0; c < columns.size() && c < rows.get(r).size(); c++) {
                Object v = rows.get(r).get(c);
                String name = columns.get(c);
                if (v == null) continue;
                if (v instanceof Number n) figures.add(name.replace('_', ' ') + " " + number(n));
                else if (name.equals("id") || name.endsWith("_id") || name.endsWith("_code")) ids.add(v.toString());
                else labels.add(v.toString());
            }
            String label = String.join(" / ", labels) + (ids.isEmpty() ? "" : (labels.isEmpty() ? "" : " ") + "(" + String.join(", ", ids) + ")");
            first.add((r + 1) + ". " + label.strip() + (figures.isEmpty() ? "" : (label.isBlank() ? "" : ": ") + String.join(", ", figures)));
        }
        return String.join("; ", first) + (rows.size() > 3 ? "; ... (" + rows.size() + " rows)" : "");
    }

    private static String number(Number n) {
        java.text.DecimalFormat format = new java.text.DecimalFormat("#,##0.##", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        return format.format(n instanceof java.math.BigDecimal d ? d : java.math.BigDecimal.valueOf(n.doubleValue()));
    }

    private boolean hasReaderRole() {
        if (readerRole == null) {
            Boolean member = db.sql("select exists (select 1 from pg_roles where rolname = 'relais_retail_reader') "
                    + "and pg_has_role(current_user, 'relais_retail_reader', 'MEMBER')").query(Boolean.class).single();
            readerRole = Boolean.TRUE.equals(member);
            if (!readerRole) log.warn("Role relais_retail_reader unavailable: the agent's SQL runs read-only as {}", "the application user");
        }
        return readerRole;
    }

    private void audit(String caller, String question, String servedBy, String sql, String outcome, Integer rows, Long runId) {
        db.sql("insert into retail.agent_audit (asked_by, question, served_by, sql, outcome, row_count, run_id) "
                        + "values (:askedBy, :question, :servedBy, :sql, :outcome, :rows, :run)")
                .param("askedBy", caller).param("question", question).param("servedBy", servedBy).param("sql", sql)
                .param("outcome", outcome.length() > 1000 ? outcome.substring(0, 1000) : outcome).param("rows", rows).param("run", runId).update();
    }
}
