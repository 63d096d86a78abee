package io.relais.retail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.relais.retail.etl.EtlPipeline;
import io.relais.retail.etl.RetailLoader.Mode;
import io.relais.testsupport.AppTest;
import io.relais.testsupport.DailyRetailFeeds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Daily feeds: thirty daily files loaded one by one as increments give the tables of their concatenation loaded once
 * (rows, revenue per country and per product to the cent, customers, golden records); a later day's cancellation takes
 * back an earlier day's sale; a day sent again replaces its invoices.
 */
class RetailDailyFeedsTest extends AppTest {

    private static final String HEADER = DailyRetailFeeds.HEADER;

    @Autowired
    EtlPipeline etl;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void thirty_daily_increments_equal_their_concatenation_loaded_once() throws Exception {
        List<List<String>> days = DailyRetailFeeds.days(30, 20260101L);
        Path dir = Files.createTempDirectory("daily-feeds");
        List<Path> files = new ArrayList<>();
        StringBuilder all = new StringBuilder(HEADER).append('\n');
        for (int d = 0; d < days.size(); d++) {
            Path f = dir.resolve("transactions-day-" + (d + 1) + ".csv");
            Files.writeString(f, HEADER + "\n" + String.join("\n", days.get(d)) + "\n");
            files.add(f);
            days.get(d).forEach(l -> all.append(l).append('\n'));
        }
        Path concatenation = dir.resolve("month.csv");
        Files.writeString(concatenation, all.toString());

        Map<String, Object> once = etl.run(concatenation, "the month at once", true, Mode.SNAPSHOT, "test", n -> { });
        assertThat(once.get("status")).as(String.valueOf(once.get("error"))).isIn("SUCCEEDED", "WARNED");
        assertThat(((Map<?, ?>) once.get("cancellations")).get("lines")).as("cancellations applied").isNotEqualTo(0);
        Snapshot expected = snapshot();

        for (int d = 0; d < files.size(); d++) {
            Map<String, Object> run = etl.run(files.get(d), "day " + (d + 1), true, d == 0 ? Mode.SNAPSHOT : Mode.INCREMENT, "test", n -> { });
            assertThat(run.get("status")).as("day " + (d + 1) + ": " + run.get("error")).isIn("SUCCEEDED", "WARNED");
            assertThat(run.get("mode")).isEqualTo(d == 0 ? "snapshot" : "increment");
        }
        Snapshot daily = snapshot();
        assertThat(daily.rows()).isEqualTo(expected.rows());
        assertThat(daily.revenueByCountry()).isEqualTo(expected.revenueByCountry());
        assertThat(daily.revenueByProduct()).isEqualTo(expected.revenueByProduct());
        assertThat(daily.customers()).isEqualTo(expected.customers());
        assertThat(daily.goldens()).isEqualTo(expected.goldens());

        // a day sent again with one invoice changed: that invoice's lines are replaced, nothing is added twice
        List<String> again = new ArrayList<>(days.get(29));
        int changed = 0; // a sale of a known customer, sent once (a repeated line would stay behind as its own)
        while (again.get(changed).startsWith("C") || again.get(changed).endsWith(",," + again.get(changed).substring(again.get(changed).lastIndexOf(',') + 1))
                || java.util.Collections.frequency(again, again.get(changed)) > 1) changed++;
        String[] f = again.get(changed).split(",");
        again.set(changed, String.join(",", f[0], f[1], f[2], String.valueOf(Integer.parseInt(f[3]) + 100), f[4], f[5], f[6], f[7]));
        Path resent = dir.resolve("transactions-day-30-corrected.csv");
        Files.writeString(resent, HEADER + "\n" + String.join("\n", again) + "\n");
        Map<String, Object> corrected = etl.run(resent, "day 30 again", false, Mode.INCREMENT, "test", n -> { });
        assertThat(corrected.get("status")).isIn("SUCCEEDED", "WARNED");
        assertThat(jdbc.queryForObject("select count(*) from retail.sales_facts", Long.class)).isEqualTo(expected.rows());
        assertThat(jdbc.queryForObject("select coalesce(sum(quantity), 0) from retail.sales_facts where invoice = ?", Long.class, f[0]))
                .isGreaterThanOrEqualTo(100L);
    }

