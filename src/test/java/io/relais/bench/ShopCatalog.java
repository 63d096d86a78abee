package io.relais.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.relais.shop.catalog.CatalogGenerator;
import org.springframework.jdbc.core.JdbcTemplate;

/** The 100,000-reference benchmark catalog: generated once per run, imported once, shared by the shop benchmarks. */
final class ShopCatalog {

    static final int ROWS = 100_000;

    private static Path csv;
    private static boolean imported;

    private ShopCatalog() {
    }

    static synchronized Path csv(BenchEnvironment env) throws IOException {
        if (csv == null) {
            csv = env.dataDir.resolve("bench-catalog-" + ROWS + ".csv");
            try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                CatalogGenerator.write(out, ROWS, 42);
            }
        }
        return csv;
    }

    /** Imports the catalog through the REST import unless a benchmark did already; answers the HTTP status. */
    static synchronized int importThroughRest(BenchEnvironment env, String adminToken) throws IOException {
        var response = env.api.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(env.baseUrl + "/api/shop/products/import"))
                .header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(csv(env))), adminToken);
        if (response.status() != 200) {
            throw new IllegalStateException("import failed: " + response.status() + " " + response.raw().body());
        }
        imported = true;
        return response.status();
    }

    static synchronized void ensureImported(BenchEnvironment env) throws IOException {
        if (!imported) importThroughRest(env, env.api.signin("admin", BenchEnvironment.ADMIN_PASSWORD));
    }

    static List<String> sampleReferences(BenchEnvironment env, int count) {
        return env.bean(JdbcTemplate.class).queryForList(
                "select reference from shop.products order by md5(reference) limit ?", String.class, count);
    }

    static List<Long> sampleProductIds(BenchEnvironment env, int count) {
        return env.bean(JdbcTemplate.class).queryForList(
                "select id from shop.products order by md5(reference) limit ?", Long.class, count);
    }
}
