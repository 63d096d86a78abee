package io.relais.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Batches and measurements from files dropped in the inbox: valid rows land, invalid ones are reported by line. */
class ProductionImportTest extends AppTest {

    @Autowired
    ProductionData data;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void simulated() {
        data.loadSimulationIfEmpty(730, 2024);
    }

    @Test
    void batch_and_measurement_files_land_with_a_report_of_the_bad_lines() throws Exception {
        String p = unique("IMP").toUpperCase().replace("-", "");
        JsonNode batches = drop("batches", "b.csv", "code;site_code;farmer_code;strain_code;ducks;start_date;end_date;liver_mean_g;liver_sigma_g;maize_kg;liver_kg\n"
                + p + "-1;LL;" + p + "-F;MULARD;900;2025-03-01;2025-03-12;560;55;9800;500\n"
                + p + "-2;XX;" + p + "-F;MULARD;900;2025-03-01;2025-03-12;;;;\n"
                + p + "-3;LL;" + p + "-F;MULARD;900;2025-03-12;2025-03-01;;;;\n"
                + p + "-4;LL;" + p + "-F;MULARD;lots;2025-03-01;2025-03-12;;;;\n");
        assertThat(batches.at("/counts/imported").asLong()).isEqualTo(1);
        assertThat(batches.at("/counts/rejected").asLong()).isEqualTo(3);
        assertThat(batches.path("rejections").get(0).path("line").asLong()).isEqualTo(3);
        assertThat(batches.path("rejections").get(0).path("reason").asText()).contains("unknown site XX");
        assertThat(jdbc.queryForObject("select itm from production.outcomes o join production.batches b on b.id = o.batch_id where b.code = ?",
                Double.class, p + "-1")).isEqualTo(19.6);

        JsonNode measurements = drop("measurements", "m.csv", "batch_code,day,dose_morning_g,dose_evening_g,weight_g,mortality\n"
                + p + "-1,2025-03-01,200,220,4500,0\n" + p + "-1,2025-03-02,230,250,4620,1\n" + "NOPE,2025-03-01,1,1,1,0\n"
                + p + "-1,2025-03-03,-5,250,4700,0\n");
        assertThat(measurements.at("/counts/imported").asLong()).isEqualTo(2);
        assertThat(measurements.at("/counts/rejected").asLong()).isEqualTo(2);
        assertThat(jdbc.queryForObject("select max(day_index) from production.measurements m join production.batches b on b.id = m.batch_id "
                + "where b.code = ?", Integer.class, p + "-1")).isEqualTo(2);
    }

    private JsonNode drop(String feed, String name, String content) throws Exception {
        Path dir = inboxDir().resolve("production").resolve(feed);
        Files.createDirectories(dir);
        Path part = dir.getParent().resolve(name + ".part");
        Files.writeString(part, content);
        Files.move(part, dir.resolve(name));
        Path[] report = new Path[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Path done = dir.resolve(".done");
            if (!Files.isDirectory(done)) return false;
            try (var files = Files.list(done)) {
                report[0] = files.filter(f -> f.getFileName().toString().endsWith("-" + name + ".report.json")).findFirst().orElse(null);
            }
            return report[0] != null;
        });
        return json.readTree(report[0].toFile());
    }
}
