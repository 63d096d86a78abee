package io.relais.resources;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import io.relais.platform.web.QueryParams;
import io.relais.resources.ResourceViews.Counted;
import io.relais.resources.ResourceViews.Deleted;
import io.relais.resources.ResourceViews.Resource;
import io.relais.resources.ResourceViews.ResourcePage;
import io.relais.resources.ResourceViews.ResourceSummary;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Resources themselves: list (filters, sort, pages), read, create, change, delete, fork, and the view and download
 * counters. Only the owner (or staff) may change or delete a resource: 403 otherwise. Its sub-resources have classes
 * of their own (comments, ratings, shares, collections, profiles, groups, suggestions, the catalogue).
 */
@Service("resourcesApi")
@org.springframework.validation.annotation.Validated
public class ResourceService {

    private static final List<String> TYPES = List.of("link", "document", "video", "image", "tool", "course", "other");
    private static final String FILTERS = " where r.visibility = 'public'"
            + " and (cast(:q as text) is null or r.title ilike '%' || :q || '%' or r.description ilike '%' || :q || '%')"
            + " and (cast(:category as text) is null or r.category = :category) and (cast(:tag as text) is null or :tag = any(r.tags))"
            + " and (cast(:type as text) is null or r.type::text = :type) and (cast(:owner as text) is null or p.username = :owner)";

    private final JdbcClient jdbc;
    private final Profiles profiles;
    private final ResourceAccess access;
    private final ReadCache cache;
    private final ResourceCounters counters;
    private final Notifications notifications;
    private final RealtimeEvents realtime;

    ResourceService(JdbcClient jdbc, Profiles profiles, ResourceAccess access, ReadCache cache, ResourceCounters counters,
                    Notifications notifications, RealtimeEvents realtime) {
        this.realtime = realtime;
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.access = access;
        this.cache = cache;
        this.counters = counters;
        this.notifications = notifications;
    }

    public ResourcePage list(@Header("q") String q, @Header("category") String category, @Header("tag") String tag,
                             @Header("type") String type, @Header("user") String user, @Header("sort") String sort,
                             @Header("page") String page, @Header("size") String size) {
        int p = QueryParams.integer("page", page, 0, 0, 100_000), s = QueryParams.integer("size", size, 20, 1, 100);
        String order = switch (sort == null ? "recent" : sort) {
            case "recent" -> "r.created_at desc";
            case "popular" -> "r.view_count desc, r.created_at desc";
            case "rating" -> "rating desc nulls last, r.created_at desc";
            default -> throw ApiProblem.invalidField("sort", "recent, popular or rating");
        };
        if (type != null && !type.isBlank() && !TYPES.contains(type)) throw ApiProblem.invalidField("type", "one of " + TYPES);
        java.util.Map<String, Object> filters = new java.util.HashMap<>();
        filters.put("q", blank(q));
        filters.put("category", blank(category));
        filters.put("tag", blank(tag));
        filters.put("type", blank(type));
        filters.put("owner", blank(user));
        List<ResourceSummary> items = jdbc.sql("select r.id, r.title, r.description, r.url, r.type::text as type, r.category, r.tags, "
                        + "r.view_count, r.download_count, p.username as owner, r.created_at, (select round(avg(rating), 2) from "
                        + "resources.resource_ratings x where x.resource_id = r.id) as rating from resources.resources r "
                        + "join resources.profiles p on p.id = r.user_id" + FILTERS + " order by " + order + " limit :limit offset :offset")
                .params(filters).param("limit", s).param("offset", (long) p * s).query(ResourceSummary.ROWS).list();
        long total = jdbc.sql("select count(*) from resources.resources r join resources.profiles p on p.id = r.user_id" + FILTERS)
                .params(filters).query(Long.class).single();
        return new ResourcePage(items, total, p, s);
    }

    public Resource get(@Header("id") String id, @VerifiedCaller Caller caller) {
        UUID rid = Ids.of(id);
        Resource r = access.visible(rid, caller);
        counters.count(ResourceCounters.VIEWS, rid);
        return r.withCounts(r.viewCount() + counters.pending(ResourceCounters.VIEWS, rid),
                r.downloadCount() + counters.pending(ResourceCounters.DOWNLOADS, rid));
    }

