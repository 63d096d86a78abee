package io.relais.platform.modules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** A producer runs production alone: the other four domains switched off. */
@TestPropertySource(properties = {"relais.shop.enabled=false", "relais.retail.enabled=false",
        "relais.knowledge.enabled=false", "relais.resources.enabled=false"})
class ProductionOnlyTest extends SubsetApp {

    @DynamicPropertySource
    static void state(DynamicPropertyRegistry registry) {
        ownState(registry, "production-only");
    }

    @Test
    void only_production_runs_and_it_answers() {
        assertOnly("production");
        String admin = api.signin("admin", ADMIN_PASSWORD);
        assertThat(api.get("/api/euralis/sites", admin).body().isArray()).isTrue();
        assertThat(api.get("/api/shop/products", admin).status()).isEqualTo(404);
        assertThat(api.get("/api/resources", admin).status()).isEqualTo(404);
    }
}
