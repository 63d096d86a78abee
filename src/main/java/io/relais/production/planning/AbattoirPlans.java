package io.relais.production.planning;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Abattoir plans, for the process {@code abattoir-planning} and the REST API: start a planning for a window, compute
 * a plan (the batches whose force-feeding ends in the window, the abattoirs' capacities and distances, the pins a
 * manager asked for), publish the approved one, read plans and the planning of a period.
 */
@Service("abattoirPlans")
public class AbattoirPlans {

    /** 1.20 EUR a km, 150 EUR a day late, at most 3 days; liver target 550 g, +12 g a day waited, 2 EUR a gram off. */
    static final AbattoirPlanner.Costs COSTS = new AbattoirPlanner.Costs(1.2, 150, 3, 550, 12, 2);

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batchWriter;
    private final RuntimeService runtime;
    private final ObjectMapper json;

    AbattoirPlans(JdbcClient jdbc, NamedParameterJdbcTemplate batchWriter, RuntimeService runtime, ObjectMapper json) {
        this.jdbc = jdbc;
        this.batchWriter = batchWriter;
        this.runtime = runtime;
        this.json = json;
    }

    /** {@code POST /api/production/abattoir-plans {from, to}}: starts the process; answers the first plan. */
    public Map<String, Object> start(@Body Map<String, Object> request, @VerifiedCaller Caller caller) {
        String actor = Caller.nameOf(caller);
        LocalDate from = date(request, "from"), to = date(request, "to");
        if (to.isBefore(from)) throw ApiProblem.invalidField("to", "must not be before from");
        if (to.isAfter(from.plusDays(62))) throw ApiProblem.invalidField("to", "a window is at most 62 days");
        var instance = runtime.startProcessInstanceByKey("abattoir-planning", "plan-" + from + "-" + to + "-" + UUID.randomUUID().toString().substring(0, 6),
                Map.of("from", from.toString(), "to", to.toString(), "requestedBy", actor == null ? "api" : actor));
        Object planId = runtime.getVariable(instance.getId(), "planId");
        Map<String, Object> out = new LinkedHashMap<>(get(String.valueOf(planId)));
        out.put("processInstanceId", instance.getId());
        return out;
    }

    /** The weekly schedule: next Monday to Sunday. */
    public Map<String, Object> startWeekly() {
        LocalDate monday = LocalDate.now().with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        return start(Map.of("from", monday.toString(), "to", monday.plusDays(6).toString()), Caller.named("schedule"));
    }

