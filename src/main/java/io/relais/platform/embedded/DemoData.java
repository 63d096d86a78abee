package io.relais.platform.embedded;

import org.springframework.core.env.Environment;

/** Whether a domain loads its demo data into an empty schema: {@code true}, {@code never}, or {@code auto} (embedded default only). */
public final class DemoData {

    private DemoData() {
    }

    public static boolean wanted(String mode, Environment env) {
        return switch (mode == null ? "auto" : mode) {
            case "true" -> true;
            case "auto" -> env.getProperty("relais.embedded.postgres.active", Boolean.class, false);
            default -> false;
        };
    }
}
