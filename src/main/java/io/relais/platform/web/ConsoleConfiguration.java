package io.relais.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console (static files under {@code classpath:/static/console/}) is Relais' front page: {@code /} leads to it,
 * and Camunda's own redirect of {@code /} is off ({@code camunda.bpm.webapp.index-redirect-enabled}).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", "/console/");
        registry.addRedirectViewController("/console", "/console/");
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
    }

    /** {@code relais.console.*}: what the console links to beyond Relais itself. */
    @ConfigurationProperties("relais.console")
    public record ConsoleSettings(String grafanaUrl) {
    }

    /** {@code GET /console/settings.json}: the links the console shows (public: they are links, not secrets). */
    @RestController
    static class ConsoleSettingsEndpoint {
        private final ConsoleSettings settings;

        ConsoleSettingsEndpoint(ConsoleSettings settings) {
            this.settings = settings;
        }

        @GetMapping("/console/settings.json")
        Map<String, Object> settings() {
            Map<String, Object> out = new LinkedHashMap<>();
            if (settings.grafanaUrl() != null && !settings.grafanaUrl().isBlank()) out.put("grafanaUrl", settings.grafanaUrl());
            return out;
        }
    }
}
