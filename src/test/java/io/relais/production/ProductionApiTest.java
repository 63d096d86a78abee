package io.relais.production;

import io.relais.platform.security.Caller;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.production.models.Retraining;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The production API and the front end's /api/euralis paths; a farmer sees only their own batches. */
class ProductionApiTest extends AppTest {

    @Autowired
    ProductionData data;
    @Autowired
    Retraining models;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void simulated() {
        data.loadSimulationIfEmpty(730, 2024);
        if (jdbc.queryForObject("select count(*) from production.model_runs where status = 'SUCCEEDED'", Long.class) == 0) {
            models.retrainAll(Caller.named("test"));
        }
    }

    @Test
    void the_euralis_front_end_paths_answer_with_real_figures() {
        String admin = api.adminToken();
        JsonNode sites = api.get("/api/euralis/sites", admin).body();
        assertThat(sites.findValuesAsText("code")).containsExactly("LL", "LS", "MT");
        JsonNode kpis = api.get("/api/euralis/dashboard/kpis", admin).body();
        assertThat(kpis.path("production_totale_kg").asDouble()).isPositive();
        assertThat(kpis.has("nb_lots_actifs")).isTrue();
        assertThat(kpis.path("nb_alertes_critiques").asLong()).isPositive();
        JsonNode performances = api.get("/api/euralis/gaveurs/performances?site_code=LL", admin).body();
        assertThat(performances.findValuesAsText("code")).contains("LL-G01", "LL-G20"); // other tests may add farmers
        assertThat(performances.findValuesAsText("site_code")).containsOnly("LL");
        assertThat(performances.findValues("cluster")).isNotEmpty();
        JsonNode quality = api.get("/api/euralis/qualite/analyse?site_code=MT", admin).body();
        assertThat(quality.path("by_month").size()).isPositive();
        assertThat(quality.path("anomalies").get(0).path("why").asText()).isNotBlank();
        JsonNode finance = api.get("/api/euralis/finance/indicateurs", admin).body();
        assertThat(finance.get(0).path("margin_eur").asDouble()).isNotZero();
        JsonNode models = api.get("/api/production/models", admin).body();
        assertThat(models.path("regressions").get(0).path("formula").asText()).contains(" = ");
    }

    @Test
    void a_farmer_sees_only_their_own_batches() {
        String admin = api.adminToken();
        String farmer = unique("gaveur");
        assertThat(api.post("/api/admin/users", Map.of("username", farmer, "password", "duck-farm-1", "roles", List.of("farmer")), admin)
                .status()).isEqualTo(201);
        assertThat(api.postRaw("/api/production/farmers/LS-G07/account", "application/json", "{\"username\":\"" + farmer + "\"}", admin)
                .status()).isEqualTo(200);
        String token = api.signin(farmer, "duck-farm-1");
        JsonNode mine = api.get("/api/production/batches?size=500", token).body();
        assertThat(mine.path("total").asLong()).isPositive();
        mine.path("items").forEach(b -> assertThat(b.path("farmer").asText()).isEqualTo("LS-G07"));
        long own = mine.path("items").get(0).path("id").asLong();
        assertThat(api.get("/api/production/batches/" + own, token).body().path("measurements").size()).isPositive();
        long other = jdbc.queryForObject("select b.id from production.batches b join production.farmers f on f.id = b.farmer_id "
                + "where f.code = 'MT-G01' limit 1", Long.class);
        assertThat(api.get("/api/production/batches/" + other, token).status()).isEqualTo(403);
        assertThat(api.get("/api/euralis/gaveurs/performances", token).body()).hasSize(1);
        assertThat(api.get("/api/euralis/dashboard/kpis", token).status()).isEqualTo(403);
        assertThat(api.post("/api/production/models/retrain", Map.of(), token).status()).isEqualTo(403);
    }
}
