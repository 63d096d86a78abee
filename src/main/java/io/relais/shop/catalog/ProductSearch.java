package io.relais.shop.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.relais.platform.web.ApiProblem;
import io.relais.platform.web.QueryParams;
import io.relais.shop.stock.StockCache;
import io.relais.shop.stock.StockLevel;
import org.apache.camel.Header;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Catalog search: typo- and accent-tolerant (trigram word similarity on unaccented text: "rosier" finds "Rosiers",
 * "terau" finds "Terreau"), ranked by relevance, filtered, paginated with a total. Each item carries its available
 * stock (through the Redis cache) and an image link, never image bytes.
 */
@Service("productSearch")
public class ProductSearch {

    /** Each ends on the unique reference: products that tie (same rank and name) keep one order from page to page. */
    private static final Map<String, String> SORTS = Map.of(
            "relevance", "rank desc, p.name, p.reference", "name", "p.name, p.reference", "-name", "p.name desc, p.reference",
            "price", "p.price, p.name, p.reference", "-price", "p.price desc, p.name, p.reference", "reference", "p.reference");

    /** pg_trgm's default (0.6) misses one-letter-short typos such as "terau" for "terreau" (0.5). */
    static final String WORD_SIMILARITY_THRESHOLD = "0.45";

    private final NamedParameterJdbcTemplate jdbc;
    private final StockCache stock;
    private final TransactionTemplate readOnly;
    /**
     * Pages of searches already answered, per catalog generation (read from PostgreSQL at each search, so every node
     * forgets them at the same commit). Bounded; an entry also goes after ten minutes.
     */
    private final com.github.benmanes.caffeine.cache.Cache<Query, Hits> remembered = com.github.benmanes.caffeine.cache.Caffeine
            .newBuilder().maximumSize(5_000).expireAfterWrite(java.time.Duration.ofMinutes(10)).build();
    /**
     * Text searches already ranked, whole (every match's id in order), per catalog generation: any page of them, the
     * first or the fifth, is then cut from memory and only its own rows are read. Ranking is what a search costs
     * (trigram similarity on every match: 100-400 ms for a word that matches 10,000 products), so it is done once per
     * search, not once per page. Bounded by the number of ids held (about 16 bytes each).
     */
    private final com.github.benmanes.caffeine.cache.Cache<Query, Ranking> rankings = com.github.benmanes.caffeine.cache.Caffeine
            .newBuilder().maximumWeight(2_000_000).<Query, Ranking>weigher((k, r) -> r.ids().length + 1)
            .expireAfterWrite(java.time.Duration.ofMinutes(10)).build();

