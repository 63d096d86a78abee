package io.relais.platform.modules;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.core.env.Environment;

/**
 * The business domains and which of them run: {@code relais.<domain>.enabled} (true unless set to false). A domain
 * switched off contributes nothing: no bean (its package is not scanned), no route, schedule, file drop or REST
 * operation (its {@code routes/<domain>/} is not loaded), no demo data. Its tables stay (one migration history).
 */
public final class Domains {

    public static final List<String> ALL = List.of("shop", "retail", "production", "knowledge", "resources");

    private Domains() {
    }

    public static Set<String> disabled(Environment env) {
        Set<String> off = new LinkedHashSet<>();
        for (String domain : ALL) {
            if (!env.getProperty("relais." + domain + ".enabled", Boolean.class, true)) off.add(domain);
        }
        return off;
    }

    /** The domain a class belongs to ({@code io.relais.shop.orders.OrderService} -> shop), or null for the platform. */
    public static String of(String className) {
        for (String domain : ALL) {
            if (className.startsWith("io.relais." + domain + ".")) return domain;
        }
        return null;
    }

    /** The domain a route file belongs to ({@code routes/shop/orders-api.camel.yaml} -> shop), or null. */
    public static String ofRoute(String path) {
        String p = path.replace('\\', '/');
        for (String domain : ALL) {
            if (p.contains("routes/" + domain + "/")) return domain;
        }
        return null;
    }
}
