package io.relais.shop.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.relais.platform.web.ApiProblem;
import io.relais.platform.web.QueryParams;
import io.relais.shop.ShopSettings;
import org.apache.camel.Header;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * "Bought together": products that share orders with this one, ranked by lift (how much more often they appear
 * together than chance would give) with at least two shared orders; when history is thin, category complements from
 * config ("rosiers" -> "engrais", "pots"...), best sellers first.
 */
@Service("recommendations")
public class Recommendations {

    private final NamedParameterJdbcTemplate jdbc;
    private final ShopSettings settings;

    Recommendations(NamedParameterJdbcTemplate jdbc, ShopSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public record Recommendation(String reference, String name, String category, String reason, Double lift,
                                 Integer sharedOrders) {
    }

    public List<Recommendation> forProduct(@Header("reference") String reference, @Header("limit") String limitParam) {
        int limit = QueryParams.integer("limit", limitParam, 5, 1, 50);
        List<Map<String, Object>> product = jdbc.queryForList("select id, category from shop.products where reference = upper(:r)",
                new MapSqlParameterSource("r", reference == null ? "" : reference));
        if (product.isEmpty()) throw ApiProblem.notFound("no product " + reference);
        long id = (Long) product.get(0).get("id");
        String category = (String) product.get(0).get("category");
        List<Recommendation> result = new ArrayList<>(jdbc.query("""
                with orders as (select count(distinct order_id)::float as n from shop.order_lines l
                                  join shop.orders o on o.id = l.order_id where o.status = 'CONFIRMED'),
                     mine as (select distinct l.order_id from shop.order_lines l join shop.orders o on o.id = l.order_id
                               where l.product_id = :id and o.status = 'CONFIRMED'),
                     support as (select product_id, count(distinct order_id)::float as n from shop.order_lines
                                  where order_id in (select order_id from shop.order_lines l join shop.orders o
                                                       on o.id = l.order_id where o.status = 'CONFIRMED')
                                  group by product_id)
                select p.reference, p.name, p.category, count(distinct l.order_id) as together,
                       (count(distinct l.order_id) / (select n from orders))
                       / (((select count(*) from mine) / (select n from orders)) * (s.n / (select n from orders))) as lift
                  from shop.order_lines l join mine using (order_id)
                  join shop.products p on p.id = l.product_id join support s on s.product_id = l.product_id
                 where l.product_id <> :id
                 group by p.reference, p.name, p.category, s.n
                having count(distinct l.order_id) >= 2
                 order by lift desc, together desc limit :limit
                """, new MapSqlParameterSource("id", id).addValue("limit", limit), (rs, n) -> new Recommendation(
                rs.getString(1), rs.getString(2), rs.getString(3), "bought together",
                Math.round(rs.getDouble(5) * 100) / 100.0, rs.getInt(4))));
        if (result.size() < limit) {
            Set<String> already = new LinkedHashSet<>();
            result.forEach(r -> already.add(r.reference()));
            already.add(reference.toUpperCase());
            List<String> complements = settings.complements().getOrDefault(category, List.of());
            if (!complements.isEmpty()) {
                result.addAll(jdbc.query("""
                        select p.reference, p.name, p.category from shop.products p
                          left join shop.order_lines l on l.product_id = p.id
                         where p.category in (:cats) and p.reference not in (:already)
                         group by p.id order by coalesce(sum(l.quantity), 0) desc, p.reference limit :limit
                        """, new MapSqlParameterSource("cats", complements).addValue("already", already)
                        .addValue("limit", limit - result.size()), (rs, n) -> new Recommendation(rs.getString(1),
                        rs.getString(2), rs.getString(3), "goes with " + category, null, null)));
            }
        }
        return result;
    }
}