    ProductSearch(NamedParameterJdbcTemplate jdbc, StockCache stock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.stock = stock;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * A product as search and its page show it; {@code price} is null for a product that cannot be ordered yet, and
     * {@code attributes} are the catalog file's other columns.
     */
    public record Item(String reference, String name, String description, String category, BigDecimal price,
                       int stock, int stockAlertThreshold, String image, Double score,
                       @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                       Map<String, String> attributes) {
    }

    public record Page(List<Item> items, long total, int page, int size) {
    }

    @SuppressWarnings("unchecked")
    public Page search(@Header("search") String search, @Header("category") String category,
                       @Header("inStock") String inStock, @Header("minPrice") String minPrice,
                       @Header("maxPrice") String maxPrice, @Header("page") String page, @Header("size") String size,
                       @Header("sort") String sort) {
        int pageNo = QueryParams.integer("page", page, 0, 0, 100_000);
        int pageSize = QueryParams.integer("size", size, 20, 1, 200);
        String q = search == null ? "" : search.strip();
        String order = SORTS.get(sort == null || sort.isBlank() ? (q.isEmpty() ? "name" : "relevance") : sort);
        if (order == null) throw ApiProblem.invalidField("sort", "must be one of " + SORTS.keySet());
        MapSqlParameterSource p = new MapSqlParameterSource("q", q).addValue("limit", pageSize)
                .addValue("offset", (long) pageNo * pageSize);
        StringBuilder where = new StringBuilder(" where true");
        if (!q.isEmpty()) {
            // <% : the query is similar to some word sequence of the name (pg_trgm word_similarity threshold 0.3)
            where.append(" and (shop.search_text(:q) <% p.name_search or p.reference = upper(:q)"
                    + " or p.category_search = shop.search_text(:q)"
                    + " or shop.search_text(:q) <% p.attributes_search)");
        }
        if (category != null && !category.isBlank()) {
            where.append(" and p.category_search = shop.search_text(:category)");
            p.addValue("category", category);
        }
        if (minPrice != null && !minPrice.isBlank()) {
            where.append(" and p.price >= :minPrice");
            p.addValue("minPrice", QueryParams.decimal("minPrice", minPrice));
        }
        if (maxPrice != null && !maxPrice.isBlank()) {
            where.append(" and p.price <= :maxPrice");
            p.addValue("maxPrice", QueryParams.decimal("maxPrice", maxPrice));
        }
        boolean inStockOnly = QueryParams.bool("inStock", inStock, false);
        if (inStockOnly) {
            where.append(" and exists (select 1 from shop.stock s where s.product_id = p.id and s.quantity - s.reserved > 0)");
        }
        // word similarity finds the product; strict word similarity (whole words) ranks "terreau" above "terre cuite"
        String rank = q.isEmpty() ? "0" : "word_similarity(shop.search_text(:q), p.name_search)"
                + " + strict_word_similarity(shop.search_text(:q), p.name_search)"
                + " + case when p.reference = upper(:q) then 1 else 0 end"
                + " + case when p.name_search like shop.search_text(:q) || '%' then 0.2 else 0 end";
        String sql = "select " + COLUMNS + ", " + rank + " as rank,"
                + " count(*) over () as total from shop.products p" + where + " order by " + order
                + " limit :limit offset :offset";
        // stock changes with every order: an in-stock filter is never answered from memory; the catalog is, per generation
        Hits hits;
        if (inStockOnly) {
            hits = query(sql, where.toString(), p);
        } else if (q.isEmpty()) {
            hits = remembered.get(new Query(generation(), sql, new java.util.HashMap<>(p.getValues())), k -> query(sql, where.toString(), p));
        } else {
            // a page asked before is remembered whole; another page of a search ranked before is cut from its ranking
            long generation = generation();
            String rankingSql = "select p.id, " + rank + " as rank from shop.products p" + where + " order by " + order;
            Map<String, Object> values = new java.util.HashMap<>(p.getValues());
            values.remove("limit");
            values.remove("offset");
            Query ranked = new Query(generation, rankingSql, values);
            hits = remembered.get(new Query(generation, sql, new java.util.HashMap<>(p.getValues())),
                    k -> page(rankings.get(ranked, r -> rank(rankingSql, p)), pageNo, pageSize));
        }
        Map<Long, StockLevel> levels = stock.getAll(hits.rows().stream().map(r -> (Long) r[0]).toList());
        List<Item> items = hits.rows().stream().map(r -> new Item((String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (BigDecimal) r[5], Math.max(0, levels.get((Long) r[0]).available()), (Integer) r[9],
                imageLink((String) r[1]), q.isEmpty() ? null : Math.round((Double) r[6] * 1000) / 1000.0,
                (Map<String, String>) r[8])).toList();
        return new Page(items, hits.total(), pageNo, pageSize);
    }

    /** One page of a search as the catalog answered it, without stock (read fresh at every call). */
    private record Hits(List<Object[]> rows, long total) {
    }

    /**
     * In the search's read-only transaction: pg_trgm's threshold, and no parallel workers. A search is one of many at
     * once; on a small server, workers fanned out for each made the slowest searches slower (four clients on two cores:
     * p99 1.6 s with them).
     */
    private void prepareSearch() {
        jdbc.getJdbcTemplate().execute("set local pg_trgm.word_similarity_threshold = " + WORD_SIMILARITY_THRESHOLD
                + "; set local max_parallel_workers_per_gather = 0");
    }

    /** Every match of a text search, best first: product ids and their rank. */
    private record Ranking(long[] ids, double[] ranks) {
    }

    private Ranking rank(String sql, MapSqlParameterSource p) {
        return readOnly.execute(tx -> {
            prepareSearch();
            java.util.stream.LongStream.Builder ids = java.util.stream.LongStream.builder();
            java.util.stream.DoubleStream.Builder ranks = java.util.stream.DoubleStream.builder();
            jdbc.query(sql, p, rs -> {
                ids.add(rs.getLong(1));
                ranks.add(rs.getDouble(2));
            });
            return new Ranking(ids.build().toArray(), ranks.build().toArray());
        });
    }

    /** One page of a ranking: its products read by id, in the ranking's order. */
    private Hits page(Ranking ranking, int pageNo, int pageSize) {
        long from = Math.min((long) pageNo * pageSize, ranking.ids().length);
        int to = (int) Math.min(from + pageSize, ranking.ids().length);
        Long[] ids = new Long[to - (int) from];
        for (int i = 0; i < ids.length; i++) ids[i] = ranking.ids()[(int) from + i];
        Map<Long, Object[]> rows = new java.util.HashMap<>();
        if (ids.length > 0) {
            jdbc.query("select " + COLUMNS + " from shop.products p where p.id = any(cast(:ids as bigint[]))",
                    new MapSqlParameterSource("ids", ids), rs -> {
                        rows.put(rs.getLong("id"), row(rs, null, (long) ranking.ids().length));
                    });
        }
        List<Object[]> page = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            Object[] row = rows.get(ids[i]);
            if (row == null) continue; // gone since the ranking (the next catalog generation ranks again)
            row[6] = ranking.ranks()[(int) from + i];
            page.add(row);
        }
        return new Hits(List.copyOf(page), ranking.ids().length);
    }

    /** A product as a search reads it ({@link #row}). */
    private static final String COLUMNS = "p.id, p.reference, p.name, p.description, p.category, p.price, "
            + "p.attributes::text as attributes, p.stock_alert_threshold";

    /** One hit: id, reference, name, description, category, price, rank, total, attributes, alert threshold. */
    private static Object[] row(java.sql.ResultSet rs, Double rank, long total) throws java.sql.SQLException {
        return new Object[] {rs.getLong("id"), rs.getString("reference"), rs.getString("name"), rs.getString("description"),
                rs.getString("category"), rs.getBigDecimal("price"), rank, total, attributes(rs.getString("attributes")),
                rs.getInt("stock_alert_threshold")};
    }

    /** A search's identity: its SQL and parameters, in the catalog generation it read. */
    private record Query(long generation, String sql, Map<String, Object> parameters) {
    }

    private Hits query(String sql, String where, MapSqlParameterSource p) {
        List<Object[]> rows = readOnly.execute(tx -> {
            prepareSearch();
            return jdbc.query(sql, p, (rs, n) -> row(rs, rs.getDouble("rank"), rs.getLong("total")));
        });
        long total = rows.isEmpty() ? countAll(where, p) : (Long) rows.get(0)[7];
        return new Hits(List.copyOf(rows), total);
    }

    /** The catalog's generation: every import that changes a product moves it on, in its own transaction. */
    private long generation() {
        Long generation = jdbc.getJdbcTemplate().queryForObject("select generation from shop.catalog_state", Long.class);
        return generation == null ? 0 : generation;
    }

    /** Called in the transaction of a catalog change: searches remembered on any node are not answered again. */
    static void catalogChanged(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        jdbc.update("update shop.catalog_state set generation = generation + 1");
    }

    public Item get(@Header("reference") String reference) {
        return find(reference).orElseThrow(() -> ApiProblem.notFound("no product " + reference));
    }

    @SuppressWarnings("unchecked")
    public Optional<Item> find(String reference) {
        List<Object[]> rows = jdbc.query("select id, reference, name, description, category, price, attributes::text, stock_alert_threshold "
                + "from shop.products "
                + "where reference = upper(:r)", new MapSqlParameterSource("r", reference == null ? "" : reference.strip()),
                (rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getBigDecimal(6), attributes(rs.getString(7)), rs.getInt(8)});
        if (rows.isEmpty()) return Optional.empty();
        Object[] r = rows.get(0);
        StockLevel level = stock.get((Long) r[0]);
        return Optional.of(new Item((String) r[1], (String) r[2], (String) r[3], (String) r[4], (BigDecimal) r[5],
                Math.max(0, level.available()), (Integer) r[7], imageLink((String) r[1]), null, (Map<String, String>) r[6]));
    }

    private long countAll(String where, MapSqlParameterSource p) {
        Long n = jdbc.queryForObject("select count(*) from shop.products p" + where, p, Long.class);
        return n == null ? 0 : n;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static Map<String, String> attributes(String json) {
        if (json == null || json.equals("{}")) return Map.of();
        try {
            return JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, String>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Map.of();
        }
    }

    static String imageLink(String reference) {
        return "/api/shop/products/" + reference + "/image";
    }
}
