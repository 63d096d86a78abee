package io.relais.shop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Catalog layouts no one configured: three real-world shapes, compound names, and a header that says nothing. */
class LayoutInferenceTest {

    @Test
    void a_furniture_retailers_export() {
        var inferred = infer("item_id,name,category,price,old_price,sellable_online,link,other_colors,short_description,designer,depth,height,width,image_link",
                "90420332,FREKVENS,Bar furniture,265,No old price,TRUE,https://www.example.com/p/frekvens-90420332/,No,\"Bar table, in/outdoor, 51x51 cm\",Nicholai Wiig Hansen,,99,51,https://img.example.com/90420332.jpg",
                "368814,NORDVIKEN,Bar furniture,995,No old price,FALSE,https://www.example.com/p/nordviken-00368814/,No,\"Bar table, 140x80 cm\",Francis Cayouette,,105,80,https://img.example.com/368814.jpg",
                "9333523,NORDVIKEN / NORDVIKEN,Bar furniture,2095,\"SR 2,375\",FALSE,https://www.example.com/p/nordviken-s19301/,No,Bar table and 4 bar stools,Francis Cayouette,,,,https://img.example.com/9333523.jpg",
                "80155205,STIG,Bar furniture,69,No old price,TRUE,https://www.example.com/p/stig-80155205/,Yes,\"Bar stool with backrest, 74 cm\",Henrik Preutz,50,100,60,https://img.example.com/80155205.jpg");
        assertThat(column(inferred, "reference")).isEqualTo("item_id");
        assertThat(column(inferred, "name")).isEqualTo("name");
        assertThat(column(inferred, "category")).isEqualTo("category");
        assertThat(column(inferred, "price")).isEqualTo("price");
        assertThat(column(inferred, "description")).isEqualTo("short_description");
        assertThat(column(inferred, "image_url")).isEqualTo("image_link");
        assertThat(inferred.extras().values()).contains("designer", "old_price", "link", "width");
    }

    @Test
    void a_french_nurserys_price_list() {
        var inferred = inferSeparated(";", "Code article;Désignation;Variété;Conditionnement;Hauteur (cm);Prix unitaire TTC (€);Qté dispo",
                "ROS-PEA-C5;Rosier buisson;Peace;Conteneur 5 L;40/60;24,90;32",
                "LAV-ANG-G9;Lavande vraie;Hidcote;Godet 9 cm;15/20;4,50;210",
                "ERA-JAP-C3;Érable du Japon;Bloodgood;Conteneur 3 L;60/80;39,00;0",
                "HOR-MAC-C4;Hortensia;Bouquet Rose;Conteneur 4 L;30/40;18,50;54");
        assertThat(column(inferred, "reference")).isEqualTo("Code article");
        assertThat(column(inferred, "name")).isEqualTo("Désignation");
        assertThat(column(inferred, "price")).isEqualTo("Prix unitaire TTC (€)");
        assertThat(column(inferred, "stock")).isEqualTo("Qté dispo");
        assertThat(inferred.extras().values()).contains("Variété", "Conditionnement", "Hauteur (cm)");
    }

    @Test
    void a_horticulture_sku_list_with_compound_names() {
        var inferred = infer("product_code,article_label,botanical_name,container_size,hardiness_zone,unit_price_usd,qty_on_hand,reorder_level,image",
                "HX-1001,Peace Rose,Rosa 'Peace',#3,5-9,29.99,14,5,https://cdn.example.com/hx1001.png",
                "HX-1002,Hidcote Lavender,Lavandula angustifolia 'Hidcote',#1,5-9,9.49,80,20,",
                "HX-1003,Bloodgood Japanese Maple,Acer palmatum 'Bloodgood',#7,5-8,,3,1,https://cdn.example.com/hx1003.png",
                "HX-1004,Endless Summer Hydrangea,Hydrangea macrophylla,#3,4-9,34.5,22,6,");
        assertThat(column(inferred, "reference")).isEqualTo("product_code");
        assertThat(column(inferred, "name")).isEqualTo("article_label");
        assertThat(column(inferred, "price")).isEqualTo("unit_price_usd");
        assertThat(column(inferred, "stock")).isEqualTo("qty_on_hand");
        assertThat(column(inferred, "stock_alert_threshold")).isEqualTo("reorder_level");
        assertThat(column(inferred, "image_url")).isEqualTo("image");
        assertThat(inferred.extras().values()).contains("botanical_name", "container_size", "hardiness_zone");
    }

    @Test
    void a_header_that_names_nothing_is_read_from_the_values() {
        var inferred = infer("col1,col2,col3,col4",
                "Rosier grimpant rouge,RG-001,12.90,https://img.example.com/rg001.jpg",
                "Terreau universel 40 L,TU-040,7.50,https://img.example.com/tu040.jpg",
                "Sécateur à lame franche,SE-210,24.00,https://img.example.com/se210.jpg",
                "Arrosoir 10 L vert,AR-010,15.20,https://img.example.com/ar010.jpg");
        assertThat(column(inferred, "reference")).isEqualTo("col2");
        assertThat(column(inferred, "price")).isEqualTo("col3");
        assertThat(column(inferred, "image_url")).isEqualTo("col4");
        assertThat(column(inferred, "name")).isEqualTo("col1");
        assertThat(inferred.fields().get("reference").by()).isEqualTo("content");
        assertThat(inferred.fields().get("reference").confidence()).isLessThan(1.0);
    }

    @Test
    void a_given_column_wins_over_the_inference() {
        var inferred = LayoutInference.infer(List.of("sku", "ean", "title", "price"),
                List.of(List.of("A-1", "3760000000011", "Pot", "2.5")), Map.of("reference", "ean"));
        assertThat(column(inferred, "reference")).isEqualTo("ean");
        assertThat(inferred.fields().get("reference").by()).isEqualTo("given");
        assertThat(inferred.extras().values()).contains("sku");
        assertThat(inferred.missingGiven()).isEmpty();
        assertThat(LayoutInference.infer(List.of("sku", "title"), List.of(), Map.of("price", "Tarif")).missingGiven())
                .containsEntry("price", "Tarif");
    }

    private static LayoutInference.Inferred infer(String header, String... rows) {
        return inferSeparated(",", header, rows);
    }

    private static LayoutInference.Inferred inferSeparated(String separator, String header, String... rows) {
        List<List<String>> sample = Arrays.stream(rows).map(r -> parse(r, separator.charAt(0))).toList();
        return LayoutInference.infer(parse(header, separator.charAt(0)), sample, Map.of());
    }

    private static List<String> parse(String line, char separator) {
        try (var parser = org.apache.commons.csv.CSVParser.parse(line, org.apache.commons.csv.CSVFormat.DEFAULT.builder()
                .setDelimiter(separator).get())) {
            return parser.getRecords().get(0).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String column(LayoutInference.Inferred inferred, String field) {
        LayoutInference.Guess g = inferred.fields().get(field);
        return g == null ? null : g.header();
    }
}
