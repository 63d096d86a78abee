package io.relais.resources;

import java.util.List;
import java.util.UUID;

import io.relais.platform.security.CallerHeaders;
import io.relais.platform.web.ApiProblem;
import io.relais.resources.ResourceViews.Comment;
import io.relais.resources.ResourceViews.Deleted;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** One comment ({@code /api/comments/{id}}): its author edits it; its author or staff delete it (its replies go with it). */
@Service("resourceComments")
@org.springframework.validation.annotation.Validated
public class CommentService {

    private final JdbcTemplate jdbc;
    private final Profiles profiles;

    CommentService(JdbcTemplate jdbc, Profiles profiles) {
        this.jdbc = jdbc;
        this.profiles = profiles;
    }

    public Comment update(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.CommentChanges body,
                          @Header(CallerHeaders.USERNAME) String caller) {
        UUID cid = Ids.of(id);
        if (!author(cid).equals(profiles.of(caller))) throw ApiProblem.forbidden("only its author may change a comment");
        jdbc.update("update resources.resource_comments set content = ? where id = ?", body.content(), cid);
        return jdbc.queryForObject("select c.id, c.parent_id, p.username as author, c.content, c.created_at from resources.resource_comments c "
                + "join resources.profiles p on p.id = c.user_id where c.id = ?", Comment.ROWS, cid);
    }

    public Deleted delete(@Header("id") String id, @Header(CallerHeaders.USERNAME) String caller, @Header(CallerHeaders.ROLES) String roles) {
        UUID cid = Ids.of(id);
        if (!author(cid).equals(profiles.of(caller)) && !CallerHeaders.isStaff(roles)) {
            throw ApiProblem.forbidden("only its author may delete a comment");
        }
        jdbc.update("delete from resources.resource_comments where id = ?", cid);
        return new Deleted(cid, true);
    }

    private UUID author(UUID cid) {
        List<UUID> author = jdbc.queryForList("select user_id from resources.resource_comments where id = ?", UUID.class, cid);
        if (author.isEmpty()) throw ApiProblem.notFound("no comment " + cid);
        return author.get(0);
    }
}
