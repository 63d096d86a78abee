package io.relais.resources;

import java.util.List;
import java.util.UUID;

import io.relais.platform.security.Caller;
import io.relais.platform.web.ApiProblem;
import io.relais.resources.ResourceViews.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may see and change a resource, written once for every sub-resource: {@link #visible} (public, its owner, shared
 * with the caller directly or through a group, or staff; anything else is "not found", so a private resource's
 * existence does not leak), {@link #ownedOrStaff} (403 otherwise) and {@link #ownCollection}.
 */
@Component
class ResourceAccess {

    private final JdbcClient jdbc;
    private final Profiles profiles;

    ResourceAccess(JdbcClient jdbc, Profiles profiles) {
        this.jdbc = jdbc;
        this.profiles = profiles;
    }

    Resource visible(UUID rid, Caller caller) {
        Resource r = row(rid);
        if ("public".equals(r.visibility()) || caller != null && (r.owner().equals(caller.username()) || caller.isStaff())) return r;
        if (caller != null && jdbc.sql("""
                select exists (select 1 from resources.resource_shares s join resources.profiles p on p.username = :caller
                                where s.resource_id = :resource and (s.shared_with = p.id
                                   or s.group_id in (select m.group_id from resources.group_members m where m.user_id = p.id)))""")
                .param("caller", caller.username()).param("resource", rid).query(Boolean.class).single()) {
            return r;
        }
        throw ApiProblem.notFound("no resource " + rid);
    }

    Resource ownedOrStaff(UUID rid, Caller caller) {
        Resource r = row(rid);
        if (caller == null || !r.owner().equals(caller.username()) && !caller.isStaff()) {
            throw ApiProblem.forbidden("only its owner may change this resource");
        }
        return r;
    }

    /** The caller's collection, or 404 (no such collection) or 403 (someone else's). */
    UUID ownCollection(String id, Caller caller) {
        UUID cid = Ids.of(id);
        List<UUID> owner = jdbc.sql("select user_id from resources.collections where id = :id").param("id", cid).query(UUID.class).list();
        if (owner.isEmpty()) throw ApiProblem.notFound("no collection " + id);
        if (!owner.get(0).equals(profiles.of(caller))) throw ApiProblem.forbidden("not your collection");
        return cid;
    }

    Resource row(UUID id) {
        return jdbc.sql("select r.id, r.user_id, p.username as owner, r.title, r.description, r.url, r.type::text as type, r.category, "
                        + "r.tags, r.visibility::text as visibility, r.view_count, r.download_count, r.forked_from, r.created_at, "
                        + "r.updated_at from resources.resources r join resources.profiles p on p.id = r.user_id where r.id = :id")
                .param("id", id).query(Resource.ROWS).optional().orElseThrow(() -> ApiProblem.notFound("no resource " + id));
    }
}
