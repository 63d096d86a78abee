package io.relais.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.relais.shop.catalog.ProductSearch;
import io.relais.shop.stock.StockCache;

/**
 * Search over the 100,000-reference catalog (typo-tolerant trigram match, ranking, total, stock of each hit) through
 * HTTP, beside the same search called in-process (what Camel REST and HTTP add): warm (ten terms asked again and again:
 * their rankings are remembered per catalog generation), later pages (a page never asked, of a search asked before: cut
 * from its remembered ranking) and cold (every request a search never asked, so PostgreSQL ranks every match); then one product's stock read through the Redis cache beside the same read from PostgreSQL.
 */
final class ShopSearchBenchmark implements Benchmark {

    private static final int CLIENTS = 4;
    private static final Duration RUN = Duration.ofSeconds(15);
    private static final List<String> TERMS = List.of("rosier", "terau", "secateur", "engrais rosiers", "arosoir",
            "graines tomate", "pot terre cuite", "lavende", "tulipe", "compost");

    @Override
    public String name() {
        return "shop-search";
    }

    @Override
    public String description() {
        return "search over " + ShopCatalog.ROWS + " products at " + CLIENTS + " clients; stock reads cached vs uncached";
    }

    @Override
    public List<Figure> run(BenchEnvironment env) throws Exception {
        ShopCatalog.ensureImported(env);
        HttpLoad load = new HttpLoad();
        java.util.function.LongFunction<HttpRequest> search = n -> HttpRequest.newBuilder(URI.create(env.baseUrl
                + "/api/shop/products?search=" + URLEncoder.encode(TERMS.get((int) (n % TERMS.size())), StandardCharsets.UTF_8)))
                .GET().build();
        load.warmUp(CLIENTS, search, status -> status == 200);
        HttpLoad.Result http = load.measure("shop-search-warm", CLIENTS, RUN, search, status -> status == 200);

        // later pages: every request a page no one asked for before, of a search asked before (its ranking is remembered)
        java.util.function.LongFunction<HttpRequest> laterPage = n -> HttpRequest.newBuilder(URI.create(env.baseUrl
                + "/api/shop/products?search=" + URLEncoder.encode(TERMS.get((int) (n % TERMS.size())), StandardCharsets.UTF_8)
                + "&page=" + (1 + n / TERMS.size()))).GET().build();
        HttpLoad.Result later = load.measure("shop-search-later-pages", CLIENTS, RUN, laterPage, status -> status == 200);

        // cold: every request a search no one asked before (a word of a product name, often misspelt), so PostgreSQL
        // ranks every match
        List<String> fresh = freshTerms(env, 4_000);
        java.util.function.LongFunction<HttpRequest> coldSearch = n -> HttpRequest.newBuilder(URI.create(env.baseUrl
                + "/api/shop/products?search=" + URLEncoder.encode(fresh.get((int) (n % (fresh.size() / 2))), StandardCharsets.UTF_8)))
                .GET().build();
        HttpLoad.Result cold = load.measure("shop-search-cold", CLIENTS, RUN, coldSearch, status -> status == 200);
        if (cold.requests() >= fresh.size() / 2) throw new IllegalStateException("more cold searches than fresh terms: asked again");

        ProductSearch inProcess = env.bean(ProductSearch.class);
        List<Long> direct = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long t0 = System.nanoTime();
            inProcess.search(TERMS.get(i % TERMS.size()), null, null, null, null, null, null, null);
            if (i >= 100) direct.add(System.nanoTime() - t0);
        }
        var directResult = new HttpLoad.Result(direct.size(), Duration.ofSeconds(1), direct);
        List<Long> directCold = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long t0 = System.nanoTime();
            inProcess.search(fresh.get(fresh.size() / 2 + i), null, null, null, null, null, null, null);
            directCold.add(System.nanoTime() - t0);
        }
        var directColdResult = new HttpLoad.Result(directCold.size(), Duration.ofSeconds(1), directCold);

        StockCache cache = env.bean(StockCache.class);
        List<Long> ids = ShopCatalog.sampleProductIds(env, 2_000);
        ids.forEach(cache::get);
        List<Long> cached = new ArrayList<>();
        List<Long> uncached = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (Long id : ids) {
                long t0 = System.nanoTime();
                cache.get(id);
                long t1 = System.nanoTime();
                cache.load(List.of(id));
                long t2 = System.nanoTime();
                cached.add(t1 - t0);
                uncached.add(t2 - t1);
            }
        }
        var cachedResult = new HttpLoad.Result(cached.size(), Duration.ofSeconds(1), cached);
        var uncachedResult = new HttpLoad.Result(uncached.size(), Duration.ofSeconds(1), uncached);
        return List.of(
                new Figure("search p50", http.percentileMillis(0.50), "ms", "in-process p50", directResult.percentileMillis(0.50), false),
                new Figure("search p99", http.percentileMillis(0.99), "ms", "in-process p99", directResult.percentileMillis(0.99), false),
                new Figure("searches/s", http.perSecond(), "req/s", null, null, true),
                new Figure("later page p50", later.percentileMillis(0.50), "ms", null, null, false),
                new Figure("later page p99", later.percentileMillis(0.99), "ms", null, null, false),
                new Figure("cold search p50", cold.percentileMillis(0.50), "ms", "cold in-process p50", directColdResult.percentileMillis(0.50), false),
                new Figure("cold search p99", cold.percentileMillis(0.99), "ms", "cold in-process p99", directColdResult.percentileMillis(0.99), false),
                new Figure("cold searches/s", cold.perSecond(), "req/s", null, null, true),
                new Figure("stock read p50", cachedResult.percentileMillis(0.50), "ms", "PostgreSQL read p50", uncachedResult.percentileMillis(0.50), false),
                new Figure("stock read p99", cachedResult.percentileMillis(0.99), "ms", "PostgreSQL read p99", uncachedResult.percentileMillis(0.99), false));
    }
    /**
     * Distinct searches no one asked: a word of four letters or more from a product name, every other one with a letter
     * dropped (a typo), each once.
     */
    private static List<String> freshTerms(BenchEnvironment env, int count) {
        List<String> names = env.bean(org.springframework.jdbc.core.JdbcTemplate.class).queryForList(
                "select name from shop.products order by md5(reference) limit 20000", String.class);
        java.util.LinkedHashSet<String> terms = new java.util.LinkedHashSet<>(TERMS);
        java.util.Random random = new java.util.Random(11);
        for (String name : names) {
            String[] words = name.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+");
            String word = words[random.nextInt(words.length)];
            if (word.length() < 4) continue;
            if (random.nextBoolean()) {
                int drop = 1 + random.nextInt(word.length() - 1);
                word = word.substring(0, drop) + word.substring(drop + 1);
            }
            terms.add(word + (random.nextInt(3) == 0 ? " " + words[random.nextInt(words.length)] : ""));
            if (terms.size() >= count + TERMS.size()) break;
        }
        return List.copyOf(terms).subList(TERMS.size(), terms.size());
    }
}
