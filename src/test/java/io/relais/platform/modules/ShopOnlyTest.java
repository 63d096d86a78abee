package io.relais.platform.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** A garden shop runs the shop alone: the other four domains switched off. */
@TestPropertySource(properties = {"relais.retail.enabled=false", "relais.production.enabled=false",
        "relais.knowledge.enabled=false", "relais.resources.enabled=false"})
class ShopOnlyTest extends SubsetApp {

    @DynamicPropertySource
    static void state(DynamicPropertyRegistry registry) {
        ownState(registry, "shop-only");
    }

    @Test
    void only_the_shop_runs_and_it_takes_an_order() {
        assertOnly("shop");
        String admin = api.signin("admin", ADMIN_PASSWORD);
        String reference = unique("ONLY").toUpperCase();
        assertThat(api.postRaw("/api/shop/products/import", "text/csv",
                "reference,name,category,price,stock\n" + reference + ",Arrosoir 10 L,arrosage,12.5,30\n", admin).status()).isEqualTo(200);
        assertThat(api.post("/api/shop/orders", Map.of("lines", List.of(Map.of("reference", reference, "quantity", 2))), admin)
                .status()).isEqualTo(201);
        assertThat(api.get("/api/euralis/sites", admin).status()).isEqualTo(404);
        assertThat(api.get("/api/retail/etl/runs", admin).status()).isEqualTo(404);
    }
}
