package io.relais.resources;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.relais.platform.security.CallerHeaders;
import io.relais.platform.web.ApiProblem;
import io.relais.resources.ResourceViews.CollectionDetail;
import io.relais.resources.ResourceViews.CollectionEntry;
import io.relais.resources.ResourceViews.CollectionItem;
import io.relais.resources.ResourceViews.CollectionSummary;
import io.relais.resources.ResourceViews.Deleted;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * One collection ({@code /api/collections/{id}}): read it (public, or yours), change or delete it (yours), add a
 * resource to it with a body, as the app's client does. Its items are the resources the reader may see.
 */
@Service("resourceCollections")
@org.springframework.validation.annotation.Validated
public class CollectionService {

    private final JdbcTemplate jdbc;
    private final ResourceService resources;

    CollectionService(JdbcTemplate jdbc, ResourceService resources) {
        this.jdbc = jdbc;
        this.resources = resources;
    }

    public CollectionDetail get(@Header("id") String id, @Header(CallerHeaders.USERNAME) String caller) {
        UUID cid = Ids.of(id);
        List<Map<String, Object>> rows = jdbc.queryForList("select c.id, c.name, c.description, c.is_public, p.username as owner "
                + "from resources.collections c join resources.profiles p on p.id = c.user_id where c.id = ?", cid);
        if (rows.isEmpty()) throw ApiProblem.notFound("no collection " + id);
        Map<String, Object> c = rows.get(0);
        boolean mine = caller != null && caller.equals(c.get("owner"));
        if (!Boolean.TRUE.equals(c.get("is_public")) && !mine) throw ApiProblem.notFound("no collection " + id);
        List<CollectionItem> items = jdbc.query("select r.id, r.title, r.type::text as type, x.position from resources.collection_resources x "
                + "join resources.resources r on r.id = x.resource_id join resources.profiles p on p.id = r.user_id "
                + "where x.collection_id = ? and (r.visibility = 'public' or p.username = ?) order by x.position, x.created_at",
                CollectionItem.ROWS, cid, caller);
        return new CollectionDetail(cid, (String) c.get("name"), (String) c.get("description"), Boolean.TRUE.equals(c.get("is_public")),
                (String) c.get("owner"), items);
    }

    public CollectionSummary update(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.CollectionChanges body,
                                    @Header(CallerHeaders.USERNAME) String caller) {
        UUID cid = resources.ownCollection(id, caller);
        jdbc.update("update resources.collections set name = coalesce(?, name), description = coalesce(?, description), "
                + "is_public = coalesce(?, is_public) where id = ?", body.name(), body.description(), body.isPublic(), cid);
        return jdbc.queryForObject("select c.id, c.name, c.description, c.is_public, (select count(*) from resources.collection_resources x "
                + "where x.collection_id = c.id) as resources from resources.collections c where c.id = ?", CollectionSummary.ROWS, cid);
    }

    public Deleted delete(@Header("id") String id, @Header(CallerHeaders.USERNAME) String caller) {
        UUID cid = resources.ownCollection(id, caller);
        jdbc.update("delete from resources.collections where id = ?", cid);
        return new Deleted(cid, true);
    }

    /** {@code POST /api/collections/{id}/resources {resourceId}}: the body form of {@code PUT .../resources/{resourceId}}. */
    public CollectionEntry add(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.CollectionAddition body,
                               @Header(CallerHeaders.USERNAME) String caller) {
        return resources.addToCollection(id, body.resourceId().toString(), caller);
    }
}
