package io.relais.platform.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.relais.RelaisApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module boundaries hold (Spring Modulith): the five domains and the platform are modules; a domain uses the
 * platform only through its named interfaces (package-info's @NamedInterface) and no other domain at all; the
 * platform uses no domain; no cycle. The module map is written to target/spring-modulith-docs (the README shows it).
 */
class ModuleStructureTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(RelaisApplication.class);

    @Test
    void the_module_boundaries_hold() {
        MODULES.verify();
        assertThat(MODULES.stream().map(ApplicationModule::getName))
                .containsExactlyInAnyOrder("knowledge", "platform", "production", "resources", "retail", "shop");
        for (String domain : Domains.ALL) {
            ApplicationModule module = MODULES.getModuleByName(domain).orElseThrow();
            assertThat(MODULES.stream().filter(other -> !other.getName().equals(domain) && !other.getName().equals("platform"))
                    .filter(other -> module.getBootstrapDependencies(MODULES).anyMatch(other::equals))).as(domain).isEmpty();
        }
        ApplicationModule platform = MODULES.getModuleByName("platform").orElseThrow();
        assertThat(platform.getBootstrapDependencies(MODULES).map(ApplicationModule::getName)).as("the platform knows no domain").isEmpty();
    }

    @Test
    void the_module_map_is_written() throws Exception {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
        assertThat(Files.list(Path.of("target", "spring-modulith-docs")).map(Path::toString)).anyMatch(f -> f.endsWith("components.puml"));
    }
}
