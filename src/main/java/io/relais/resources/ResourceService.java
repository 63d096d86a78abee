package io.relais.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.relais.platform.security.CallerHeaders;
import io.relais.platform.web.ApiProblem;
import io.relais.platform.web.QueryParams;
import io.relais.resources.ResourceViews.Category;
import io.relais.resources.ResourceViews.CollectionEntry;
import io.relais.resources.ResourceViews.CollectionSummary;
import io.relais.resources.ResourceViews.Comment;
import io.relais.resources.ResourceViews.CommentAdded;
import io.relais.resources.ResourceViews.Counted;
import io.relais.resources.ResourceViews.Created;
import io.relais.resources.ResourceViews.Deleted;
import io.relais.resources.ResourceViews.Group;
import io.relais.resources.ResourceViews.Membership;
import io.relais.resources.ResourceViews.Popular;
import io.relais.resources.ResourceViews.Profile;
import io.relais.resources.ResourceViews.ProfileResource;
import io.relais.resources.ResourceViews.ProfileStats;
import io.relais.resources.ResourceViews.RatingSummary;
import io.relais.resources.ResourceViews.Resource;
import io.relais.resources.ResourceViews.ResourcePage;
import io.relais.resources.ResourceViews.ResourceSummary;
import io.relais.resources.ResourceViews.Shared;
import io.relais.resources.ResourceViews.Stats;
import io.relais.resources.ResourceViews.SuggestionState;
import io.relais.resources.ResourceViews.TagCount;
import io.relais.resources.ResourceViews.VoteScore;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The resource-sharing API: resources (list with filters and pagination, get, create, update, delete, fork, view and
 * download counters), comments, ratings, collections, profiles, groups, shares, suggestions and their votes, and the
 * admin's statistics and moderation. Only the owner (or staff) may change or delete a resource: 403 otherwise.
 */
@Service("resourcesApi")
@org.springframework.validation.annotation.Validated
public class ResourceService {

    private static final List<String> TYPES = List.of("link", "document", "video", "image", "tool", "course", "other");

    private final JdbcTemplate jdbc;
    private final Profiles profiles;
    private final ReadCache cache;
    private final ResourceCounters counters;
    private final Notifications notifications;
    private final ProducerTemplate camel;

