package io.relais.shop.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.relais.platform.files.ImportReport;
import io.relais.shop.ShopSettings;
import org.junit.jupiter.api.Test;

class CatalogCsvReaderTest {

    private final CatalogCsvReader reader = new CatalogCsvReader(new ShopSettings.Import(1000,
            "[A-Z0-9][A-Z0-9._/-]{1,39}", 5, Map.of()));

    private List<CatalogRow> read(byte[] bytes, ShopSettings.ColumnMapping mapping, ImportReport report) {
        List<CatalogRow> rows = new ArrayList<>();
        reader.read(new ByteArrayInputStream(bytes), mapping, report, rows::add);
        return rows;
    }

    @Test
    void the_canonical_layout_reads_and_bad_rows_are_reported_with_line_and_reason() {
        String csv = """
                reference,name,description,category,price,stock,stock_alert_threshold,image_url
                ros-001,Rosier 'Iceberg',"Blanc, parfumé",Rosiers,12.50,10,3,https://img.example/r.jpg
                BAD REF,Nom,,x,1,1,1,
                SEM-001,,,semences,2,1,1,
                TER-001,Terreau,,terreaux,-1,1,1,
                TER-002,Terreau,,terreaux,abc,1,1,
                OUT-001,Sécateur,,outils,9.9,-3,1,
                OUT-002,Bêche,,outils,19.9,2,1,ftp://nope
                ROS-001,Again,,rosiers,1,1,1,
                """;
        ImportReport report = new ImportReport("test");
        List<CatalogRow> rows = read(csv.getBytes(StandardCharsets.UTF_8), null, report);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.reference()).isEqualTo("ROS-001");
            assertThat(r.description()).isEqualTo("Blanc, parfumé");
            assertThat(r.category()).isEqualTo("rosiers");
            assertThat(r.price()).isEqualByComparingTo("12.50");
            assertThat(r.line()).isEqualTo(2);
        });
        assertThat(report.getRejections()).extracting(ImportReport.Rejection::line).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(report.getRejections()).extracting(ImportReport.Rejection::reason).satisfiesExactly(
                r -> assertThat(r).startsWith("bad reference"),
                r -> assertThat(r).isEqualTo("missing name"),
                r -> assertThat(r).startsWith("negative price"),
                r -> assertThat(r).startsWith("bad price"),
                r -> assertThat(r).startsWith("bad stock"),
                r -> assertThat(r).startsWith("bad image_url"),
                r -> assertThat(r).startsWith("duplicate reference ROS-001: the row on line 2 (the first) is kept"));
    }

    @Test
    void a_french_excel_file_reads_by_its_own_header_names_separator_encoding_and_decimal_comma() {
        String csv = "Référence;Désignation;Famille;Prix TTC (€);Qté;Seuil alerte\r\n"
                + "ROS-010;Rosier \"Pierre de Ronsard\";Rosiers;1 234,50 €;12;4\r\n"
                + "SEM-010;Graines de capucine;Semences;2,90;0;\r\n";
        ImportReport report = new ImportReport("excel");
        List<CatalogRow> rows = read(csv.getBytes(Charset.forName("windows-1252")), null, report);
        assertThat(report.getRejections()).isEmpty();
        assertThat(rows).extracting(CatalogRow::price).containsExactly(new BigDecimal("1234.50"), new BigDecimal("2.90"));
        assertThat(rows.get(0).name()).isEqualTo("Rosier \"Pierre de Ronsard\"");
        assertThat(rows.get(0).alertThreshold()).isEqualTo(4);
        assertThat(rows.get(1).alertThreshold()).isEqualTo(5);
    }

    @Test
    void a_named_mapping_reads_a_layout_no_alias_would_guess() {
        String csv = "Art.Nr|Bezeichnung|VK\nDE-100|Gartenschere|14.95\n";
        var mapping = new ShopSettings.ColumnMapping("|", false, "UTF-8",
                Map.of("reference", "Art.Nr", "name", "Bezeichnung", "price", "VK"));
        List<CatalogRow> rows = read(csv.getBytes(StandardCharsets.UTF_8), mapping, new ImportReport("de"));
        assertThat(rows).singleElement().extracting(CatalogRow::reference, CatalogRow::price)
                .containsExactly("DE-100", new BigDecimal("14.95"));
    }

    @Test
    void a_utf8_bom_and_tab_separators_are_understood() {
        String csv = "\uFEFFreference\tname\tprice\nTAB-001\tArrosoir 10L\t15.00\n";
        List<CatalogRow> rows = read(csv.getBytes(StandardCharsets.UTF_8), null, new ImportReport("tsv"));
        assertThat(rows).extracting(CatalogRow::reference).containsExactly("TAB-001");
    }

    @Test
    void a_file_without_the_required_columns_is_refused_whole_with_what_is_missing() {
        assertThatThrownBy(() -> read("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), null, new ImportReport("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[reference, name]");
    }

    @Test
    void prices_are_read_the_way_suppliers_write_them() {
        assertThat(Prices.parse("12,50", true)).isEqualByComparingTo("12.50");
        assertThat(Prices.parse("1.234,56 €", true)).isEqualByComparingTo("1234.56");
        assertThat(Prices.parse("€1,234.56", false)).isEqualByComparingTo("1234.56");
        assertThat(Prices.parse("1\u00A0299,00", true)).isEqualByComparingTo("1299.00");
        assertThatThrownBy(() -> Prices.parse("douze", true)).isInstanceOf(NumberFormatException.class);
    }
}
