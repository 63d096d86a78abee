package io.relais.resources;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;

/**
 * What the resource-sharing API answers, as typed records: the OpenAPI document shows each schema, and the fields keep
 * the app's snake_case names ({@code view_count}, {@code created_at}) that its client reads.
 */
public final class ResourceViews {

    private ResourceViews() {
    }

    /** A resource as its page shows it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Resource(UUID id, UUID userId, String owner, String title, String description, String url, String type,
                           String category, List<String> tags, String visibility, long viewCount, long downloadCount,
                           UUID forkedFrom, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        static final RowMapper<Resource> ROWS = (rs, i) -> new Resource(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("owner"), rs.getString("title"), rs.getString("description"), rs.getString("url"), rs.getString("type"),
                rs.getString("category"), ResourceViews.tagsOf(rs), rs.getString("visibility"), rs.getLong("view_count"), rs.getLong("download_count"),
                rs.getObject("forked_from", UUID.class), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));

        Resource withCounts(long views, long downloads) {
            return new Resource(id, userId, owner, title, description, url, type, category, tags, visibility, views, downloads, forkedFrom,
                    createdAt, updatedAt);
        }
    }

    /** A resource in a list, with its average rating. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ResourceSummary(UUID id, String title, String description, String url, String type, String category, List<String> tags,
                                  long viewCount, long downloadCount, String owner, OffsetDateTime createdAt, BigDecimal rating) {

        static final RowMapper<ResourceSummary> ROWS = (rs, i) -> new ResourceSummary(rs.getObject("id", UUID.class), rs.getString("title"),
                rs.getString("description"), rs.getString("url"), rs.getString("type"), rs.getString("category"), ResourceViews.tagsOf(rs),
                rs.getLong("view_count"), rs.getLong("download_count"), rs.getString("owner"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getBigDecimal("rating"));
    }

    /** One page of a list and the total across pages. */
    public record ResourcePage(List<ResourceSummary> items, long total, int page, int size) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Comment(UUID id, UUID parentId, String author, String content, OffsetDateTime createdAt) {
        static final RowMapper<Comment> ROWS = new DataClassRowMapper<>(Comment.class);
    }

    public record CommentAdded(UUID id, UUID resource) {
    }

    public record RatingSummary(UUID resource, BigDecimal rating, long ratings) {
        static final RowMapper<RatingSummary> ROWS = new DataClassRowMapper<>(RatingSummary.class);
    }

    public record Counted(UUID id, boolean counted) {
    }

    public record Deleted(UUID id, boolean deleted) {
    }

    public record Shared(UUID resource, boolean shared) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CollectionSummary(UUID id, String name, String description, boolean isPublic, long resources) {
        static final RowMapper<CollectionSummary> ROWS = new DataClassRowMapper<>(CollectionSummary.class);
    }

    public record Created(UUID id, String name) {
    }

    /** A resource added to or removed from a collection ({@code added} or {@code removed} is set). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record CollectionEntry(UUID collection, UUID resource, Boolean added, Boolean removed) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Profile(UUID id, String username, String displayName, String avatarUrl, String bio, OffsetDateTime createdAt,
                          ProfileStats stats, List<ProfileResource> resources) {
    }

    public record ProfileStats(long resources, long views, long comments) {
        static final RowMapper<ProfileStats> ROWS = new DataClassRowMapper<>(ProfileStats.class);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProfileResource(UUID id, String title, String type, long viewCount) {
        static final RowMapper<ProfileResource> ROWS = new DataClassRowMapper<>(ProfileResource.class);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Category(UUID id, String name, UUID parentId, Integer position) {
        static final RowMapper<Category> ROWS = new DataClassRowMapper<>(Category.class);
    }

    public record TagCount(String tag, long resources) {
        static final RowMapper<TagCount> ROWS = new DataClassRowMapper<>(TagCount.class);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Popular(UUID id, String title, long viewCount) {
        static final RowMapper<Popular> ROWS = new DataClassRowMapper<>(Popular.class);
    }

    public record Group(UUID id, String name, String description, String owner, long members) {
        static final RowMapper<Group> ROWS = new DataClassRowMapper<>(Group.class);
    }

    public record Membership(UUID group, boolean joined) {
    }

    public record SuggestionState(UUID id, String status) {
    }

    public record VoteScore(UUID suggestion, long score) {
        static final RowMapper<VoteScore> ROWS = new DataClassRowMapper<>(VoteScore.class);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Stats(long profiles, long resources, long comments, long collections, long views, long pendingSuggestions) {
        static final RowMapper<Stats> ROWS = new DataClassRowMapper<>(Stats.class);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Notification(UUID id, String type, String title, String message, boolean read, OffsetDateTime createdAt) {
        static final RowMapper<Notification> ROWS = new DataClassRowMapper<>(Notification.class);
    }

    public record NotificationRead(UUID id, boolean read) {
    }

    public record NotificationsRead(int marked) {
    }

    static List<String> tagsOf(ResultSet rs) throws SQLException {
        java.sql.Array a = rs.getArray("tags");
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }

    /** A collection with its resources, in order (GET /api/collections/{id}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CollectionDetail(UUID id, String name, String description, boolean isPublic, String owner, List<CollectionItem> resources) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CollectionItem(UUID id, String title, String type, int position) {
        static final RowMapper<CollectionItem> ROWS = new DataClassRowMapper<>(CollectionItem.class);
    }

    /** A category or tag suggestion as moderators list them, with its net votes. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Suggestion(UUID id, String kind, String name, String status, String author, long score, OffsetDateTime createdAt) {
        static final RowMapper<Suggestion> ROWS = new DataClassRowMapper<>(Suggestion.class);
    }

    /** One admin setting of the app (resources.admin_config): a key and its JSON value. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ConfigSetting(String key, com.fasterxml.jackson.databind.JsonNode value, OffsetDateTime updatedAt) {
    }
}
