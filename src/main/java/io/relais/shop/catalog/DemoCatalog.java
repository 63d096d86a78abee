package io.relais.shop.catalog;

import java.io.IOException;
import java.io.InputStream;

import io.relais.platform.embedded.DemoData;
import io.relais.shop.ShopSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Loads the demo catalog (1,000 garden references) into an empty shop: always with {@code relais.shop.demo-catalog=true},
 * on the embedded default with {@code auto} (the default), never with {@code false}.
 */
@Component
class DemoCatalog {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

    private final CatalogImporter importer;
    private final JdbcTemplate jdbc;
    private final ShopSettings settings;
    private final Environment env;

    DemoCatalog(CatalogImporter importer, JdbcTemplate jdbc, ShopSettings settings, Environment env) {
        this.importer = importer;
        this.jdbc = jdbc;
        this.settings = settings;
        this.env = env;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadIntoEmptyShop() throws IOException {
        boolean wanted = DemoData.wanted(settings.demoCatalog(), env);
        Long products = jdbc.queryForObject("select count(*) from shop.products", Long.class);
        if (!wanted || products == null || products > 0) return;
        try (InputStream csv = new ClassPathResource("demo/shop-products.csv").getInputStream()) {
            var report = importer.importFrom(csv, null, "demo catalog", "demo");
            log.info("Demo catalog loaded: {}", report.getCounts());
        }
    }
}
