package io.relais.resources;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import io.relais.resources.ResourceViews.Resource;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What a reader keeps and what a resource was: saved resources (favourites; a reader saves what they may see, and
 * sees only what they may still see) and a resource's versions (each change keeps the title and description it
 * replaced; its owner or staff restore one, which is itself a change, so nothing is lost).
 */
@Service("resourceLibrary")
@org.springframework.validation.annotation.Validated
public class ResourceLibrary {

    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Saved(UUID resource, String title, String type, String owner, OffsetDateTime savedAt) {
    }

    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SavedState(UUID resource, boolean saved) {
    }

    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Version(int version, String title, String description, String editor, OffsetDateTime createdAt) {
    }

    private final JdbcClient jdbc;
    private final Profiles profiles;
    private final ResourceAccess access;
    private final ReadCache cache;

    ResourceLibrary(JdbcClient jdbc, Profiles profiles, ResourceAccess access, ReadCache cache) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.access = access;
        this.cache = cache;
    }

    public List<Saved> saved(@VerifiedCaller Caller caller) {
        UUID me = profiles.of(caller);
        return jdbc.sql("""
                        select r.id as resource, r.title, r.type::text as type, p.username as owner, s.created_at as saved_at
                          from resources.saved_resources s join resources.resources r on r.id = s.resource_id
                          join resources.profiles p on p.id = r.user_id
                         where s.user_id = :me and (r.visibility = 'public' or r.user_id = :me or exists (
                               select 1 from resources.resource_shares x where x.resource_id = r.id and (x.shared_with = :me
                                  or x.group_id in (select m.group_id from resources.group_members m where m.user_id = :me))))
                         order by s.created_at desc""")
                .param("me", me).query(Saved.class).list();
    }

    public SavedState save(@Header("id") String id, @VerifiedCaller Caller caller) {
        UUID rid = Ids.of(id);
        access.visible(rid, caller);
        jdbc.sql("insert into resources.saved_resources (id, user_id, resource_id) values (:id, :me, :resource) on conflict do nothing")
                .param("id", UUID.randomUUID()).param("me", profiles.of(caller)).param("resource", rid).update();
        return new SavedState(rid, true);
    }

    public SavedState unsave(@Header("id") String id, @VerifiedCaller Caller caller) {
        UUID rid = Ids.of(id);
        jdbc.sql("delete from resources.saved_resources where user_id = :me and resource_id = :resource")
                .param("me", profiles.of(caller)).param("resource", rid).update();
        return new SavedState(rid, false);
    }

    public List<Version> versions(@Header("id") String id, @VerifiedCaller Caller caller) {
        UUID rid = Ids.of(id);
        access.visible(rid, caller);
        return jdbc.sql("select v.version, v.title, v.description, p.username as editor, v.created_at from resources.resource_versions v "
                        + "left join resources.profiles p on p.id = v.user_id where v.resource_id = :resource order by v.version desc")
                .param("resource", rid).query(Version.class).list();
    }

    /** The version's title and description come back; what they replace becomes the next version. */
    public Resource restore(@Header("id") String id, @Header("version") String version, @VerifiedCaller Caller caller) {
        UUID rid = Ids.of(id);
        Resource current = access.ownedOrStaff(rid, caller);
        int n;
        try {
            n = Integer.parseInt(version);
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiProblem.notFound("no version " + version);
        }
        Version old = jdbc.sql("select v.version, v.title, v.description, null as editor, v.created_at from resources.resource_versions v "
                        + "where v.resource_id = :resource and v.version = :version")
                .param("resource", rid).param("version", n).query(Version.class).optional()
                .orElseThrow(() -> ApiProblem.notFound("resource " + rid + " has no version " + version));
        jdbc.sql("insert into resources.resource_versions (id, resource_id, version, title, description, user_id) select :id, :resource, "
                        + "coalesce(max(version), 0) + 1, :title, :description, :editor from resources.resource_versions where resource_id = :resource")
                .param("id", UUID.randomUUID()).param("resource", rid).param("title", current.title())
                .param("description", current.description()).param("editor", profiles.of(caller)).update();
        jdbc.sql("update resources.resources set title = :title, description = :description where id = :id")
                .param("title", old.title()).param("description", old.description()).param("id", rid).update();
        cache.evict("popular", "profile:" + current.userId());
        return access.row(rid);
    }
}
