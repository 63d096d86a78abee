package io.relais.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Without ./routes on disk, every packaged route file is named one by one (Camel cannot scan inside a nested jar). */
class PackagedRoutesTest {

    @Test
    void every_route_file_is_named() throws Exception {
        String pattern = EmbeddedServersEnvironment.packagedRoutes();
        long files;
        try (Stream<Path> all = Files.walk(Path.of("routes"))) {
            files = all.filter(p -> p.toString().endsWith(".camel.yaml")).count();
        }
        assertThat(pattern.split(",")).hasSize((int) files).allSatisfy(name -> assertThat(name).startsWith("classpath:routes/")
                .endsWith(".camel.yaml").doesNotContain("*"));
        assertThat(pattern).contains("classpath:routes/shop/orders-api.camel.yaml");
    }
}