    @Test
    void a_later_days_cancellation_takes_back_an_earlier_days_sale() throws Exception {
        Path dir = Files.createTempDirectory("cancel-feed");
        String customer = "77" + (System.nanoTime() % 1000);
        Path day1 = dir.resolve("day1.csv"), day2 = dir.resolve("day2.csv");
        Files.writeString(day1, HEADER + "\n"
                + "610001,23084,RABBIT NIGHT LIGHT,6,2011-12-01 09:00:00,2.08," + customer + ",France\n"
                + "610001,22727,ALARM CLOCK BAKELIKE RED,2,2011-12-01 09:00:00,3.75," + customer + ",France\n");
        Files.writeString(day2, HEADER + "\n"
                + "C610050,23084,RABBIT NIGHT LIGHT,-4,2011-12-02 10:00:00,2.08," + customer + ",France\n"
                + "C610051,22727,ALARM CLOCK BAKELIKE RED,-2,2011-12-02 10:00:00,3.75," + customer + ",France\n"
                + "C610052,21232,STRAWBERRY CERAMIC TRINKET BOX,-1,2011-12-02 10:00:00,1.25," + customer + ",France\n"
                + "610053,21232,STRAWBERRY CERAMIC TRINKET BOX,3,2011-12-02 11:00:00,1.25," + customer + ",France\n");
        assertThat(etl.run(day1, "day 1", true, Mode.INCREMENT, "test", n -> { }).get("status")).isIn("SUCCEEDED", "WARNED");
        Map<String, Object> run = etl.run(day2, "day 2", true, Mode.INCREMENT, "test", n -> { });
        assertThat(run.get("status")).isIn("SUCCEEDED", "WARNED");
        assertThat(jdbc.queryForObject("select quantity from retail.sales_facts where invoice = '610001' and stock_code = '23084'",
                Integer.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select revenue from retail.sales_facts where invoice = '610001' and stock_code = '23084'",
                java.math.BigDecimal.class)).isEqualByComparingTo("4.16");
        assertThat(jdbc.queryForObject("select count(*) from retail.sales_facts where invoice = '610001' and stock_code = '22727'",
                Long.class)).as("a sale taken back entirely is gone").isZero();
        Map<?, ?> cancellations = (Map<?, ?>) run.get("cancellations");
        assertThat(cancellations.get("lines")).isEqualTo(2);
        assertThat(cancellations.get("units")).isEqualTo(6);
        assertThat(cancellations.get("unmatched")).as("the trinket box was sold after its cancellation").isEqualTo(1);
        assertThat(((Map<?, ?>) run.get("rejects")).get("CANCELLATION")).isEqualTo(1);
        assertThat(run.get("samples").toString()).contains("no earlier sale of 21232");
    }

    record Snapshot(long rows, Map<String, String> revenueByCountry, Map<String, String> revenueByProduct, List<String> customers,
                    List<String> goldens) {
    }

    private Snapshot snapshot() {
        long rows = jdbc.queryForObject("select count(*) from retail.sales_facts", Long.class);
        Map<String, String> byCountry = new java.util.TreeMap<>();
        jdbc.query("select coalesce(country, '?'), round(sum(revenue), 2)::text from retail.sales_facts group by 1",
                rs -> { byCountry.put(rs.getString(1), rs.getString(2)); });
        Map<String, String> byProduct = new java.util.TreeMap<>();
        jdbc.query("select p.stock_code || ' ' || p.description, round(sum(s.revenue), 2)::text from retail.sales_facts s "
                + "join retail.products p on p.golden_id = s.golden_id group by 1", rs -> { byProduct.put(rs.getString(1), rs.getString(2)); });
        List<String> customers = jdbc.queryForList("select customer_id || ' ' || coalesce(country, '') || ' ' || first_seen || ' ' || last_seen "
                + "from retail.customers order by 1", String.class);
        List<String> goldens = jdbc.queryForList("select stock_code || ' ' || description || ' ' || variants || ' ' || stock_codes::text "
                + "from retail.products order by 1", String.class);
        return new Snapshot(rows, byCountry, byProduct, customers, goldens);
    }
}
