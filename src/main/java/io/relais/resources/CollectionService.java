package io.relais.resources;

import java.util.List;
import java.util.UUID;

import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import io.relais.resources.ResourceViews.CollectionDetail;
import io.relais.resources.ResourceViews.CollectionEntry;
import io.relais.resources.ResourceViews.CollectionItem;
import io.relais.resources.ResourceViews.CollectionSummary;
import io.relais.resources.ResourceViews.Created;
import io.relais.resources.ResourceViews.Deleted;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Collections: yours (list, create), one collection (read it if public or yours; change, delete it if yours), and
 * its resources (add one you may see, by path or with a body as the app's client does; remove one). Its items are the
 * resources the reader may see.
 */
@Service("resourceCollections")
@org.springframework.validation.annotation.Validated
public class CollectionService {

    private static final String SUMMARY = "select c.id, c.name, c.description, c.is_public, (select count(*) from "
            + "resources.collection_resources x where x.collection_id = c.id) as resources from resources.collections c";

    private final JdbcClient jdbc;
    private final Profiles profiles;
    private final ResourceAccess access;

    CollectionService(JdbcClient jdbc, Profiles profiles, ResourceAccess access) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.access = access;
    }

    public List<CollectionSummary> mine(@VerifiedCaller Caller caller) {
        return jdbc.sql(SUMMARY + " where c.user_id = :owner order by c.created_at").param("owner", profiles.of(caller))
                .query(CollectionSummary.ROWS).list();
    }

    public Created create(@Body @NotNull @Valid ResourceRequests.NewCollection body, @VerifiedCaller Caller caller) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into resources.collections (id, user_id, name, description, is_public) values (:id, :owner, :name, :description, :public)")
                .param("id", id).param("owner", profiles.of(caller)).param("name", body.name()).param("description", body.description())
                .param("public", Boolean.TRUE.equals(body.isPublic())).update();
        return new Created(id, body.name());
    }

    public CollectionDetail get(@Header("id") String id, @VerifiedCaller Caller caller) {
        UUID cid = Ids.of(id);
        record Row(String name, String description, boolean isPublic, String owner) {
        }
        Row c = jdbc.sql("select c.name, c.description, c.is_public, p.username as owner from resources.collections c "
                        + "join resources.profiles p on p.id = c.user_id where c.id = :id").param("id", cid).query(Row.class).optional()
                .filter(row -> row.isPublic() || row.owner().equals(Caller.nameOf(caller)))
                .orElseThrow(() -> ApiProblem.notFound("no collection " + id));
        List<CollectionItem> items = jdbc.sql("select r.id, r.title, r.type::text as type, x.position from resources.collection_resources x "
                        + "join resources.resources r on r.id = x.resource_id join resources.profiles p on p.id = r.user_id "
                        + "where x.collection_id = :id and (r.visibility = 'public' or p.username = :reader) order by x.position, x.created_at")
                .param("id", cid).param("reader", Caller.nameOf(caller)).query(CollectionItem.ROWS).list();
        return new CollectionDetail(cid, c.name(), c.description(), c.isPublic(), c.owner(), items);
    }

    public CollectionSummary update(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.CollectionChanges body,
                                    @VerifiedCaller Caller caller) {
        UUID cid = access.ownCollection(id, caller);
        jdbc.sql("update resources.collections set name = coalesce(:name, name), description = coalesce(:description, description), "
                        + "is_public = coalesce(:public, is_public) where id = :id")
                .param("name", body.name()).param("description", body.description()).param("public", body.isPublic()).param("id", cid).update();
        return jdbc.sql(SUMMARY + " where c.id = :id").param("id", cid).query(CollectionSummary.ROWS).single();
    }

    public Deleted delete(@Header("id") String id, @VerifiedCaller Caller caller) {
        UUID cid = access.ownCollection(id, caller);
        jdbc.sql("delete from resources.collections where id = :id").param("id", cid).update();
        return new Deleted(cid, true);
    }

    public CollectionEntry addResource(@Header("id") String id, @Header("resourceId") String resourceId, @VerifiedCaller Caller caller) {
        UUID cid = access.ownCollection(id, caller), rid = Ids.of(resourceId);
        access.visible(rid, caller);
        jdbc.sql("insert into resources.collection_resources (id, collection_id, resource_id, position) values (:id, :collection, :resource, "
                        + "(select count(*) from resources.collection_resources where collection_id = :collection)) on conflict do nothing")
                .param("id", UUID.randomUUID()).param("collection", cid).param("resource", rid).update();
        return new CollectionEntry(cid, rid, true, null);
    }

    /** {@code POST /api/collections/{id}/resources {resourceId}}: the body form of {@code PUT .../resources/{resourceId}}. */
    public CollectionEntry add(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.CollectionAddition body,
                               @VerifiedCaller Caller caller) {
        return addResource(id, body.resourceId().toString(), caller);
    }

    public CollectionEntry removeResource(@Header("id") String id, @Header("resourceId") String resourceId, @VerifiedCaller Caller caller) {
        UUID cid = access.ownCollection(id, caller), rid = Ids.of(resourceId);
        jdbc.sql("delete from resources.collection_resources where collection_id = :collection and resource_id = :resource")
                .param("collection", cid).param("resource", rid).update();
        return new CollectionEntry(cid, rid, null, true);
    }
}