    ResourceService(JdbcTemplate jdbc, Profiles profiles, ReadCache cache, ResourceCounters counters, Notifications notifications,
                    ProducerTemplate camel) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.cache = cache;
        this.counters = counters;
        this.notifications = notifications;
        this.camel = camel;
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
        String where = " where r.visibility = 'public' and (cast(? as text) is null or r.title ilike '%' || ? || '%' or r.description ilike '%' || ? || '%')"
                + " and (cast(? as text) is null or r.category = ?) and (cast(? as text) is null or ? = any(r.tags))"
                + " and (cast(? as text) is null or r.type::text = ?) and (cast(? as text) is null or p.username = ?)";
        Object[] args = {blank(q), blank(q), blank(q), blank(category), blank(category), blank(tag), blank(tag), blank(type), blank(type),
                blank(user), blank(user)};
        List<Object> listArgs = new ArrayList<>(java.util.Arrays.asList(args)); // nulls included
        listArgs.add(s);
        listArgs.add((long) p * s);
        List<ResourceSummary> items = jdbc.query("select r.id, r.title, r.description, r.url, r.type::text as type, r.category, r.tags, "
                + "r.view_count, r.download_count, p.username as owner, r.created_at, (select round(avg(rating), 2) from "
                + "resources.resource_ratings x where x.resource_id = r.id) as rating from resources.resources r join resources.profiles p "
                + "on p.id = r.user_id" + where + " order by " + order + " limit ? offset ?", ResourceSummary.ROWS, listArgs.toArray());
        Long total = jdbc.queryForObject("select count(*) from resources.resources r join resources.profiles p on p.id = r.user_id" + where,
                Long.class, args);
        return new ResourcePage(items, total == null ? 0 : total, p, s);
    }

    public Resource get(@Header("id") String id, @Header(CallerHeaders.USERNAME) String caller) {
        UUID rid = id(id);
        Resource r = visible(rid, caller, null);
        counters.count(ResourceCounters.VIEWS, rid);
        return r.withCounts(r.viewCount() + counters.pending(ResourceCounters.VIEWS, rid),
                r.downloadCount() + counters.pending(ResourceCounters.DOWNLOADS, rid));
    }

    public Counted download(@Header("id") String id, @Header(CallerHeaders.USERNAME) String caller,
                                        @Header(CallerHeaders.ROLES) String roles) {
        UUID rid = id(id);
        visible(rid, caller, roles);
        counters.count(ResourceCounters.DOWNLOADS, rid);
        return new Counted(rid, true);
    }

    /** {@code POST /api/resources/{id}/view}: the app's client counts a view itself (GET counts one too). */
    public Counted view(@Header("id") String id, @Header(CallerHeaders.USERNAME) String caller, @Header(CallerHeaders.ROLES) String roles) {
        UUID rid = id(id);
        visible(rid, caller, roles);
        counters.count(ResourceCounters.VIEWS, rid);
        return new Counted(rid, true);
    }

    /** {@code DELETE /api/resources/{id}/share/{userId}}: the owner (or staff) takes a direct share back. */
    public Shared unshare(@Header("id") String id, @Header("userId") String userId, @Header(CallerHeaders.USERNAME) String caller,
                          @Header(CallerHeaders.ROLES) String roles) {
        UUID rid = id(id);
        ownedOrStaff(rid, caller, roles);
        int removed = jdbc.update("delete from resources.resource_shares where resource_id = ? and shared_with = ?", rid, id(userId));
        if (removed == 0) throw ApiProblem.notFound("resource " + rid + " is not shared with " + userId);
        return new Shared(rid, false);
    }

    public Resource create(@Body @NotNull @Valid ResourceRequests.NewResource body, @Header(CallerHeaders.USERNAME) String caller) {
        UUID me = profiles.of(caller);
        String type = Objects.requireNonNullElse(body.type(), "link");
        String visibility = Objects.requireNonNullElse(body.visibility(), "public");
        UUID id = UUID.randomUUID();
        jdbc.update("insert into resources.resources (id, user_id, title, description, url, type, category, tags, visibility) "
                + "values (?, ?, ?, ?, ?, cast(? as resources.resource_type), ?, ?, cast(? as resources.visibility))", id, me, body.title(),
                body.description(), body.url(), type, body.category(), tags(body.tags()), visibility);
        cache.evict("tags", "popular", "profile:" + me);
        return row(id);
    }

    public Resource update(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.ResourceChanges body,
                                      @Header(CallerHeaders.USERNAME) String caller,
                                      @Header(CallerHeaders.ROLES) String roles) {
        UUID rid = id(id);
        Resource r = ownedOrStaff(rid, caller, roles);
        int version = jdbc.queryForObject("select coalesce(max(version), 0) + 1 from resources.resource_versions where resource_id = ?", Integer.class, rid);
        jdbc.update("insert into resources.resource_versions (id, resource_id, version, title, description, user_id) values (?, ?, ?, ?, ?, ?)",
                UUID.randomUUID(), rid, version, r.title(), r.description(), profiles.of(caller));
        jdbc.update("update resources.resources set title = coalesce(?, title), description = coalesce(?, description), url = coalesce(?, url), "
                + "category = coalesce(?, category), tags = coalesce(?, tags) where id = ?", body.title(), body.description(),
                body.url(), body.category(), body.tags() == null ? null : tags(body.tags()), rid);
        cache.evict("tags", "popular", "profile:" + r.userId());
        return row(rid);
    }

    public Deleted delete(@Header("id") String id, @Header(CallerHeaders.USERNAME) String caller, @Header(CallerHeaders.ROLES) String roles) {
        UUID rid = id(id);
        Resource r = ownedOrStaff(rid, caller, roles);
        jdbc.update("delete from resources.resources where id = ?", rid);
        cache.evict("tags", "popular", "profile:" + r.userId());
        return new Deleted(rid, true);
    }

    public Resource fork(@Header("id") String id, @Header(CallerHeaders.USERNAME) String caller,
                                    @Header(CallerHeaders.ROLES) String roles) {
        UUID rid = id(id);
        Resource r = visible(rid, caller, roles);
        UUID me = profiles.of(caller);
        UUID fork = UUID.randomUUID();
        jdbc.update("insert into resources.resources (id, user_id, title, description, url, type, category, tags, visibility, forked_from) "
                + "select ?, ?, title, description, url, type, category, tags, 'private', id from resources.resources where id = ?", fork, me, rid);
        if (!r.owner().equals(caller)) {
            notifications.notify(r.userId(), "fork", caller + " forked your resource", r.title());
        }
        return row(fork);
    }

    public CommentAdded comment(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.NewComment body,
                                       @Header(CallerHeaders.USERNAME) String caller,
                                       @Header(CallerHeaders.ROLES) String roles) {
        UUID rid = id(id);
        Resource r = visible(rid, caller, roles);
        UUID me = profiles.of(caller);
        UUID cid = UUID.randomUUID();
        String content = body.content();
        UUID parentId = body.parentId();
        if (parentId != null && jdbc.queryForList("select 1 from resources.resource_comments where id = ? and resource_id = ?",
                Integer.class, parentId, rid).isEmpty()) {
            throw ApiProblem.notFoundField("parentId", "no comment " + parentId + " on this resource");
        }
        jdbc.update("insert into resources.resource_comments (id, resource_id, user_id, content, parent_id) values (?, ?, ?, ?, ?)",
                cid, rid, me, content, parentId);
        if (!r.owner().equals(caller)) {
            notifications.notify(r.userId(), "comment", caller + " commented on " + r.title(), content);
        }
        return new CommentAdded(cid, rid);
    }

    public List<Comment> comments(@Header("id") String id, @Header(CallerHeaders.USERNAME) String caller,
                                              @Header(CallerHeaders.ROLES) String roles) {
        visible(id(id), caller, roles);
        return jdbc.query("select c.id, c.parent_id, p.username as author, c.content, c.created_at from resources.resource_comments c "
                + "join resources.profiles p on p.id = c.user_id where c.resource_id = ? order by c.created_at", Comment.ROWS, id(id));
    }

    public RatingSummary rate(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.Rating body,
                                    @Header(CallerHeaders.USERNAME) String caller,
                                    @Header(CallerHeaders.ROLES) String roles) {
        UUID rid = id(id);
        visible(rid, caller, roles);
        int n = body.rating();
        jdbc.update("insert into resources.resource_ratings (id, user_id, resource_id, rating) values (?, ?, ?, ?) "
                + "on conflict (user_id, resource_id) do update set rating = excluded.rating", UUID.randomUUID(), profiles.of(caller), rid, n);
        cache.evict("popular");
        return jdbc.queryForObject("select ?::uuid as resource, round(avg(rating), 2) as rating, count(*) as ratings "
                + "from resources.resource_ratings where resource_id = ?", RatingSummary.ROWS, rid, rid);
    }

    public Shared share(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.Share body,
                                     @Header(CallerHeaders.USERNAME) String caller,
                                     @Header(CallerHeaders.ROLES) String roles) {
        UUID rid = id(id);
        ownedOrStaff(rid, caller, roles);
        UUID me = profiles.of(caller);
        String username = body.username();
        UUID group = body.groupId();
        if (username == null && group == null) throw ApiProblem.invalidField("username", "a username or a groupId to share with");
        if (group != null && jdbc.queryForList("select 1 from resources.groups where id = ?", Integer.class, group).isEmpty()) {
            throw ApiProblem.notFoundField("groupId", "no group " + group);
        }
        UUID with = username == null ? null : jdbc.queryForList("select id from resources.profiles where username = ?", UUID.class, username)
                .stream().findFirst().orElseThrow(() -> ApiProblem.invalidField("username", "no profile " + username));
        UUID gid = group;
        jdbc.update("insert into resources.resource_shares (id, resource_id, user_id, shared_with, group_id) values (?, ?, ?, ?, ?)",
                UUID.randomUUID(), rid, me, with, gid);
        // the fan-out (one notification per recipient) runs as a background job with retries
        camel.sendBodyAndHeader("seda:resources-share-fanout", Map.of("resource", rid.toString(), "by", caller,
                "with", with == null ? "" : with.toString(), "group", gid == null ? "" : gid.toString()), "attempt", 1);
        return new Shared(rid, true);
    }

    /** The fan-out job: one notification per recipient (a user, or every member of a group but the sharer). */
    public int fanOut(@Body Map<String, Object> job) {
        UUID resource = UUID.fromString(String.valueOf(job.get("resource")));
        String title = jdbc.queryForObject("select title from resources.resources where id = ?", String.class, resource);
        List<UUID> recipients = new ArrayList<>();
        if (!String.valueOf(job.get("with")).isEmpty()) recipients.add(UUID.fromString(String.valueOf(job.get("with"))));
        if (!String.valueOf(job.get("group")).isEmpty()) {
            recipients.addAll(jdbc.queryForList("select m.user_id from resources.group_members m join resources.profiles p on p.id = m.user_id "
                    + "where m.group_id = ?::uuid and p.username <> ?", UUID.class, job.get("group"), job.get("by")));
        }
        recipients.forEach(r -> notifications.notify(r, "share", job.get("by") + " shared a resource with you", title));
        return recipients.size();
    }

    public List<CollectionSummary> collections(@Header(CallerHeaders.USERNAME) String caller) {
        return jdbc.query("select c.id, c.name, c.description, c.is_public, (select count(*) from resources.collection_resources x "
                + "where x.collection_id = c.id) as resources from resources.collections c where c.user_id = ? order by c.created_at",
                CollectionSummary.ROWS, profiles.of(caller));
    }

    public Created createCollection(@Body @NotNull @Valid ResourceRequests.NewCollection body,
                                                @Header(CallerHeaders.USERNAME) String caller) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into resources.collections (id, user_id, name, description, is_public) values (?, ?, ?, ?, ?)", id,
                profiles.of(caller), body.name(), body.description(), Boolean.TRUE.equals(body.isPublic()));
        return new Created(id, body.name());
    }

    public CollectionEntry addToCollection(@Header("id") String id, @Header("resourceId") String resourceId,
                                               @Header(CallerHeaders.USERNAME) String caller) {
        UUID cid = ownCollection(id, caller), rid = id(resourceId);
        visible(rid, caller, null);
        jdbc.update("insert into resources.collection_resources (id, collection_id, resource_id, position) values (?, ?, ?, "
                + "(select count(*) from resources.collection_resources where collection_id = ?)) on conflict do nothing", UUID.randomUUID(), cid, rid, cid);
        return new CollectionEntry(cid, rid, true, null);
    }

    public CollectionEntry removeFromCollection(@Header("id") String id, @Header("resourceId") String resourceId,
                                                    @Header(CallerHeaders.USERNAME) String caller) {
        UUID cid = ownCollection(id, caller), rid = id(resourceId);
        jdbc.update("delete from resources.collection_resources where collection_id = ? and resource_id = ?", cid, rid);
        return new CollectionEntry(cid, rid, null, true);
    }

    public Profile profile(@Header("id") String id) {
        UUID pid = id(id);
        return cache.get("profile:" + pid, new TypeReference<>() { }, () -> {
            List<Profile> found = jdbc.query("select id, username, display_name, avatar_url, bio, created_at from resources.profiles "
                    + "where id = ?", (rs, i) -> new Profile(pid, rs.getString("username"), rs.getString("display_name"),
                    rs.getString("avatar_url"), rs.getString("bio"), rs.getObject("created_at", java.time.OffsetDateTime.class), null, null), pid);
            if (found.isEmpty()) throw ApiProblem.notFound("no profile " + id);
            Profile p = found.get(0);
            ProfileStats stats = profiles.stats(pid);
            List<ProfileResource> resources = jdbc.query("select id, title, type::text as type, view_count from resources.resources "
                    + "where user_id = ? and visibility = 'public' order by created_at desc limit 50", ProfileResource.ROWS, pid);
            return new Profile(pid, p.username(), p.displayName(), p.avatarUrl(), p.bio(), p.createdAt(), stats, resources);
        });
    }

    public List<Category> categories() {
        return cache.get("categories", new TypeReference<>() { }, () -> jdbc.query("select id, name, parent_id, position "
                + "from resources.category_hierarchy order by parent_id nulls first, position", Category.ROWS));
    }

    public List<TagCount> tags() {
        return cache.get("tags", new TypeReference<>() { }, () -> jdbc.query("select tag, count(*) as resources from resources.resources, "
                + "unnest(tags) tag where visibility = 'public' group by tag order by count(*) desc, tag limit 100", TagCount.ROWS));
    }

    public List<Popular> popular() {
        return cache.get("popular", new TypeReference<>() { }, () -> jdbc.query("select id, title, view_count from resources.resources "
                + "where visibility = 'public' order by view_count desc, created_at desc limit 20", Popular.ROWS));
    }

    public List<Group> groups() {
        return jdbc.query("select g.id, g.name, g.description, p.username as owner, (select count(*) from resources.group_members m "
                + "where m.group_id = g.id) as members from resources.groups g join resources.profiles p on p.id = g.owner_id order by g.name",
                Group.ROWS);
    }

    public Created createGroup(@Body @NotNull @Valid ResourceRequests.NewGroup body, @Header(CallerHeaders.USERNAME) String caller) {
        UUID me = profiles.of(caller), id = UUID.randomUUID();
        jdbc.update("insert into resources.groups (id, name, description, owner_id) values (?, ?, ?, ?)", id, body.name(),
                body.description(), me);
        jdbc.update("insert into resources.group_members (id, group_id, user_id, role) values (?, ?, ?, 'owner')", UUID.randomUUID(), id, me);
        return new Created(id, body.name());
    }

    public Membership joinGroup(@Header("id") String id, @Header(CallerHeaders.USERNAME) String caller) {
        UUID gid = id(id);
        jdbc.update("insert into resources.group_members (id, group_id, user_id) values (?, ?, ?) on conflict do nothing",
                UUID.randomUUID(), gid, profiles.of(caller));
        return new Membership(gid, true);
    }

    public SuggestionState suggest(@Body @NotNull @Valid ResourceRequests.NewSuggestion body, @Header(CallerHeaders.USERNAME) String caller) {
        String kind = body.kind();
        UUID id = UUID.randomUUID();
        jdbc.update("insert into resources.category_tag_suggestions (id, user_id, kind, name) values (?, ?, cast(? as resources.suggestion_kind), ?)",
                id, profiles.of(caller), kind, body.name());
        return new SuggestionState(id, "pending");
    }

    /** A vote; enough net votes approve the suggestion in the background (job with retries). */
    public VoteScore vote(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.Vote body,
                                    @Header(CallerHeaders.USERNAME) String caller) {
        UUID sid = id(id);
        int n = body.vote();
        if (n == 0) throw ApiProblem.invalidField("vote", "1 or -1");
        if (jdbc.queryForList("select 1 from resources.category_tag_suggestions where id = ?", Integer.class, sid).isEmpty()) {
            throw ApiProblem.notFound("no suggestion " + id);
        }
        jdbc.update("insert into resources.suggestion_votes (id, suggestion_id, user_id, vote) values (?, ?, ?, ?) "
                + "on conflict (suggestion_id, user_id) do update set vote = excluded.vote", UUID.randomUUID(), sid, profiles.of(caller), n);
        camel.sendBodyAndHeader("seda:resources-suggestion-review", sid.toString(), "attempt", 1);
        return jdbc.queryForObject("select ?::uuid as suggestion, coalesce(sum(vote), 0) as score from resources.suggestion_votes "
                + "where suggestion_id = ?", VoteScore.ROWS, sid, sid);
    }

    /** The auto-approval job: a pending suggestion with a net score of {@code threshold} or more is approved. */
    public String autoApprove(@Body String suggestion, @Header("threshold") Integer threshold) {
        Map<String, Object> s = jdbc.queryForMap("select s.status::text as status, s.user_id, s.name, coalesce((select sum(vote) from "
                + "resources.suggestion_votes v where v.suggestion_id = s.id), 0) as score from resources.category_tag_suggestions s "
                + "where s.id = ?::uuid", suggestion);
        if (!"pending".equals(s.get("status")) || ((Number) s.get("score")).intValue() < (threshold == null ? 3 : threshold)) return "unchanged";
        jdbc.update("update resources.category_tag_suggestions set status = 'approved' where id = ?::uuid", suggestion);
        notifications.notify((UUID) s.get("user_id"), "suggestion", "Your suggestion was approved", String.valueOf(s.get("name")));
        cache.evict("categories", "tags");
        return "approved";
    }

    public SuggestionState moderate(@Header("id") String id, @Header("decision") String decision) {
        if (!List.of("approved", "rejected").contains(decision)) throw ApiProblem.invalidField("decision", "approved or rejected");
        UUID sid = id(id);
        int n = jdbc.update("update resources.category_tag_suggestions set status = cast(? as resources.suggestion_status) where id = ?",
                decision, sid);
        if (n == 0) throw ApiProblem.notFound("no suggestion " + id);
        cache.evict("categories", "tags");
        return new SuggestionState(sid, decision);
    }

    public Stats stats() {
        return jdbc.queryForObject("""
                select (select count(*) from resources.profiles) as profiles, (select count(*) from resources.resources) as resources,
                       (select count(*) from resources.resource_comments) as comments, (select count(*) from resources.collections) as collections,
                       (select coalesce(sum(view_count), 0) from resources.resources) as views,
                       (select count(*) from resources.category_tag_suggestions where status = 'pending') as pending_suggestions""",
                Stats.ROWS);
    }

    /**
     * The one visibility rule for every path that reads or derives from a resource (get, download, fork, comments,
     * ratings, collections): public, or its owner, or shared with the caller (directly or through a group they are a
     * member of), or staff. Anything else is "not found", so a private resource's existence does not leak either.
     */
    private Resource visible(UUID rid, String caller, String roles) {
        Resource r = row(rid);
        if ("public".equals(r.visibility()) || (caller != null && r.owner().equals(caller)) || CallerHeaders.isStaff(roles)) return r;
        if (caller != null) {
            Boolean shared = jdbc.queryForObject("""
                    select exists (select 1 from resources.resource_shares s join resources.profiles p on p.username = ?
                                    where s.resource_id = ? and (s.shared_with = p.id
                                       or s.group_id in (select m.group_id from resources.group_members m where m.user_id = p.id)))""",
                    Boolean.class, caller, rid);
            if (Boolean.TRUE.equals(shared)) return r;
        }
        throw ApiProblem.notFound("no resource " + rid);
    }

    private Resource ownedOrStaff(UUID rid, String caller, String roles) {
        Resource r = row(rid);
        if (!r.owner().equals(caller) && !CallerHeaders.isStaff(roles)) throw ApiProblem.forbidden("only its owner may change this resource");
        return r;
    }

    /** The caller's collection, or 404 (no such collection) or 403 (someone else's). */
    UUID ownCollection(String id, String caller) {
        UUID cid = id(id);
        List<UUID> owner = jdbc.queryForList("select user_id from resources.collections where id = ?", UUID.class, cid);
        if (owner.isEmpty()) throw ApiProblem.notFound("no collection " + id);
        if (!owner.get(0).equals(profiles.of(caller))) throw ApiProblem.forbidden("not your collection");
        return cid;
    }

    private Resource row(UUID id) {
        List<Resource> rows = jdbc.query("select r.id, r.user_id, p.username as owner, r.title, r.description, r.url, "
                + "r.type::text as type, r.category, r.tags, r.visibility::text as visibility, r.view_count, r.download_count, r.forked_from, "
                + "r.created_at, r.updated_at from resources.resources r join resources.profiles p on p.id = r.user_id where r.id = ?",
                Resource.ROWS, id);
        if (rows.isEmpty()) throw ApiProblem.notFound("no resource " + id);
        return rows.get(0);
    }

    private static String[] tags(List<String> tags) {
        return tags == null ? new String[0] : tags.stream().map(String::strip).toArray(String[]::new);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static UUID id(String id) {
        return Ids.of(id);
    }
}
