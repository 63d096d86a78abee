package io.relais.resources;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import io.relais.resources.ResourceViews.Deleted;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Resource templates: anyone reads them; a signed-in user adds one; its author or staff delete it. */
@Service("resourceTemplates")
@org.springframework.validation.annotation.Validated
public class TemplateService {

    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Template(UUID id, String name, String description, JsonNode fields, String author, OffsetDateTime createdAt) {
    }

    private final JdbcClient jdbc;
    private final Profiles profiles;
    private final ObjectMapper json;

    TemplateService(JdbcClient jdbc, Profiles profiles, ObjectMapper json) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.json = json;
    }

    public List<Template> list() {
        return jdbc.sql("select t.id, t.name, t.description, t.fields::text as fields, p.username as author, t.created_at "
                        + "from resources.resource_templates t left join resources.profiles p on p.id = t.user_id order by t.name")
                .query((rs, i) -> new Template(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
                        JsonColumns.array(json, rs.getString("fields")), rs.getString("author"), rs.getObject("created_at", OffsetDateTime.class))).list();
    }

    public Template create(@Body @NotNull @Valid ResourceRequests.NewTemplate body, @VerifiedCaller Caller caller) {
        JsonNode fields = body.fields() == null ? json.createArrayNode() : body.fields();
        if (!fields.isArray()) throw ApiProblem.invalidField("fields", "a JSON array of the template's fields");
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into resources.resource_templates (id, user_id, name, description, fields) "
                        + "values (:id, :author, :name, :description, cast(:fields as jsonb))")
                .param("id", id).param("author", profiles.of(caller)).param("name", body.name()).param("description", body.description())
                .param("fields", fields.toString()).update();
        return list().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    public Deleted delete(@Header("id") String id, @VerifiedCaller Caller caller) {
        UUID tid = Ids.of(id);
        // the author, if any is left (a deleted profile leaves its templates to staff)
        java.util.Optional<UUID> author = jdbc.sql("select user_id from resources.resource_templates where id = :id").param("id", tid)
                .query((rs, i) -> java.util.Optional.ofNullable(rs.getObject(1, UUID.class))).optional()
                .orElseThrow(() -> ApiProblem.notFound("no template " + id));
        if (!author.equals(java.util.Optional.of(profiles.of(caller))) && !caller.isStaff()) {
            throw ApiProblem.forbidden("only its author may delete a template");
        }
        jdbc.sql("delete from resources.resource_templates where id = :id").param("id", tid).update();
        return new Deleted(tid, true);
    }
}
