package io.relais.resources;

import java.util.List;
import java.util.UUID;

import io.relais.platform.web.ApiProblem;
import io.relais.resources.ResourceViews.Category;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The category tree and each category's filters: anyone reads the filters; admins add categories (under a parent, at
 * a position) and filters. The cached tree is evicted on each change.
 */
@Service("resourceCategories")
@org.springframework.validation.annotation.Validated
public class CategoryAdmin {

    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Filter(UUID id, UUID categoryId, String name, JsonNode values) {
    }

    private final JdbcClient jdbc;
    private final ReadCache cache;
    private final ObjectMapper json;

    CategoryAdmin(JdbcClient jdbc, ReadCache cache, ObjectMapper json) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.json = json;
    }

    public Category create(@Body @NotNull @Valid ResourceRequests.NewCategory body) {
        if (body.parentId() != null) existing(body.parentId(), "parentId");
        UUID id = UUID.randomUUID();
        int position = body.position() != null ? body.position() : jdbc.sql("select count(*) from resources.category_hierarchy "
                + "where parent_id is not distinct from :parent").param("parent", body.parentId()).query(Integer.class).single();
        jdbc.sql("insert into resources.category_hierarchy (id, name, parent_id, position) values (:id, :name, :parent, :position)")
                .param("id", id).param("name", body.name()).param("parent", body.parentId()).param("position", position).update();
        cache.evict("categories");
        return new Category(id, body.name(), body.parentId(), position);
    }

    public List<Filter> filters(@Header("id") String id) {
        UUID cid = existing(Ids.of(id), "id");
        return jdbc.sql("select id, category_id, name, \"values\"::text as filter_values from resources.category_filters where category_id = :category order by name")
                .param("category", cid).query((rs, i) -> new Filter(rs.getObject("id", UUID.class), cid, rs.getString("name"),
                        JsonColumns.array(json, rs.getString("filter_values")))).list();
    }

    public Filter addFilter(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.NewFilter body) {
        UUID cid = existing(Ids.of(id), "id");
        JsonNode values = body.values() == null ? json.createArrayNode() : body.values();
        if (!values.isArray()) throw ApiProblem.invalidField("values", "a JSON array of the filter's values");
        UUID fid = UUID.randomUUID();
        jdbc.sql("insert into resources.category_filters (id, category_id, name, \"values\") values (:id, :category, :name, cast(:values as jsonb))")
                .param("id", fid).param("category", cid).param("name", body.name()).param("values", values.toString()).update();
        return new Filter(fid, cid, body.name(), values);
    }

    private UUID existing(UUID id, String field) {
        if (jdbc.sql("select count(*) from resources.category_hierarchy where id = :id").param("id", id).query(Long.class).single() == 0) {
            throw ApiProblem.notFoundField(field, "no category " + id);
        }
        return id;
    }
}
