package io.relais.resources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic localStorage export: a few thousand rows over the 19 tables, with a known number of broken references,
 * duplicates and bad values planted, so the receipt can be checked exactly.
 */
final class ExportFixture {

    final Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    final Map<String, Integer> planted = new LinkedHashMap<>();
    final String prefix;

    ExportFixture(String prefix, long seed) {
        this.prefix = prefix;
        Random r = new Random(seed);
        int users = 40, resources = 400;
        for (int i = 0; i < users; i++) add("profiles", row("u" + i, "username", prefix + "user" + i, "display_name", "User " + i,
                "email", "u" + i + "@example.org", "created_at", "2024-0" + (1 + i % 9) + "-1" + (i % 9) + "T10:00:00Z"));
        for (int i = 0; i < 5; i++) add("groups", row("g" + i, "name", "Group " + i, "owner_id", "u" + i));
        add("category_hierarchy", row("c0", "name", "Garden", "position", 0));
        for (int i = 1; i < 10; i++) add("category_hierarchy", row("c" + i, "name", "Cat " + i, "parent_id", "c" + (i / 3), "position", i));
        String[] types = {"link", "document", "video", "tool"};
        for (int i = 0; i < resources; i++) {
            add("resources", row("r" + i, "user_id", "u" + r.nextInt(users), "title", "Resource " + i, "type", types[i % 4],
                    "tags", List.of("t" + (i % 7), "t" + (i % 5)), "visibility", i % 10 == 0 ? "private" : "public",
                    "view_count", r.nextInt(500), "created_at", 1_700_000_000_000L + i * 60_000L));
        }
        for (int i = 0; i < 20; i++) add("resources", row("fork" + i, "user_id", "u" + (i % users), "title", "Fork " + i, "forked_from", "r" + i));
        for (int i = 0; i < 300; i++) add("saved_resources", row("s" + i, "user_id", "u" + (i % users), "resource_id", "r" + (i * 7 % resources)));
        for (int i = 0; i < 600; i++) add("resource_ratings", row("rt" + i, "user_id", "u" + (i % users), "resource_id", "r" + (i / users * 3 + i % 3),
                "rating", 1 + r.nextInt(5)));
        for (int i = 0; i < 100; i++) add("resource_shares", row("sh" + i, "resource_id", "r" + i, "user_id", "u" + (i % users),
                i % 2 == 0 ? "shared_with" : "group_id", i % 2 == 0 ? "u" + ((i + 1) % users) : "g" + (i % 5)));
        for (int i = 0; i < 500; i++) add("resource_comments", row("cm" + i, "resource_id", "r" + (i % resources), "user_id", "u" + (i % users),
                "content", "Comment " + i, "parent_id", i >= 250 && i % 2 == 0 ? "cm" + (i - 250) : null));
        for (int i = 0; i < 40; i++) add("group_members", row("gm" + i, "group_id", "g" + (i % 5), "user_id", "u" + i, "role", i < 5 ? "owner" : "member"));
        for (int i = 0; i < 300; i++) add("notifications", row("n" + i, "user_id", "u" + (i % users), "type", "comment", "title", "New comment",
                "read", i % 3 == 0));
        for (int i = 0; i < 30; i++) add("category_tag_suggestions", row("sg" + i, "user_id", "u" + i, "kind", i % 2 == 0 ? "tag" : "category",
                "name", "Suggestion " + i, "status", "pending"));
        for (int i = 0; i < 200; i++) add("suggestion_votes", row("v" + i, "suggestion_id", "sg" + (i % 30), "user_id", "u" + (i / 30 + 5 * (i % 6)),
                "vote", i % 4 == 0 ? -1 : 1));
        for (int i = 0; i < 40; i++) add("user_roles", row("ur" + i, "user_id", "u" + i, "role", i == 0 ? "admin" : "user"));
        for (int i = 0; i < 10; i++) add("resource_templates", row("tp" + i, "user_id", "u" + i, "name", "Template " + i,
                "fields", List.of(Map.of("name", "title", "type", "text"))));
        for (int i = 0; i < 60; i++) add("collections", row("co" + i, "user_id", "u" + (i % users), "name", "Collection " + i, "is_public", i % 2 == 0));
        for (int i = 0; i < 300; i++) add("collection_resources", row("cr" + i, "collection_id", "co" + (i % 60), "resource_id", "r" + (i * 11 % resources),
                "position", i / 60));
        for (int i = 0; i < 5; i++) add("admin_config", row("ac" + i, "key", prefix + "setting" + i, "value", Map.of("enabled", i % 2 == 0)));
        for (int i = 0; i < 20; i++) add("category_filters", row("cf" + i, "category_id", "c" + (i % 10), "name", "Filter " + i, "values", List.of("a", "b")));
        for (int i = 0; i < 150; i++) add("resource_versions", row("rv" + i, "resource_id", "r" + (i / 3), "version", i % 3 + 1, "title", "Title v" + (i % 3 + 1)));

        // the dirt: broken references, duplicates, bad values
        plant("resources", row("r-orphan", "user_id", "u-gone", "title", "Orphan"));
        plant("resource_ratings", row("rt-dup", "user_id", "u0", "resource_id", "r0", "rating", 4)); // u0 already rated r0
        plant("resource_ratings", row("rt-bad", "user_id", "u1", "resource_id", "r399", "rating", 9));
        plant("resource_ratings", row("rt-ghost", "user_id", "u1", "resource_id", "r-orphan", "rating", 3)); // its resource was rejected
        plant("resource_comments", row("cm-orphan-reply", "resource_id", "r1", "user_id", "u1", "content", "reply", "parent_id", "cm-none"));
        plant("resources", row("r5", "user_id", "u1", "title", "Same id twice"));
        plant("resources", row("r-badtype", "user_id", "u1", "title", "Bad type", "type", "hologram"));
        plant("group_members", row("gm-dup", "group_id", "g0", "user_id", "u0", "role", "member")); // u0 already in g0
        plant("suggestion_votes", row("v-bad", "suggestion_id", "sg0", "user_id", "u39", "vote", 5));
        plant("notifications", row("n-missing", "user_id", "u0", "type", "x"));                  // no title
        plant("collection_resources", row("cr-ghost", "collection_id", "co-none", "resource_id", "r1"));
        plant("profiles", row("u-dupname", "username", prefix + "user3"));                      // username taken
    }

    private void plant(String table, Map<String, Object> row) {
        add(table, row);
        planted.merge(table, 1, Integer::sum);
    }

    private void add(String table, Map<String, Object> row) {
        tables.computeIfAbsent(table, t -> new ArrayList<>()).add(row);
    }

    private static Map<String, Object> row(String id, Object... kv) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        for (int i = 0; i < kv.length; i += 2) if (kv[i + 1] != null) r.put((String) kv[i], kv[i + 1]);
        return r;
    }

    int rows() {
        return tables.values().stream().mapToInt(List::size).sum();
    }
}
