package io.relais.platform.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * OAuth sign-in ({@code relais.security.oauth.*}): the providers by name (a provider is offered once it has a client
 * id), how long a sign-in may take between leaving for the provider and coming back ({@code stateTtl}), where a
 * browser may be sent back with its tokens ({@code redirectOrigins}), and Relais' public address for the provider's
 * callback ({@code callbackBase}; empty: the address the sign-in was started on).
 */
@ConfigurationProperties("relais.security.oauth")
public record OAuthSettings(@DefaultValue Map<String, Provider> providers, @DefaultValue("10m") Duration stateTtl,
                            @DefaultValue List<String> redirectOrigins, String callbackBase) {

    /**
     * {@code type}: {@code oidc} (any OpenID Connect provider: endpoints discovered from {@code issuerUri}) or
     * {@code github} (OAuth 2 with GitHub's user and e-mail APIs; the URIs default to github.com's).
     */
    public record Provider(@DefaultValue("oidc") String type, String issuerUri, String clientId, String clientSecret,
                           List<String> scopes, String authorizationUri, String tokenUri, String userInfoUri, String emailsUri) {

        boolean configured() {
            return clientId != null && !clientId.isBlank();
        }
    }
}
