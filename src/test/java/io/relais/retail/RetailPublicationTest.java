package io.relais.retail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import io.relais.retail.etl.EtlPipeline;
import io.relais.retail.etl.RetailDataGenerator;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A retail run publishes only what passed: the checks run on the new data before anyone sees it, a FAILED run leaves the
 * previous data serving and says what failed, and every stored value is the one the cleaner accepted.
 */
class RetailPublicationTest extends AppTest {

    @Autowired
    EtlPipeline etl;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_price_under_one_cent_is_stored_as_accepted_and_a_tiny_file_does_not_replace_the_data_unless_forced() throws Exception {
        Path file = Files.createTempDirectory("publication").resolve("with-tiny-prices.csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            RetailDataGenerator.write(out, 4_000, 2024, "ii", false);
        }
        Files.writeString(file, "T900001,PADS,PADS TO MATCH ALL CUSHIONS,1,2011-11-30 10:00:00,0.001,14141,United Kingdom\n"
                + "T900002,PADS,PADS TO MATCH ALL CUSHIONS,3,2011-11-30 10:05:00,0.003,14142,United Kingdom\n",
                StandardOpenOption.APPEND);
        Map<String, Object> run = etl.run(file, "publication test", true, "test", n -> { });
        assertThat(run.get("status")).as(String.valueOf(run.get("error"))).isIn("SUCCEEDED", "WARNED");
        assertThat(jdbc.queryForObject("select price from retail.sales_facts where invoice = 'T900001'", BigDecimal.class))
                .isEqualByComparingTo("0.001");
        assertThat(jdbc.queryForObject("select revenue from retail.sales_facts where invoice = 'T900002'", BigDecimal.class))
                .isEqualByComparingTo("0.009");
        long serving = jdbc.queryForObject("select count(*) from retail.sales_facts", Long.class);

        Path tiny = file.resolveSibling("three-lines.csv");
        Files.writeString(tiny, "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n"
                + "T910001,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2011-12-01 08:26:00,2.55,17850,United Kingdom\n"
                + "T910002,71053,WHITE METAL LANTERN,6,2011-12-01 08:26:00,3.39,17850,United Kingdom\n"
                + "T910003,84406B,CREAM CUPID HEARTS COAT HANGER,8,2011-12-01 08:26:00,2.75,17850,United Kingdom\n");
        Map<String, Object> refused = etl.run(tiny, "a manager's 3 lines", false, "test", n -> { });
        assertThat(refused.get("status")).isEqualTo("FAILED");
        assertThat(refused.get("error").toString()).contains("not published").contains("volume");
        assertThat(jdbc.queryForObject("select count(*) from retail.sales_facts", Long.class)).as("the previous data serves").isEqualTo(serving);
        assertThat(jdbc.queryForObject("select published from retail.etl_runs where id = ?", Boolean.class, refused.get("id"))).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from retail.quality_results where run_id = ? and name = 'volume' and level = 'FAIL'",
                Long.class, refused.get("id"))).isEqualTo(1);

        Map<String, Object> forced = etl.run(tiny, "a manager's 3 lines, forced", true, "test", n -> { });
        assertThat(forced.get("status")).as(String.valueOf(forced.get("error"))).isEqualTo("WARNED");
        assertThat(jdbc.queryForObject("select count(*) from retail.sales_facts", Long.class)).isEqualTo(3);
    }
}
