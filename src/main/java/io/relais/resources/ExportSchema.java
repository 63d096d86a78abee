package io.relais.resources;

import java.util.List;

/**
 * The 19 tables of the localStorage export as the importer reads them, in dependency order: each column's type,
 * whether it is required, the enum it must belong to, the table a foreign key (a legacy id) points at.
 */
final class ExportSchema {

    enum Type { TEXT, INT, BOOL, TIMESTAMP, JSON, TEXT_ARRAY, ENUM, REF }

    record Column(String name, Type type, boolean required, String target, List<String> values) {
        static Column text(String name, boolean required) {
            return new Column(name, Type.TEXT, required, null, null);
        }

        static Column of(String name, Type type) {
            return new Column(name, type, false, null, null);
        }

        static Column ref(String name, String table, boolean required) {
            return new Column(name, Type.REF, required, table, null);
        }

        static Column oneOf(String name, String enumType, boolean required, String... values) {
            return new Column(name, Type.ENUM, required, enumType, List.of(values));
        }
    }

    record Table(String name, List<Column> columns) {
    }

    static final List<Table> TABLES = List.of(
            new Table("profiles", List.of(Column.text("username", true), Column.text("display_name", false),
                    Column.text("email", false), Column.text("avatar_url", false), Column.text("bio", false),
                    Column.of("created_at", Type.TIMESTAMP))),
            new Table("groups", List.of(Column.text("name", true), Column.text("description", false),
                    Column.ref("owner_id", "profiles", true), Column.of("created_at", Type.TIMESTAMP))),
            new Table("category_hierarchy", List.of(Column.text("name", true), Column.ref("parent_id", "category_hierarchy", false),
                    Column.of("position", Type.INT))),
            new Table("resources", List.of(Column.ref("user_id", "profiles", true), Column.text("title", true),
                    Column.text("description", false), Column.text("url", false),
                    Column.oneOf("type", "resource_type", false, "link", "document", "video", "image", "tool", "course", "other"),
                    Column.text("category", false), Column.of("tags", Type.TEXT_ARRAY),
                    Column.oneOf("visibility", "visibility", false, "public", "private", "group"),
                    Column.of("view_count", Type.INT), Column.of("download_count", Type.INT),
                    Column.ref("forked_from", "resources", false), Column.of("created_at", Type.TIMESTAMP))),
            new Table("saved_resources", List.of(Column.ref("user_id", "profiles", true), Column.ref("resource_id", "resources", true),
                    Column.of("created_at", Type.TIMESTAMP))),
            new Table("resource_ratings", List.of(Column.ref("user_id", "profiles", true), Column.ref("resource_id", "resources", true),
                    new Column("rating", Type.INT, true, null, null), Column.of("created_at", Type.TIMESTAMP))),
            new Table("resource_shares", List.of(Column.ref("resource_id", "resources", true), Column.ref("user_id", "profiles", true),
                    Column.ref("shared_with", "profiles", false), Column.ref("group_id", "groups", false),
                    Column.of("created_at", Type.TIMESTAMP))),
            new Table("resource_comments", List.of(Column.ref("resource_id", "resources", true), Column.ref("user_id", "profiles", true),
                    Column.ref("parent_id", "resource_comments", false), Column.text("content", true),
                    Column.of("created_at", Type.TIMESTAMP))),
            new Table("group_members", List.of(Column.ref("group_id", "groups", true), Column.ref("user_id", "profiles", true),
                    Column.oneOf("role", "member_role", false, "owner", "admin", "member"), Column.of("created_at", Type.TIMESTAMP))),
            new Table("notifications", List.of(Column.ref("user_id", "profiles", true), Column.text("type", true),
                    Column.text("title", true), Column.text("message", false), Column.of("read", Type.BOOL),
                    Column.of("created_at", Type.TIMESTAMP))),
            new Table("category_tag_suggestions", List.of(Column.ref("user_id", "profiles", true),
                    Column.oneOf("kind", "suggestion_kind", true, "category", "tag"), Column.text("name", true),
                    Column.oneOf("status", "suggestion_status", false, "pending", "approved", "rejected"),
                    Column.of("created_at", Type.TIMESTAMP))),
            new Table("suggestion_votes", List.of(Column.ref("suggestion_id", "category_tag_suggestions", true),
                    Column.ref("user_id", "profiles", true), new Column("vote", Type.INT, true, null, null),
                    Column.of("created_at", Type.TIMESTAMP))),
            new Table("user_roles", List.of(Column.ref("user_id", "profiles", true),
                    Column.oneOf("role", "app_role", true, "admin", "moderator", "user"))),
            new Table("resource_templates", List.of(Column.ref("user_id", "profiles", false), Column.text("name", true),
                    Column.text("description", false), Column.of("fields", Type.JSON), Column.of("created_at", Type.TIMESTAMP))),
            new Table("collections", List.of(Column.ref("user_id", "profiles", true), Column.text("name", true),
                    Column.text("description", false), Column.of("is_public", Type.BOOL), Column.of("created_at", Type.TIMESTAMP))),
            new Table("collection_resources", List.of(Column.ref("collection_id", "collections", true),
                    Column.ref("resource_id", "resources", true), Column.of("position", Type.INT), Column.of("created_at", Type.TIMESTAMP))),
            new Table("admin_config", List.of(Column.text("key", true), new Column("value", Type.JSON, true, null, null))),
            new Table("category_filters", List.of(Column.ref("category_id", "category_hierarchy", true), Column.text("name", true),
                    Column.of("values", Type.JSON), Column.of("created_at", Type.TIMESTAMP))),
            new Table("resource_versions", List.of(Column.ref("resource_id", "resources", true),
                    new Column("version", Type.INT, true, null, null), Column.text("title", true), Column.text("description", false),
                    Column.ref("user_id", "profiles", false), Column.of("created_at", Type.TIMESTAMP))));

    private ExportSchema() {
    }
}
