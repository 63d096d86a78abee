package io.relais.platform.modules;

import java.util.Set;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Leaves the classes of switched-off domains out of component scanning (Spring Boot asks every
 * {@link TypeExcludeFilter} bean), so none of their beans exists. Registered before the scan by its initializer
 * (META-INF/spring.factories).
 */
public class DisabledDomainsFilter extends TypeExcludeFilter {

    private final Set<String> disabled;

    DisabledDomainsFilter(Set<String> disabled) {
        this.disabled = disabled;
    }

    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
        String domain = Domains.of(reader.getClassMetadata().getClassName());
        return domain != null && disabled.contains(domain);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DisabledDomainsFilter f && f.disabled.equals(disabled);
    }

    @Override
    public int hashCode() {
        return disabled.hashCode();
    }

    /** Registers the filter with the switched-off domains read from the environment. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Set<String> disabled = Domains.disabled(context.getEnvironment());
            if (!disabled.isEmpty()) {
                context.getBeanFactory().registerSingleton("disabledDomainsFilter", new DisabledDomainsFilter(disabled));
            }
        }
    }
}
