package io.relais.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class CatalogApiTest extends AppTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void an_import_lands_valid_rows_reports_bad_ones_and_a_reimport_changes_nothing() {
        String p = ShopFixture.prefix();
        String admin = api.adminToken();
        var first = ShopFixture.importCsv(api, admin, p + "-001,Rosier test,rosiers,12.5,10,3", "bad ref,x,y,1,1,1",
                p + "-002,,rosiers,1,1,1", p + "-003,Engrais test,engrais,-4,1,1", p + "-004,Pot test,pots,3.2,0,1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().at("/counts/inserted").asLong()).isEqualTo(2);
        assertThat(first.body().at("/counts/rejected").asLong()).isEqualTo(3);
        assertThat(first.body().get("rejections").findValuesAsText("line")).containsExactly("3", "4", "5");
        assertThat(first.body().get("rejections").findValuesAsText("reason"))
                .anySatisfy(r -> assertThat(r).startsWith("bad reference"))
                .anySatisfy(r -> assertThat(r).isEqualTo("missing name"))
                .anySatisfy(r -> assertThat(r).startsWith("negative price"));

        var again = ShopFixture.importCsv(api, admin, p + "-001,Rosier test,rosiers,12.5,10,3", p + "-004,Pot test,pots,3.2,0,1");
        assertThat(again.body().at("/counts/unchanged").asLong()).isEqualTo(2);
        assertThat(again.body().at("/counts/inserted").asLong()).isZero();
        assertThat(again.body().at("/counts/updated").asLong()).isZero();
        assertThat(jdbc.queryForObject("select quantity from shop.stock s join shop.products p on p.id = s.product_id "
                + "where reference = ?", Integer.class, p + "-001")).isEqualTo(10);

        var changed = ShopFixture.importCsv(api, admin, p + "-001,Rosier test,rosiers,13.0,999,3");
        assertThat(changed.body().at("/counts/updated").asLong()).isEqualTo(1);
        // a catalog file never overwrites stock that the ledger manages
        assertThat(jdbc.queryForObject("select quantity from shop.stock s join shop.products p on p.id = s.product_id "
                + "where reference = ?", Integer.class, p + "-001")).isEqualTo(10);
    }

    @Test
    void a_search_answered_from_memory_follows_the_next_import_and_the_live_stock() {
        String p = ShopFixture.prefix();
        String admin = api.adminToken();
        ShopFixture.importCsv(api, admin, p + "-001,Clématite " + p + " bleue,grimpantes,12.5,10,3");
        String query = "/api/shop/products?search=" + p + "&size=5";
        var first = api.get(query, null);
        assertThat(first.body().path("items").findValuesAsText("name")).containsExactly("Clématite " + p + " bleue");
        assertThat(api.get(query, null).body().at("/items/0/stock").asInt()).isEqualTo(10);

        String customer = api.signup(unique("climber"), "clematis-42").text("access_token");
        var order = api.post("/api/shop/orders", java.util.Map.of("lines", java.util.List.of(
                java.util.Map.of("reference", p + "-001", "quantity", 4))), customer);
        assertThat(order.status()).isEqualTo(201);
        assertThat(api.get(query, null).body().at("/items/0/stock").asInt()).as("stock is read at every search").isEqualTo(6);

        ShopFixture.importCsv(api, admin, p + "-001,Clématite " + p + " blanche,grimpantes,12.5,10,3");
        assertThat(api.get(query, null).body().path("items").findValuesAsText("name"))
                .as("the import's commit moves the catalog generation on").containsExactly("Clématite " + p + " blanche");
    }

    @Test
    void a_nurserys_own_layout_is_previewed_then_imported_with_its_extra_columns_and_unpriced_rows() throws Exception {
        String admin = api.adminToken();
        String p = ShopFixture.prefix();
        String csv = "Code article;Désignation;Variété;Conditionnement;Prix unitaire TTC (€);Qté dispo\n"
                + p + "-ROS;Rosier buisson;Peace;Conteneur 5 L;24,90;32\n"
                + p + "-LAV;Lavande vraie;Hidcote;Godet 9 cm;4,50;210\n"
                + p + "-ERA;Érable du Japon;Bloodgood" + p + ";Conteneur 3 L;;4\n"
                + p + "-ROS;Rosier buisson (doublon);Peace;Conteneur 5 L;26,00;1\n"
                + p + "-HOR;Hortensia;Bouquet Rose;Conteneur 4 L;18,50;54\n";
        var preview = api.postRaw("/api/shop/products/import?dryRun=true", "text/csv", csv, admin);
        assertThat(preview.status()).as(preview.raw().body()).isEqualTo(200);
        assertThat(preview.text("status")).isEqualTo("PREVIEW");
        assertThat(preview.body().at("/details/layout/fields/reference/column").asText()).isEqualTo("Code article");
        assertThat(preview.body().at("/details/layout/fields/price/column").asText()).isEqualTo("Prix unitaire TTC (€)");
        assertThat(preview.body().at("/details/layout/fields/name/confidence").asDouble()).isGreaterThan(0.5);
        assertThat(preview.body().at("/details/layout/attributes").toString()).contains("Variété", "Conditionnement");
        assertThat(preview.body().at("/details/sample/0/price").decimalValue()).isEqualByComparingTo("24.90");
        assertThat(preview.body().at("/rejections/0/reason").asText()).contains("the row on line 2 (the first) is kept");
        assertThat(jdbc.queryForObject("select count(*) from shop.products where reference like ?", Long.class, p + "-%")).isZero();

        var report = api.postRaw("/api/shop/products/import", "text/csv", csv, admin);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body().at("/counts/inserted").asLong()).isEqualTo(4);
        assertThat(report.body().at("/counts/unpriced").asLong()).isEqualTo(1);
        assertThat(report.body().at("/notes/0/note").asText()).contains(p + "-ERA").contains("unpriced");
        var maple = api.get("/api/shop/products/" + p + "-ERA", null);
        assertThat(maple.body().path("price").isNull() || maple.body().path("price").isMissingNode()).isTrue();
        assertThat(maple.body().at("/attributes/Variété").asText()).isEqualTo("Bloodgood" + p);
        var found = api.get("/api/shop/products?search=Bloodgood" + p, null);
        assertThat(found.body().path("items").findValuesAsText("reference")).contains(p + "-ERA");
        String customer = api.signup(unique("gardener"), "rosebush-42").text("access_token");
        var order = api.post("/api/shop/orders", java.util.Map.of("lines", java.util.List.of(java.util.Map.of("reference", p + "-ERA", "quantity", 1))), customer);
        assertThat(order.status()).isEqualTo(409);
        assertThat(order.raw().body()).contains("no price");

        // the columns said once, saved by name, used at once with no restart
        var saved = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/shop/catalog/mappings/nursery-" + p.toLowerCase()))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"separator\": \";\", \"decimalComma\": true, \"columns\": {\"reference\": \"Code article\", \"name\": \"Variété\"}}")), admin);
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        var named = api.postRaw("/api/shop/products/import?dryRun=true&mapping=nursery-" + p.toLowerCase(), "text/csv", csv, admin);
        assertThat(named.body().at("/details/layout/fields/name/column").asText()).isEqualTo("Variété");
        assertThat(named.body().at("/details/layout/fields/name/by").asText()).isEqualTo("given");
        var adHoc = api.postRaw("/api/shop/products/import?dryRun=true&columns=" + java.net.URLEncoder.encode("{\"name\": \"Conditionnement\"}",
                java.nio.charset.StandardCharsets.UTF_8), "text/csv", csv, admin);
        assertThat(adHoc.body().at("/details/layout/fields/name/column").asText()).isEqualTo("Conditionnement");
        var wrong = api.postRaw("/api/shop/products/import?dryRun=true&columns=" + java.net.URLEncoder.encode("{\"colour\": \"x\"}",
                java.nio.charset.StandardCharsets.UTF_8), "text/csv", csv, admin);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().at("/errors/0/field").asText()).isEqualTo("columns.colour");
        var absent = api.postRaw("/api/shop/products/import?dryRun=true&columns=" + java.net.URLEncoder.encode("{\"price\": \"Tarif HT\"}",
                java.nio.charset.StandardCharsets.UTF_8), "text/csv", csv, admin);
        assertThat(absent.status()).as("a mapping naming a column the file lacks is refused, not guessed around").isEqualTo(400);
        assertThat(absent.text("detail")).contains("'Tarif HT' for price");
        assertThat(api.get("/api/shop/catalog/mappings", admin).raw().body()).contains("nursery-" + p.toLowerCase());
    }

    @Test
    void a_catalog_dropped_in_the_inbox_lands_and_its_report_is_kept_beside_it() throws Exception {
        String p = ShopFixture.prefix();
        java.nio.file.Path feed = inboxDir().resolve("shop/products");
        java.nio.file.Files.createDirectories(feed);
        java.nio.file.Path part = feed.getParent().resolve(p + ".csv.part");
        java.nio.file.Files.writeString(part, "SKU;Désignation;Prix;Stock;Couleur\n" + p + "-IN1;Pot en terre;3,50;12;ocre\n"
                + p + "-IN2;Soucoupe;1,20;40;vert\n" + p + "-IN3;Jardinière;8,90;5;bleu\n");
        java.nio.file.Files.move(part, feed.resolve(p + ".csv"));
        java.nio.file.Path done = feed.resolve(".done");
        com.fasterxml.jackson.databind.JsonNode report = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            if (!java.nio.file.Files.isDirectory(done)) return null;
            try (var files = java.nio.file.Files.list(done)) {
                var found = files.filter(f -> f.getFileName().toString().endsWith(p + ".csv.report.json")).findFirst();
                return found.isPresent() ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(found.get().toFile()) : null;
            }
        }, java.util.Objects::nonNull);
        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("COMPLETED");
        assertThat(report.at("/counts/inserted").asLong()).isEqualTo(3);
        assertThat(report.at("/details/layout/attributes").toString()).contains("Couleur");
        assertThat(jdbc.queryForObject("select price from shop.products where reference = ?", java.math.BigDecimal.class, p + "-IN1"))
                .isEqualByComparingTo("3.50");
    }

    @Test
    void a_reference_repeated_in_another_batch_is_created_once() {
        String p = ShopFixture.prefix();
        String[] lines = new String[120];
        for (int i = 0; i < 119; i++) lines[i] = String.format("%s-%03d,Produit %d,outils,%d,5,1", p, i, i, i + 1);
        lines[119] = p + "-000,Produit répété,outils,9,5,1"; // same reference as line 2, batches of 50 later
        var report = ShopFixture.importCsv(api, api.adminToken(), lines);
        assertThat(report.body().at("/counts/inserted").asLong()).isEqualTo(119);
        assertThat(report.body().at("/rejections/0/reason").asText()).contains("the row on line 2 (the first) is kept");
        assertThat(jdbc.queryForObject("select count(*) from shop.products where reference like ?", Long.class, p + "-%"))
                .isEqualTo(119);
    }

    @Test
    void importing_needs_a_manager_or_an_admin_and_a_csv_body() {
        String customer = api.signup(unique("cust"), "rosebush-42").text("access_token");
        assertThat(ShopFixture.importCsv(api, customer, "X-1,x,y,1,1,1").status()).isEqualTo(403);
        assertThat(api.post("/api/shop/products/import", java.util.Map.of("a", 1), api.adminToken()).status()).isEqualTo(415);
        var unknownMapping = api.postRaw("/api/shop/products/import?mapping=nope", "text/csv", "a,b\n", api.adminToken());
        assertThat(unknownMapping.status()).isEqualTo(400);
        assertThat(unknownMapping.body().at("/errors/0/field").asText()).isEqualTo("mapping");
    }

    @Test
    void a_search_is_ranked_once_and_every_page_is_cut_from_that_ranking() {
        var whole = api.get("/api/shop/products?search=rosier&size=200", null).body();
        List<String> ranked = whole.get("items").findValuesAsText("reference");
        long total = whole.get("total").asLong();
        assertThat(ranked).hasSize((int) Math.min(total, 200));

        List<String> paged = new java.util.ArrayList<>();
        for (int page = 0; page * 7 < ranked.size(); page++) {
            var body = api.get("/api/shop/products?search=rosier&size=7&page=" + page, null).body();
            assertThat(body.get("total").asLong()).isEqualTo(total);
            paged.addAll(body.get("items").findValuesAsText("reference"));
        }
        assertThat(paged).as("pages of 7 are the ranking of 200, cut").isEqualTo(ranked);
        var scores = whole.get("items").findValuesAsText("score").stream().map(Double::parseDouble).toList();
        assertThat(scores).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        var beyond = api.get("/api/shop/products?search=rosier&size=7&page=" + (total / 7 + 1), null).body();
        assertThat(beyond.get("items")).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(total);

        // the in-stock filter is ranked by PostgreSQL at every call: the same order, less what is out of stock
        List<String> inStock = new java.util.ArrayList<>();
        whole.get("items").forEach(i -> {
            if (i.get("stock").asInt() > 0) inStock.add(i.get("reference").asText());
        });
        var filtered = api.get("/api/shop/products?search=rosier&size=200&inStock=true", null).body();
        if (total <= 200) assertThat(filtered.get("items").findValuesAsText("reference")).isEqualTo(inStock);
        else assertThat(filtered.get("items").findValuesAsText("reference")).startsWith(inStock.toArray(String[]::new));
    }

    @Test
    void search_tolerates_typos_and_accents_ranks_and_paginates() {
        var rosier = api.get("/api/shop/products?search=rosier&size=5", null);
        assertThat(rosier.status()).isEqualTo(200);
        assertThat(rosier.body().get("items").get(0).get("name").asText()).startsWith("Rosier");
        assertThat(rosier.body().get("total").asLong()).isGreaterThanOrEqualTo(100);
        assertThat(rosier.body().get("items")).hasSize(5);

        var terau = api.get("/api/shop/products?search=terau&size=3", null);
        assertThat(terau.body().get("items").get(0).get("name").asText()).startsWith("Terreau");

        var secateur = api.get("/api/shop/products?search=secateur&size=3", null);
        assertThat(secateur.body().get("items").get(0).get("name").asText()).startsWith("Sécateur");

        var item = rosier.body().get("items").get(0);
        assertThat(item.has("stock")).isTrue();
        assertThat(item.get("image").asText()).endsWith("/image");
        assertThat(rosier.raw().body()).doesNotContain("image_bytes");

        var page2 = api.get("/api/shop/products?category=rosiers&page=1&size=30&sort=price", null);
        assertThat(page2.body().get("page").asInt()).isEqualTo(1);
        assertThat(page2.body().get("total").asLong()).isEqualTo(100);
        var prices = page2.body().get("items").findValuesAsText("price").stream().map(Double::parseDouble).toList();
        assertThat(prices).isSorted();

        assertThat(api.get("/products?search=arosoir", null).body().get("items").get(0).get("name").asText())
                .startsWith("Arrosoir");
        assertThat(api.get("/api/shop/products?page=abc", null).status()).isEqualTo(400);
        assertThat(api.get("/api/shop/products/NOPE-999", null).status()).isEqualTo(404);
    }

    @Test
    void an_image_is_served_with_etag_and_cache_control_and_revalidates() {
        var image = api.get("/api/shop/products/ROS-001/image", null);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.contentType()).startsWith("image/");
        assertThat(image.header("Cache-Control")).contains("max-age");
        String etag = image.header("ETag");
        assertThat(etag).isNotBlank();
        var again = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/product/ROS-001/image"))
                .header("If-None-Match", etag).GET(), null);
        assertThat(again.status()).isEqualTo(304);
    }
}
