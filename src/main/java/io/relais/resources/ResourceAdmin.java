package io.relais.resources;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.relais.platform.web.ApiProblem;
import io.relais.resources.ResourceViews.ConfigSetting;
import io.relais.resources.ResourceViews.Suggestion;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The app's admin screens: its settings ({@code resources.admin_config}, validated; every change is in the audit log,
 * as every admin write is) and the suggestions to moderate.
 */
@Service("resourceAdmin")
@org.springframework.validation.annotation.Validated
public class ResourceAdmin {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ResourceAdmin(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<ConfigSetting> config() {
        return jdbc.sql("select key, value::text as value, updated_at from resources.admin_config order by key").query((rs, i) -> {
            try {
                return new ConfigSetting(rs.getString("key"), json.readTree(rs.getString("value")), rs.getObject("updated_at", OffsetDateTime.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).list();
    }

    public ConfigSetting setConfig(@Body @NotNull @Valid ResourceRequests.ConfigChange body) {
        String value;
        try {
            value = json.writeValueAsString(body.value());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiProblem.invalidField("value", "not JSON");
        }
        jdbc.sql("insert into resources.admin_config (id, key, value) values (:id, :key, cast(:value as jsonb)) "
                        + "on conflict (key) do update set value = excluded.value, updated_at = now()")
                .param("id", UUID.randomUUID()).param("key", body.key()).param("value", value).update();
        return config().stream().filter(c -> c.key().equals(body.key())).findFirst().orElseThrow();
    }

    /** Counts for the admin dashboard. */
    public ResourceViews.Stats stats() {
        return jdbc.sql("""
                select (select count(*) from resources.profiles) as profiles, (select count(*) from resources.resources) as resources,
                       (select count(*) from resources.resource_comments) as comments, (select count(*) from resources.collections) as collections,
                       (select coalesce(sum(view_count), 0) from resources.resources) as views,
                       (select count(*) from resources.category_tag_suggestions where status = 'pending') as pending_suggestions""")
                .query(ResourceViews.Stats.ROWS).single();
    }

    /** {@code GET /api/admin/suggestions?status=pending} (pending by default; all: every status). */
    public List<Suggestion> suggestions(@Header("status") String status) {
        String wanted = status == null || status.isBlank() ? "pending" : status;
        if (!List.of("pending", "approved", "rejected", "all").contains(wanted)) {
            throw ApiProblem.invalidField("status", "pending, approved, rejected or all");
        }
        return jdbc.sql("select s.id, s.kind::text as kind, s.name, s.status::text as status, p.username as author, "
                + "coalesce((select sum(v.vote) from resources.suggestion_votes v where v.suggestion_id = s.id), 0) as score, s.created_at "
                + "from resources.category_tag_suggestions s join resources.profiles p on p.id = s.user_id "
                + "where (:status = 'all' or s.status::text = :status) order by s.created_at desc limit 500").param("status", wanted)
                .query(Suggestion.ROWS).list();
    }
}
