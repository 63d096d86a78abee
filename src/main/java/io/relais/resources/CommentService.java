package io.relais.resources;

import java.util.List;
import java.util.UUID;

import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import io.relais.resources.ResourceViews.Comment;
import io.relais.resources.ResourceViews.CommentAdded;
import io.relais.resources.ResourceViews.Deleted;
import io.relais.resources.ResourceViews.Resource;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Comments: on a resource the reader may see (its owner is told), read oldest first; one comment
 * ({@code /api/comments/{id}}) is edited by its author and deleted by its author or staff (its replies go with it).
 */
@Service("resourceComments")
@org.springframework.validation.annotation.Validated
public class CommentService {

    private static final String SELECT = "select c.id, c.parent_id, p.username as author, c.content, c.created_at "
            + "from resources.resource_comments c join resources.profiles p on p.id = c.user_id";

    private final JdbcClient jdbc;
    private final Profiles profiles;
    private final ResourceAccess access;
    private final Notifications notifications;

    CommentService(JdbcClient jdbc, Profiles profiles, ResourceAccess access, Notifications notifications) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.access = access;
        this.notifications = notifications;
    }

    public CommentAdded add(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.NewComment body, @VerifiedCaller Caller caller) {
        UUID rid = Ids.of(id);
        Resource r = access.visible(rid, caller);
        UUID parent = body.parentId();
        if (parent != null && jdbc.sql("select 1 from resources.resource_comments where id = :parent and resource_id = :resource")
                .param("parent", parent).param("resource", rid).query(Integer.class).optional().isEmpty()) {
            throw ApiProblem.notFoundField("parentId", "no comment " + parent + " on this resource");
        }
        UUID cid = UUID.randomUUID();
        jdbc.sql("insert into resources.resource_comments (id, resource_id, user_id, content, parent_id) "
                        + "values (:id, :resource, :author, :content, :parent)")
                .param("id", cid).param("resource", rid).param("author", profiles.of(caller)).param("content", body.content())
                .param("parent", parent).update();
        if (!r.owner().equals(caller.username())) {
            notifications.notify(r.userId(), "comment", caller.username() + " commented on " + r.title(), body.content());
        }
        return new CommentAdded(cid, rid);
    }

    public List<Comment> list(@Header("id") String id, @VerifiedCaller Caller caller) {
        UUID rid = Ids.of(id);
        access.visible(rid, caller);
        return jdbc.sql(SELECT + " where c.resource_id = :resource order by c.created_at").param("resource", rid).query(Comment.ROWS).list();
    }

    public Comment update(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.CommentChanges body, @VerifiedCaller Caller caller) {
        UUID cid = Ids.of(id);
        if (!author(cid).equals(profiles.of(caller))) throw ApiProblem.forbidden("only its author may change a comment");
        jdbc.sql("update resources.resource_comments set content = :content where id = :id").param("content", body.content())
                .param("id", cid).update();
        return jdbc.sql(SELECT + " where c.id = :id").param("id", cid).query(Comment.ROWS).single();
    }

    public Deleted delete(@Header("id") String id, @VerifiedCaller Caller caller) {
        UUID cid = Ids.of(id);
        if (!author(cid).equals(profiles.of(caller)) && !caller.isStaff()) throw ApiProblem.forbidden("only its author may delete a comment");
        jdbc.sql("delete from resources.resource_comments where id = :id").param("id", cid).update();
        return new Deleted(cid, true);
    }

    private UUID author(UUID cid) {
        return jdbc.sql("select user_id from resources.resource_comments where id = :id").param("id", cid).query(UUID.class).optional()
                .orElseThrow(() -> ApiProblem.notFound("no comment " + cid));
    }
}
