package io.relais.bench;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * Catalog import of 100,000 references through {@code POST /api/shop/products/import} (parse, validate, batched
 * upsert by reference, INITIAL ledger movements, report), against PostgreSQL's own bulk path: {@code COPY} of the
 * same CSV into a table of the same columns with a unique reference, on the same database.
 */
final class ShopImportBenchmark implements Benchmark {

    @Override
    public String name() {
        return "shop-import";
    }

    @Override
    public String description() {
        return "import " + ShopCatalog.ROWS + " references over REST vs PostgreSQL COPY of the same rows";
    }

    @Override
    public List<Figure> run(BenchEnvironment env) throws Exception {
        var csv = ShopCatalog.csv(env);
        String token = env.api.signin("admin", BenchEnvironment.ADMIN_PASSWORD);
        long t0 = System.nanoTime();
        ShopCatalog.importThroughRest(env, token);
        double relaisSeconds = (System.nanoTime() - t0) / 1e9;

        double copySeconds;
        try (Connection c = env.bean(DataSource.class).getConnection()) {
            try (var st = c.createStatement()) {
                st.execute("drop table if exists public.bench_copy_products");
                st.execute("create table public.bench_copy_products (reference text primary key, name text not null,"
                        + " description text, category text, price numeric(12,2), stock integer,"
                        + " stock_alert_threshold integer, image_url text)");
            }
            long c0 = System.nanoTime();
            try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy public.bench_copy_products from stdin with (format csv, header true)", in);
            }
            copySeconds = (System.nanoTime() - c0) / 1e9;
            try (var st = c.createStatement()) {
                st.execute("drop table public.bench_copy_products");
            }
        }
        return List.of(
                new Figure("rows/s", ShopCatalog.ROWS / relaisSeconds, "rows/s", "COPY rows/s", ShopCatalog.ROWS / copySeconds, true),
                new Figure("100k import", relaisSeconds, "s", "COPY seconds", copySeconds, false));
    }
}
