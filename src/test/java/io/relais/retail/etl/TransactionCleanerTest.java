package io.relais.retail.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Each cleaning rule, both layouts, the date and number forms of real files. */
class TransactionCleanerTest {

    private final List<Transaction> clean = new ArrayList<>();

    private CleaningReport clean(String csv) throws Exception {
        clean.clear();
        return TransactionCleaner.clean(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 5, clean::add);
    }

    @Test
    void every_rule_is_counted_with_its_line_and_valid_lines_pass() throws Exception {
        CleaningReport report = clean("""
                Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country
                489434,85048,"15CM CHRISTMAS GLASS BALL 20 LIGHTS",12,2009-12-01 07:45:00,6.95,13085,United Kingdom
                C489449,22087,PAPER BUNTING WHITE LACE,-12,2009-12-01 10:33:00,2.95,16321,Australia
                489450,22088,PAPER BUNTING COLOURED LACE,0,2009-12-01 10:33:00,2.95,16321,Australia
                489451,22089,GIFT WRAP,6,2009-12-01 10:33:00,0.00,16321,Australia
                489452,22090,POSTAGE,1,2009-12-01 10:33:00,18.00,,United Kingdom
                489434,85048,"15CM CHRISTMAS GLASS BALL 20 LIGHTS",12,2009-12-01 07:45:00,6.95,13085,United Kingdom
                489453,22091,"BROKEN LINE",3
                489454,22092,BAD DATE,3,yesterday,1.00,13085,France
                489455,79323P,"PINK CHERRY LIGHTS, SET",4,2009-12-01 11:00,5.00,13085,France
                """);
        assertThat(report.read()).isEqualTo(9);
        assertThat(report.accepted()).isEqualTo(2);
        assertThat(report.counts()).containsEntry("CANCELLATION", 1L).containsEntry("NON_POSITIVE_QUANTITY", 1L)
                .containsEntry("NON_POSITIVE_PRICE", 1L).containsEntry("MISSING_CUSTOMER", 1L).containsEntry("DUPLICATE", 1L)
                .containsEntry("MALFORMED", 2L);
        assertThat(report.samples()).anySatisfy(s -> {
            assertThat(s.rule()).isEqualTo("DUPLICATE");
            assertThat(s.line()).isEqualTo(7);
        });
        assertThat(report.samples()).anySatisfy(s -> assertThat(s.line()).isEqualTo(8)); // the short line
        assertThat(clean.get(1).description()).isEqualTo("PINK CHERRY LIGHTS, SET");
        assertThat(clean.get(1).invoiceDate()).isEqualTo(LocalDateTime.of(2009, 12, 1, 11, 0));
    }

    @Test
    void a_quote_inside_a_field_is_text_and_a_quoted_line_break_keeps_the_line_numbers() throws Exception {
        CleaningReport report = clean("""
                Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country
                489434,21000,12" DOLLY PEG,6,2009-12-01 07:45:00,1.25,13085,United Kingdom
                489435,21001,"TWO
                LINES",6,2009-12-01 07:45:00,1.25,13085,United Kingdom
                489436,21002,"QUOTED" TAIL,6,2009-12-01 07:45:00,1.25,13085,United Kingdom
                489437,21003,BAD DATE,3,yesterday,1.00,13085,France
                """);
        assertThat(clean).extracting(Transaction::description).containsExactly("12\" DOLLY PEG", "TWO\nLINES", "QUOTED TAIL");
        assertThat(report.samples()).singleElement().satisfies(s -> assertThat(s.line()).isEqualTo(6));
    }

    @Test
    void the_classic_layout_with_us_dates_and_float_customer_ids() throws Exception {
        CleaningReport report = clean("""
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850.0,United Kingdom
                536366,22633,HAND WARMER UNION JACK,6,12/13/2010 8:28:30,1.85,17850.0,United Kingdom
                """);
        assertThat(report.accepted()).isEqualTo(2);
        assertThat(clean.get(0).customerId()).isEqualTo("17850");
        assertThat(clean.get(0).invoiceDate()).isEqualTo(LocalDateTime.of(2010, 12, 1, 8, 26));
        assertThat(clean.get(1).invoiceDate()).isEqualTo(LocalDateTime.of(2010, 12, 13, 8, 28, 30));
    }

    @Test
    void semicolons_decimal_commas_a_bom_and_other_header_names() throws Exception {
        CleaningReport report = clean("\uFEFFinvoice_no;stock_code;product;qty;date;unit_price;customer;country\n"
                + "536365;85123A;WHITE HANGING HEART;6;01/12/2010 08:26;2,55;17850;United Kingdom\n"
                + "536367;84879;ASSORTED BIRD;32;2010-12-01T08:34;1,69;13047;United Kingdom\n");
        assertThat(report.accepted()).isEqualTo(2);
        assertThat(clean.get(0).price()).isEqualByComparingTo("2.55");
        assertThat(clean.get(1).invoiceDate()).isEqualTo(LocalDateTime.of(2010, 12, 1, 8, 34));
    }
}
