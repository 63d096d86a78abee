package io.relais.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A realistic export with planted dirt: the exact receipt, a dry run that writes nothing, a second import that changes nothing. */
class ResourcesMigrationTest extends AppTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_receipt_is_exact_a_dry_run_writes_nothing_and_a_second_import_changes_nothing() throws Exception {
        ExportFixture export = new ExportFixture(unique("m").replace("-", ""), 7);
        String body = json.writeValueAsString(export.tables);
        String admin = api.adminToken();
        long before = jdbc.queryForObject("select count(*) from resources.resources", Long.class);

        var dry = api.postRaw("/api/resources/migration/import?dryRun=true", "application/json", body, admin);
        assertThat(dry.status()).as(dry.raw().body()).isEqualTo(200);
        assertThat(dry.body().at("/totals/rejected").asInt()).isEqualTo(12);
        assertThat(jdbc.queryForObject("select count(*) from resources.resources", Long.class)).isEqualTo(before);

        JsonNode receipt = api.postRaw("/api/migration/import", "application/json", body, admin).body();
        int rows = export.rows();
        assertThat(receipt.at("/totals/received").asInt()).isEqualTo(rows);
        assertThat(receipt.at("/totals/rejected").asInt()).isEqualTo(12);
        assertThat(receipt.at("/totals/inserted").asInt()).isEqualTo(rows - 12);
        export.planted.forEach((table, n) -> assertThat(receipt.at("/tables/" + table + "/rejected").asInt()).as(table).isEqualTo(n));
        assertThat(receipt.path("checksum").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(reason(receipt, "r-orphan")).contains("user_id 'u-gone' refers to no row of profiles");
        assertThat(reason(receipt, "rt-dup")).contains("duplicate").contains("user_id, resource_id");
        assertThat(reason(receipt, "rt-bad")).contains("rating 9");
        assertThat(reason(receipt, "r-badtype")).contains("type 'hologram' is not one of");
        assertThat(reason(receipt, "n-missing")).contains("missing title");
        assertThat(reason(receipt, "u-dupname")).contains("duplicate").contains("username");
        assertThat(jdbc.queryForObject("select count(*) from resources.resources", Long.class)).isEqualTo(before + 420);
        assertThat(jdbc.queryForObject("select count(*) from resources.resources where forked_from is not null and id = ?", Long.class,
                MigrationImport.uuid("resources", "fork3"))).isEqualTo(1);

        JsonNode again = api.postRaw("/api/resources/migration/import", "application/json", body, admin).body();
        assertThat(again.at("/totals/inserted").asInt()).isZero();
        assertThat(again.at("/totals/updated").asInt()).isZero();
        assertThat(again.at("/totals/unchanged").asInt()).isEqualTo(rows - 12);

        String customer = api.signup(unique("nope"), "rosebush-42").text("access_token");
        assertThat(api.postRaw("/api/resources/migration/import", "application/json", body, customer).status()).isEqualTo(403);
        assertThat(api.postRaw("/api/resources/migration/import", "application/json", "[1,2]", admin).status()).isEqualTo(400);
    }

    private static String reason(JsonNode receipt, String id) {
        for (JsonNode r : receipt.path("rejections")) if (r.path("id").asText().equals(id)) return r.path("reason").asText();
        return "(not rejected)";
    }
}