    /** Service task: the plan for the process's window and pins; answers the variables the review task shows. */
    public Map<String, Object> compute(@Body Map<String, Object> vars, @Header("RelaisProcessInstanceId") String processInstance) {
        LocalDate from, to;
        if (vars.get("from") == null) { // the weekly timer: next Monday to Sunday
            from = LocalDate.now().with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            to = from.plusDays(6);
        } else {
            from = LocalDate.parse(String.valueOf(vars.get("from")));
            to = LocalDate.parse(String.valueOf(vars.get("to")));
        }
        Map<String, double[]> liverModels = liverModels();
        Map<Long, String> farmers = new HashMap<>();
        List<AbattoirPlanner.Batch> batches = jdbc.sql("""
                select b.id, b.code, b.site_code, b.end_date, b.strain_code,
                       sum(m.dose_morning_g + m.dose_evening_g)::float8, count(m.day)::float8,
                       (sum(m.dose_evening_g)::float8 / nullif(sum(m.dose_morning_g + m.dose_evening_g), 0)),
                       (select f.code from production.farmers f where f.id = b.farmer_id)
                  from production.batches b left join production.measurements m on m.batch_id = b.id
                 where b.end_date between :from and :to group by b.id order by b.end_date, b.id""")
                .param("from", from.minusDays(1)).param("to", to.minusDays(1)).query((rs, n) -> {
                    farmers.put(rs.getLong(1), rs.getString(9));
                    double[] model = liverModels.get(rs.getString(3) + "|" + rs.getString(5));
                    double forecast = model == null || rs.getDouble(7) == 0 ? Double.NaN
                            : model[0] + model[1] * rs.getDouble(6) + model[2] * rs.getDouble(7) + model[3] * rs.getDouble(8);
                    return new AbattoirPlanner.Batch(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate().plusDays(1), forecast);
                }).list();
        Map<String, Map<String, Double>> km = new HashMap<>();
        jdbc.sql("select abattoir_code, site_code, km from production.abattoir_distances").query(rs -> {
            km.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getDouble(3));
        });
        List<AbattoirPlanner.Abattoir> abattoirs = jdbc.sql("select code, daily_capacity from production.abattoirs order by code")
                .query((rs, n) -> new AbattoirPlanner.Abattoir(rs.getString(1), rs.getInt(2), km.getOrDefault(rs.getString(1), Map.of()))).list();
        List<String> ignored = new ArrayList<>();
        List<AbattoirPlanner.Pin> pins = pins(String.valueOf(vars.getOrDefault("pins", "")), batches, ignored);
        AbattoirPlanner.Plan plan = AbattoirPlanner.plan(batches, abattoirs, from, to, pins, COSTS);
        UUID id = UUID.randomUUID();
        boolean replanned = vars.get("planId") != null;
        try {
            jdbc.sql("insert into production.plans (id, window_from, window_to, status, total_cost, breakdown, unplaced, pins, "
                            + "process_instance_id) values (:id, :from, :to, :status, :cost, cast(:breakdown as jsonb), cast(:unplaced as jsonb), "
                            + "cast(:pins as jsonb), :processInstance)")
                    .param("id", id).param("from", from).param("to", to).param("status", replanned ? "REPLANNED" : "PROPOSED")
                    .param("cost", plan.totalCost()).param("breakdown", json.writeValueAsString(plan.breakdown()))
                    .param("unplaced", json.writeValueAsString(plan.unplaced().stream().map(AbattoirPlanner.Batch::code).toList()))
                    .param("pins", json.writeValueAsString(pins)).param("processInstance", processInstance).update();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        batchWriter.batchUpdate("insert into production.plan_assignments (plan_id, batch_id, abattoir_code, slaughter_date, cost, transport_km, "
                + "days_late, pinned) values (:plan, :batch, :abattoir, :day, :cost, :km, :daysLate, :pinned)", plan.assignments().stream()
                .map(a -> new MapSqlParameterSource("plan", id).addValue("batch", a.batch().id()).addValue("abattoir", a.abattoir())
                        .addValue("day", a.day()).addValue("cost", a.cost()).addValue("km", a.km()).addValue("daysLate", a.daysLate())
                        .addValue("pinned", a.pinned()))
                .toArray(MapSqlParameterSource[]::new));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("planId", id.toString());
        out.put("window", from + " to " + to); // the review task's name says which week it is
        out.put("totalCost", plan.totalCost());
        out.put("planSummary", plan.assignments().size() + " batches placed, cost " + plan.totalCost() + " EUR ("
                + plan.breakdown().get("transport_km") + " km = " + plan.breakdown().get("transport_cost") + " EUR, "
                + plan.breakdown().get("days_late") + " days late = " + plan.breakdown().get("delay_cost") + " EUR, liver weight off target = "
                + plan.breakdown().get("weight_off_target_cost") + " EUR): "
                + plan.breakdown().get("batches_per_abattoir") + (ignored.isEmpty() ? "" : "; pins ignored: " + String.join("; ", ignored)));
        out.put("unplacedText", plan.unplaced().isEmpty() ? "none"
                : plan.unplaced().stream().map(AbattoirPlanner.Batch::code).collect(Collectors.joining(", ")));
        Map<Long, AbattoirPlanner.Pin> pinOf = pins.stream().collect(Collectors.toMap(AbattoirPlanner.Pin::batchId, p -> p, (a, b) -> b));
        Map<Long, String> why = new HashMap<>();
        for (AbattoirPlanner.Batch u : plan.unplaced()) {
            why.put(u.id(), AbattoirPlanner.whyUnplaced(u, pinOf.get(u.id()), abattoirs, from, to, COSTS));
        }
        try {
            out.put("planJson", org.camunda.spin.plugin.variable.SpinValues.jsonValue(json.writeValueAsString(PlanReview.of(
                    id.toString(), from, to, plan, farmers, why, ignored, abattoirs.stream().map(AbattoirPlanner.Abattoir::code).toList())))
                    .create());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.put("feasible", plan.unplaced().isEmpty());
        out.put("decision", null);
        return out;
    }

    /** Service task: the approved plan becomes the published one; answers what the notification route says. */
    public Map<String, Object> publish(@Body Map<String, Object> vars) {
        UUID id = UUID.fromString(String.valueOf(vars.get("planId")));
        jdbc.sql("update production.plans set status = 'PUBLISHED', decided_by = :by where id = :id").param("by", vars.get("decidedBy"))
                .param("id", id).update();
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("planId", id.toString());
        notice.put("perSite", jdbc.sql("select b.site_code, count(*) as batches, min(a.slaughter_date) as first_day, "
                + "max(a.slaughter_date) as last_day from production.plan_assignments a join production.batches b on b.id = a.batch_id "
                + "where a.plan_id = :plan group by b.site_code order by b.site_code").param("plan", id).query().listOfRows());
        return notice;
    }

    public Map<String, Object> get(@Header("id") String id) {
        UUID planId;
        try {
            planId = UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiProblem.notFound("no plan " + id);
        }
        List<Map<String, Object>> rows = jdbc.sql("select id, window_from, window_to, status, total_cost, breakdown::text as breakdown, "
                + "unplaced::text as unplaced, pins::text as pins, process_instance_id, decided_by, created_at from production.plans where id = :id")
                .param("id", planId).query().listOfRows();
        if (rows.isEmpty()) throw ApiProblem.notFound("no plan " + id);
        Map<String, Object> plan = new LinkedHashMap<>(rows.get(0));
        for (String column : List.of("breakdown", "unplaced", "pins")) { // JSON in the answer, not JSON inside strings
            Object stored = plan.get(column);
            try {
                plan.put(column, stored == null ? null : json.readTree(stored.toString()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                plan.put(column, stored);
            }
        }
        plan.put("assignments", jdbc.sql("select b.code as batch, b.site_code, a.abattoir_code, a.slaughter_date, a.transport_km, "
                + "a.days_late, a.pinned, round(a.cost::numeric, 2) as cost from production.plan_assignments a join production.batches b "
                + "on b.id = a.batch_id where a.plan_id = :id order by a.slaughter_date, a.abattoir_code, b.code").param("id", planId).query().listOfRows());
        return plan;
    }

    /** {@code GET /api/euralis/abattages/planning?date_debut=&date_fin=}: the published slaughter days in the period. */
    public List<Map<String, Object>> planning(@Header("date_debut") String from, @Header("date_fin") String to) {
        LocalDate f = parse("date_debut", from, LocalDate.now()), t = parse("date_fin", to, f.plusDays(30));
        return jdbc.sql("""
                select a.slaughter_date as date_abattage, a.abattoir_code as abattoir, b.code as lot, b.site_code, f.code as gaveur,
                       b.ducks as canards, a.transport_km, p.id as plan_id
                  from production.plan_assignments a
                  join production.plans p on p.id = a.plan_id and p.status = 'PUBLISHED'
                  join production.batches b on b.id = a.batch_id join production.farmers f on f.id = b.farmer_id
                 where a.slaughter_date between :from and :to
                   and p.id = (select p2.id from production.plans p2 join production.plan_assignments a2 on a2.plan_id = p2.id
                                where a2.batch_id = a.batch_id and p2.status = 'PUBLISHED' order by p2.created_at desc limit 1)
                 order by a.slaughter_date, a.abattoir_code, b.code""").param("from", f).param("to", t).query().listOfRows();
    }

    /** The current liver-weight regression per site and strain: {intercept, dose_total_g, days, evening_share}. */
    private Map<String, double[]> liverModels() {
        Map<String, double[]> out = new HashMap<>();
        jdbc.sql("""
                select g.site_code, g.strain_code, g.coefficients::text from production.regressions g
                  join production.current_runs r on r.id = g.run_id and r.kind = 'regression' where g.target = 'liver_mean_g'""").query(rs -> {
            try {
                out.put(rs.getString(1) + "|" + rs.getString(2), json.readValue(rs.getString(3), double[].class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // an unreadable model is no model: no weight penalty for that site and strain
            }
        });
        return out;
    }

    /** "LS-G07-012=A-LAN@2025-06-04; ..." from the review form. */
    private static List<AbattoirPlanner.Pin> pins(String text, List<AbattoirPlanner.Batch> batches, List<String> ignored) {
        List<AbattoirPlanner.Pin> out = new ArrayList<>();
        if (text == null || text.isBlank() || text.equals("null")) return out;
        Map<String, Long> ids = batches.stream().collect(Collectors.toMap(AbattoirPlanner.Batch::code, AbattoirPlanner.Batch::id));
        for (String part : text.split("[;,\\n]")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            String[] kv = p.split("=");
            String[] where = kv.length == 2 ? kv[1].split("@") : new String[0];
            try {
                if (where.length != 2 || !ids.containsKey(kv[0].strip())) throw new IllegalArgumentException("not a batch of this window");
                out.add(new AbattoirPlanner.Pin(ids.get(kv[0].strip()), where[0].strip(), LocalDate.parse(where[1].strip())));
            } catch (RuntimeException e) {
                ignored.add("'" + p + "' (expected BATCH=ABATTOIR@YYYY-MM-DD for a batch of this window)");
            }
        }
        return out;
    }

    private static LocalDate date(Map<String, Object> request, String field) {
        return parse(field, request == null || request.get(field) == null ? null : String.valueOf(request.get(field)), null);
    }

    private static LocalDate parse(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            if (fallback != null) return fallback;
            throw ApiProblem.invalidField(field, "a date (YYYY-MM-DD) is needed");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "not a date (YYYY-MM-DD): " + value);
        }
    }
}
