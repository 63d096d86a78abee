package io.relais.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import io.relais.resources.ResourceViews.Shared;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Shares: the owner (or staff) shares a resource with a user or a group and takes a direct share back; the recipients
 * are told by a background job with retries (one notification per recipient, every member of a group but the sharer).
 */
@Service("resourceShares")
@org.springframework.validation.annotation.Validated
public class ShareService {

    private final JdbcClient jdbc;
    private final Profiles profiles;
    private final ResourceAccess access;
    private final Notifications notifications;
    private final ProducerTemplate camel;

    ShareService(JdbcClient jdbc, Profiles profiles, ResourceAccess access, Notifications notifications, ProducerTemplate camel) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.access = access;
        this.notifications = notifications;
        this.camel = camel;
    }

    public Shared share(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.Share body, @VerifiedCaller Caller caller) {
        UUID rid = Ids.of(id);
        access.ownedOrStaff(rid, caller);
        String username = body.username();
        UUID group = body.groupId();
        if (username == null && group == null) throw ApiProblem.invalidField("username", "a username or a groupId to share with");
        if (group != null && jdbc.sql("select 1 from resources.groups where id = :id").param("id", group).query(Integer.class).optional().isEmpty()) {
            throw ApiProblem.notFoundField("groupId", "no group " + group);
        }
        UUID with = username == null ? null : jdbc.sql("select id from resources.profiles where username = :username")
                .param("username", username).query(UUID.class).optional()
                .orElseThrow(() -> ApiProblem.invalidField("username", "no profile " + username));
        jdbc.sql("insert into resources.resource_shares (id, resource_id, user_id, shared_with, group_id) values (:id, :resource, :by, :with, :group)")
                .param("id", UUID.randomUUID()).param("resource", rid).param("by", profiles.of(caller)).param("with", with)
                .param("group", group).update();
        camel.sendBodyAndHeader("seda:resources-share-fanout", Map.of("resource", rid.toString(), "by", caller.username(),
                "with", with == null ? "" : with.toString(), "group", group == null ? "" : group.toString()), "attempt", 1);
        return new Shared(rid, true);
    }

    /** {@code DELETE /api/resources/{id}/share/{userId}}: the owner (or staff) takes a direct share back. */
    public Shared unshare(@Header("id") String id, @Header("userId") String userId, @VerifiedCaller Caller caller) {
        UUID rid = Ids.of(id);
        access.ownedOrStaff(rid, caller);
        int removed = jdbc.sql("delete from resources.resource_shares where resource_id = :resource and shared_with = :user")
                .param("resource", rid).param("user", Ids.of(userId)).update();
        if (removed == 0) throw ApiProblem.notFound("resource " + rid + " is not shared with " + userId);
        return new Shared(rid, false);
    }

    /** The fan-out job: one notification per recipient (a user, or every member of a group but the sharer). */
    public int fanOut(@Body Map<String, Object> job) {
        UUID resource = UUID.fromString(String.valueOf(job.get("resource")));
        String by = String.valueOf(job.get("by"));
        String title = jdbc.sql("select title from resources.resources where id = :id").param("id", resource).query(String.class).single();
        List<UUID> recipients = new ArrayList<>();
        if (!String.valueOf(job.get("with")).isEmpty()) recipients.add(UUID.fromString(String.valueOf(job.get("with"))));
        if (!String.valueOf(job.get("group")).isEmpty()) {
            recipients.addAll(jdbc.sql("select m.user_id from resources.group_members m join resources.profiles p on p.id = m.user_id "
                            + "where m.group_id = cast(:group as uuid) and p.username <> :by")
                    .param("group", job.get("group")).param("by", by).query(UUID.class).list());
        }
        recipients.forEach(r -> notifications.notify(r, "share", by + " shared a resource with you", title));
        return recipients.size();
    }
}
