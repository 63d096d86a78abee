package io.relais.platform.web;

import java.util.List;

import io.relais.platform.security.AccessTokens;
import io.relais.platform.security.ApiAccessFilter;
import io.relais.platform.security.RateLimiter;
import io.relais.platform.security.RefreshTokens;
import io.relais.platform.security.RestContract;
import io.relais.platform.settings.RelaisSettings;
import io.relais.platform.web.openapi.OpenApiCompletion;
import io.relais.platform.web.openapi.OpenApiDocument;
import io.relais.platform.web.openapi.OpenApiDocumentFilter;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Servlet filters: CORS first (so preflights never need a token), then the REST access gate; and the allowlist of
 * headers a REST response may carry.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /**
     * Camel REST exchanges run on the servlet container's request thread, in one pass. The platform-http starter
     * otherwise hands every request to a pool of its own (the first ThreadPoolTaskExecutor it finds, which is Camunda's
     * job executor) and back, and returns a future that makes Spring MVC dispatch every request a second time through
     * Tomcat, the filter chain and the DispatcherServlet. Tomcat's pool (server.tomcat.threads.max) is the one bound on
     * concurrent REST calls.
     */
    @Bean(name = "platform-http-engine")
    PlatformHttpEngine platformHttpEngine(ServerProperties server) {
        return new CamelRestEngine(server.getPort() == null ? 8080 : server.getPort());
    }

    @Bean
    CamelRestHandlerAdapter camelRestHandlerAdapter() {
        return new CamelRestHandlerAdapter();
    }

    @Bean
    ComponentCustomizer restResponseHeaders() {
        return ComponentCustomizer.forType(PlatformHttpComponent.class,
                http -> http.setHeaderFilterStrategy(new ResponseHeaderAllowlist()));
    }

    @Bean
    BrowserOrigins browserOrigins(RelaisSettings settings) {
        return new BrowserOrigins(List.copyOf(settings.web().corsOrigins()));
    }

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(RelaisSettings settings) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(settings.web().corsOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("*"));
        cors.setExposedHeaders(List.of("Location", "Retry-After", "ETag", "X-Total-Count", "Content-Range"));
        cors.setAllowCredentials(true);
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source) {
            @Override
            protected boolean shouldNotFilter(jakarta.servlet.http.HttpServletRequest request) {
                // not a cross-origin call (no Origin header): nothing to answer, so no path lookup per request
                return request.getHeader(org.springframework.http.HttpHeaders.ORIGIN) == null;
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<io.relais.platform.ops.AuditLog> auditLogFilter(io.relais.platform.ops.AuditLog audit) {
        FilterRegistrationBean<io.relais.platform.ops.AuditLog> registration = new FilterRegistrationBean<>(audit);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25); // inside the access checks: it sees the checked caller
        return registration;
    }

    @Bean
    FilterRegistrationBean<EventStreamForwardFilter> eventStreamForwardFilter(java.util.List<EventStreamAlias> aliases) {
        FilterRegistrationBean<EventStreamForwardFilter> registration = new FilterRegistrationBean<>(new EventStreamForwardFilter(aliases));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30); // after the access checks
        return registration;
    }

    @Bean
    FilterRegistrationBean<OpenApiDocumentFilter> openApiDocumentFilter(RestContract contract, RateLimiter rateLimiter,
                                                                        org.apache.camel.CamelContext camel) {
        java.util.Map<String, String> tags = java.util.Map.of(
                "auth", "Sign up, sign in, refresh and sign out: access tokens (Bearer) and refresh tokens",
                "admin", "Accounts, backups, the database connection, alerts and the audit log (admins)",
                "shop", "The garden shop: catalog, search, images, stock, orders, restock, approvals, chat",
                "production", "Duck farming: sites, farmers, batches, KPIs, models, forecasts, abattoir planning",
                "retail", "Online Retail ETL: runs, checks, golden records, views, reviews, the text-to-SQL agent",
                "knowledge", "Crawl a site, index it, and answer questions with sources",
                "resources", "Shared resources, comments, ratings, collections, groups, suggestions, notifications");
        FilterRegistrationBean<OpenApiDocumentFilter> registration = new FilterRegistrationBean<>(new OpenApiDocumentFilter(
                new OpenApiDocument(camel, contract::rules, rules -> new OpenApiCompletion(rules, tags, rateLimiter::limits))));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 40);
        registration.addUrlPatterns("/api/openapi.json");
        return registration;
    }

    @Bean
    FilterRegistrationBean<io.relais.platform.security.ActuatorAccessFilter> actuatorAccessFilter(AccessTokens accessTokens,
                                                                                                  ProblemResponder problems,
                                                                                                  RelaisSettings settings) {
        FilterRegistrationBean<io.relais.platform.security.ActuatorAccessFilter> registration = new FilterRegistrationBean<>(
                new io.relais.platform.security.ActuatorAccessFilter(accessTokens, problems, settings.security().scrapeToken()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
        registration.addUrlPatterns("/actuator/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiAccessFilter> apiAccessFilter(RestContract contract, AccessTokens accessTokens,
                                                            RefreshTokens refreshTokens, RateLimiter rateLimiter,
                                                            ProblemResponder problems, RelaisSettings settings,
                                                            io.relais.platform.security.Revocations revocations) {
        FilterRegistrationBean<ApiAccessFilter> registration = new FilterRegistrationBean<>(
                new ApiAccessFilter(contract, accessTokens, refreshTokens, rateLimiter, problems, settings, revocations));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