    public Counted download(@Header("id") String id, @VerifiedCaller Caller caller) {
        return count(ResourceCounters.DOWNLOADS, id, caller);
    }

    /** {@code POST /api/resources/{id}/view}: the app's client counts a view itself (GET counts one too). */
    public Counted view(@Header("id") String id, @VerifiedCaller Caller caller) {
        return count(ResourceCounters.VIEWS, id, caller);
    }

    private Counted count(String counter, String id, Caller caller) {
        UUID rid = Ids.of(id);
        access.visible(rid, caller);
        counters.count(counter, rid);
        return new Counted(rid, true);
    }

    public Resource create(@Body @NotNull @Valid ResourceRequests.NewResource body, @VerifiedCaller Caller caller) {
        UUID me = profiles.of(caller);
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into resources.resources (id, user_id, title, description, url, type, category, tags, visibility) values "
                        + "(:id, :owner, :title, :description, :url, cast(:type as resources.resource_type), :category, :tags, "
                        + "cast(:visibility as resources.visibility))")
                .param("id", id).param("owner", me).param("title", body.title()).param("description", body.description())
                .param("url", body.url()).param("type", Objects.requireNonNullElse(body.type(), "link"))
                .param("category", body.category()).param("tags", tags(body.tags()))
                .param("visibility", Objects.requireNonNullElse(body.visibility(), "public")).update();
        cache.evict("tags", "popular", "profile:" + me);
        return access.row(id);
    }

    /** A change keeps the previous title and description as a version. */
    public Resource update(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.ResourceChanges body,
                           @VerifiedCaller Caller caller) {
        UUID rid = Ids.of(id);
        Resource r = access.ownedOrStaff(rid, caller);
        jdbc.sql("insert into resources.resource_versions (id, resource_id, version, title, description, user_id) select :id, :resource, "
                        + "coalesce(max(version), 0) + 1, :title, :description, :editor from resources.resource_versions where resource_id = :resource")
                .param("id", UUID.randomUUID()).param("resource", rid).param("title", r.title()).param("description", r.description())
                .param("editor", profiles.of(caller)).update();
        jdbc.sql("update resources.resources set title = coalesce(:title, title), description = coalesce(:description, description), "
                        + "url = coalesce(:url, url), category = coalesce(:category, category), tags = coalesce(:tags, tags) where id = :id")
                .param("title", body.title()).param("description", body.description()).param("url", body.url())
                .param("category", body.category()).param("tags", body.tags() == null ? null : tags(body.tags())).param("id", rid).update();
        cache.evict("tags", "popular", "profile:" + r.userId());
        Resource changed = access.row(rid);
        realtime.aboutResource(rid, "public".equals(changed.visibility()), "resource", java.util.Map.of("action", "updated", "id", rid.toString(),
                "title", changed.title(), "updatedAt", String.valueOf(changed.updatedAt())));
        return changed;
    }

    public Deleted delete(@Header("id") String id, @VerifiedCaller Caller caller) {
        UUID rid = Ids.of(id);
        Resource r = access.ownedOrStaff(rid, caller);
        jdbc.sql("delete from resources.resources where id = :id").param("id", rid).update();
        cache.evict("tags", "popular", "profile:" + r.userId());
        var gone = java.util.Map.of("action", "deleted", "id", rid.toString());
        if ("public".equals(r.visibility())) realtime.toEveryone("resource", gone);
        else realtime.toProfile(r.userId(), "resource", gone);
        return new Deleted(rid, true);
    }

    /** A private copy for the caller; the owner is told. */
    public Resource fork(@Header("id") String id, @VerifiedCaller Caller caller) {
        UUID rid = Ids.of(id);
        Resource r = access.visible(rid, caller);
        UUID fork = UUID.randomUUID();
        jdbc.sql("insert into resources.resources (id, user_id, title, description, url, type, category, tags, visibility, forked_from) "
                        + "select :fork, :owner, title, description, url, type, category, tags, 'private', id from resources.resources where id = :id")
                .param("fork", fork).param("owner", profiles.of(caller)).param("id", rid).update();
        if (!r.owner().equals(caller.username())) {
            notifications.notify(r.userId(), "fork", caller.username() + " forked your resource", r.title());
        }
        return access.row(fork);
    }

    static String[] tags(List<String> tags) {
        return tags == null ? new String[0] : tags.stream().map(String::strip).toArray(String[]::new);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
