package io.relais.platform.camunda;

import java.util.List;

import io.relais.platform.security.Role;
import io.relais.platform.security.UserAccounts;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.plugin.AdministratorAuthorizationPlugin;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One identity for Relais and Camunda: the engine reads Relais' users, the "admin" role is Camunda's administrator
 * group, and the engine REST API asks for HTTP Basic credentials of those same users.
 */
@Configuration(proxyBeanMethods = false)
class CamundaPlatformConfiguration {

    @Bean
    AbstractProcessEnginePlugin relaisIdentityPlugin(UserAccounts accounts) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                RelaisIdentityProvider provider = new RelaisIdentityProvider(accounts);
                configuration.setIdentityProviderSessionFactory(new SessionFactory() {
                    @Override
                    public Class<?> getSessionType() {
                        return ReadOnlyIdentityProvider.class;
                    }

                    @Override
                    public Session openSession() {
                        return provider;
                    }
                });
            }
        };
    }

    @Bean
    AdministratorAuthorizationPlugin administratorAuthorizationPlugin() {
        AdministratorAuthorizationPlugin plugin = new AdministratorAuthorizationPlugin();
        plugin.setAdministratorGroupName(Role.ADMIN.id());
        return plugin;
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestBasicAuth() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.setUrlPatterns(List.of("/engine-rest/*"));
        registration.setName("camunda-engine-rest-basic-auth");
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 41);
        return registration;
    }

    /** Before any password is checked: refused attempts counted, 429 over the limit, one answer for every refusal. */
    @Bean
    FilterRegistrationBean<CamundaDoorsFilter> camundaDoors(io.relais.platform.security.RateLimiter limiter,
                                                            io.relais.platform.web.ProblemResponder problems) {
        FilterRegistrationBean<CamundaDoorsFilter> registration = new FilterRegistrationBean<>(new CamundaDoorsFilter(limiter, problems));
        registration.setUrlPatterns(List.of("/engine-rest/*", CamundaDoorsFilter.WEB_LOGIN + "*"));
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 40);
        return registration;
    }

    /** After Camunda's HTTP Basic filter: the engine REST API serves admins and managers only. */
    @Bean
    FilterRegistrationBean<EngineRestStaffOnlyFilter> engineRestStaffOnly(org.camunda.bpm.engine.IdentityService identity,
                                                                          io.relais.platform.web.ProblemResponder problems) {
        FilterRegistrationBean<EngineRestStaffOnlyFilter> registration = new FilterRegistrationBean<>(
                new EngineRestStaffOnlyFilter(identity, problems));
        registration.setUrlPatterns(List.of("/engine-rest/*"));
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 42);
        return registration;
    }

    @Bean
    CamundaGroupAuthorizations camundaGroupAuthorizations(ProcessEngine engine) {
        return new CamundaGroupAuthorizations(engine.getAuthorizationService());
    }
}
