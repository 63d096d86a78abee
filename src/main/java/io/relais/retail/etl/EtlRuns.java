package io.relais.retail.etl;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relais.platform.web.ApiProblem;
import io.relais.platform.web.QueryParams;
import org.apache.camel.Header;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code retail.etl_runs} rows: written in transactions of their own, so progress is visible while the load's
 * own transaction is still open, and a failed load still leaves its run marked FAILED with the reason.
 */
@Component("retailRuns")
public class EtlRuns {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate own;
    private final ObjectMapper json;

    EtlRuns(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
    }

    public long start(String source, String checksum, String strategy, boolean forced, String actor, String status, String mode) {
        Long id = own.execute(tx -> jdbc.queryForObject("""
                insert into retail.etl_runs (source, checksum, strategy, forced, status, created_by, step, mode)
                values (:source, :checksum, :strategy, :forced, :status, :actor, :step, :mode) returning id""",
                new MapSqlParameterSource("source", source).addValue("checksum", checksum).addValue("strategy", strategy).addValue("mode", mode)
                        .addValue("forced", forced).addValue("status", status).addValue("actor", actor)
                        .addValue("step", "RUNNING".equals(status) ? "clean" : null), Long.class));
        return id == null ? 0 : id;
    }

    /**
     * In the caller's transaction (a lease take-over): a RUNNING run whose node died ends {@code status} (ABANDONED or
     * FAILED) with the reason; answers whether it was still RUNNING.
     */
    public boolean abandon(long id, String status, String reason) {
        return jdbc.update("""
                update retail.etl_runs set status = :status, error = :reason, finished_at = now()
                 where id = :id and status = 'RUNNING'""",
                new MapSqlParameterSource("id", id).addValue("status", status).addValue("reason", reason)) == 1;
    }

    /** In the caller's transaction: a new RUNNING run that takes up the input of an abandoned one. */
    public long startRetry(long abandoned) {
        Long id = jdbc.queryForObject("""
                insert into retail.etl_runs (source, checksum, strategy, forced, status, created_by, step, retry_of, mode)
                select source, checksum, strategy, forced, 'RUNNING', created_by, 'clean', id, mode
                  from retail.etl_runs where id = :id returning id""", new MapSqlParameterSource("id", abandoned), Long.class);
        return id == null ? 0 : id;
    }

    public void progress(long id, String step, Map<String, Object> progress) {
        own.executeWithoutResult(tx -> jdbc.update("update retail.etl_runs set step = :step, progress = cast(:p as jsonb) where id = :id",
                new MapSqlParameterSource("id", id).addValue("step", step).addValue("p", write(progress))));
    }

    public void update(long id, Map<String, Object> columns) {
        StringBuilder sql = new StringBuilder("update retail.etl_runs set ");
        MapSqlParameterSource p = new MapSqlParameterSource("id", id);
        int n = 0;
        for (var e : columns.entrySet()) {
            if (n++ > 0) sql.append(", ");
            Object v = e.getValue();
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                sql.append(e.getKey()).append(" = cast(:").append(e.getKey()).append(" as jsonb)");
                p.addValue(e.getKey(), write(v));
            } else {
                sql.append(e.getKey()).append(" = :").append(e.getKey());
                p.addValue(e.getKey(), v);
            }
        }
        sql.append(" where id = :id");
        own.executeWithoutResult(tx -> jdbc.update(sql.toString(), p));
    }

    public void finish(long id, String status, String error) {
        own.executeWithoutResult(tx -> jdbc.update("""
                update retail.etl_runs set status = :status, error = :error, finished_at = :now,
                       step = case when :status = 'FAILED' then step else 'done' end
                 where id = :id and status <> 'ABANDONED'""",
                new MapSqlParameterSource("id", id).addValue("status", status).addValue("error", error)
                        .addValue("now", new Timestamp(System.currentTimeMillis()))));
    }

    public boolean isForced(long id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select forced from retail.etl_runs where id = :id",
                new MapSqlParameterSource("id", id), Boolean.class));
    }

    /** The run that already loaded this exact input, if any. */
    public Optional<Long> loaded(String checksum) {
        return jdbc.queryForList("select id from retail.etl_runs where checksum = :c and published "
                + "order by id desc limit 1", new MapSqlParameterSource("c", checksum), Long.class).stream().findFirst();
    }

    public Map<String, Object> get(@Header("id") String id) {
        long runId;
        try {
            runId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("no ETL run " + id);
        }
        return find(runId).orElseThrow(() -> ApiProblem.notFound("no ETL run " + id));
    }

    public Optional<Map<String, Object>> find(long id) {
        List<Map<String, Object>> rows = jdbc.queryForList("select * from retail.etl_runs where id = :id",
                new MapSqlParameterSource("id", id));
        return rows.stream().findFirst().map(this::view);
    }

    public Map<String, Object> list(@Header("page") String page, @Header("size") String size) {
        int p = QueryParams.integer("page", page, 0, 0, 100_000);
        int s = QueryParams.integer("size", size, 20, 1, 200);
        List<Map<String, Object>> rows = jdbc.queryForList("select * from retail.etl_runs order by id desc limit :l offset :o",
                new MapSqlParameterSource("l", s).addValue("o", (long) p * s));
        Long total = jdbc.getJdbcTemplate().queryForObject("select count(*) from retail.etl_runs", Long.class);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", rows.stream().map(this::view).toList());
        out.put("total", total);
        out.put("page", p);
        out.put("size", s);
        return out;
    }

    private Map<String, Object> view(Map<String, Object> row) {
        Map<String, Object> v = new LinkedHashMap<>();
        row.forEach((k, value) -> {
            if (value instanceof org.postgresql.util.PGobject pg) v.put(camel(k), read(pg.getValue()));
            else if (value instanceof Timestamp t) v.put(camel(k), t.toInstant());
            else v.put(camel(k), value);
        });
        return v;
    }

    private static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char c : column.toCharArray()) {
            if (c == '_') up = true;
            else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
    }

    private Object read(String value) {
        try {
            return value == null ? null : json.readValue(value, Object.class);
        } catch (JsonProcessingException e) {
            return value;
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
