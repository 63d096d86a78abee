package io.relais.platform.security;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.platform.security.OAuthAccounts.Identity;
import io.relais.platform.web.ApiProblem;
import jakarta.validation.Valid;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.cors.CorsConfiguration;

/**
 * OAuth sign-in with Spring Security's OAuth 2 client library (the authorization code flow with PKCE; for OpenID
 * Connect the ID token's signature, issuer, audience, expiry and nonce are checked). {@code POST /api/auth/oauth/{provider}}
 * answers the provider's address to send the browser to; the provider sends it back to
 * {@code GET /api/auth/oauth/{provider}/callback}, which signs in (the account found or created by {@link OAuthAccounts})
 * and sends the browser on to the app with its tokens in the fragment, as Supabase does, or answers them as JSON. A
 * client that handles the redirect itself posts {@code {code, state}} to the first address instead.
 */
@Component("oauthSignin")
public class OAuthSignin {

    private static final Logger log = LoggerFactory.getLogger(OAuthSignin.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    public record ProviderView(String name, String type) {
    }

    public record Started(String provider, String url, String state) {
    }

    private record Pending(String codeVerifier, String nonce, String redirectUri, String redirectTo) {
    }

    private record Completed(AuthService.Tokens tokens, String redirectTo) {
    }

    private final OAuthSettings settings;
    private final JdbcClient jdbc;
    private final OAuthAccounts accounts;
    private final AuthService auth;
    private final CorsConfiguration redirectOrigins = new CorsConfiguration();
    private final Map<String, ClientRegistration> discovered = new ConcurrentHashMap<>();
    private final RestClient http = RestClient.create();

    OAuthSignin(OAuthSettings settings, JdbcClient jdbc, OAuthAccounts accounts, AuthService auth) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.auth = auth;
        this.redirectOrigins.setAllowedOriginPatterns(settings.redirectOrigins());
    }

    /** {@code GET /api/auth/oauth}: the providers a sign-in screen may offer. */
    public List<ProviderView> providers() {
        return settings.providers().entrySet().stream().filter(e -> e.getValue().configured())
                .map(e -> new ProviderView(e.getKey(), e.getValue().type())).sorted(java.util.Comparator.comparing(ProviderView::name)).toList();
    }

    /** {@code POST /api/auth/oauth/{provider}}. */
    public Object startOrComplete(@Header("provider") String provider, @Body @Valid AuthRequests.OAuth request, @Header(Exchange.HTTP_URL) String url,
                                  @Header("User-Agent") String device) {
        AuthRequests.OAuth r = request == null ? new AuthRequests.OAuth(null, null, null) : request;
        if (r.code() != null || r.state() != null) {
            if (r.code() == null || r.code().isBlank()) throw ApiProblem.invalidField("code", "is required with state");
            return complete(provider, r.code(), r.state(), device).tokens();
        }
        return start(provider, r.redirectTo(), url);
    }

    /** {@code GET /api/auth/oauth/{provider}/callback}: where the provider sends the browser back. */
    public AuthService.Tokens callback(@Header("provider") String provider, @Header("code") String code, @Header("state") String state,
                                       @Header("error") String error, @Header("error_description") String description,
                                       @Header("User-Agent") String device, Message out) {
        if (error != null) {
            Optional<Pending> pending = take(provider, state);
            String detail = "the provider refused the sign-in: " + error + (description == null ? "" : " (" + description + ")");
            if (pending.isPresent() && pending.get().redirectTo() != null) {
                redirect(out, pending.get().redirectTo() + "#error=" + encode(error) + "&error_description=" + encode(detail));
                return null;
            }
            throw ApiProblem.unauthorized(detail);
        }
        if (code == null || code.isBlank()) throw ApiProblem.invalidField("code", "is required");
        Completed done = complete(provider, code, state, device);
        if (done.redirectTo() == null) return done.tokens();
        AuthService.Tokens t = done.tokens();
        redirect(out, done.redirectTo() + "#access_token=" + encode(t.accessToken()) + "&refresh_token=" + encode(t.refreshToken())
                + "&token_type=bearer&expires_in=" + t.expiresIn());
        return null;
    }

    private Started start(String provider, String redirectTo, String requestUrl) {
        ClientRegistration registration = registration(provider, callbackUri(provider, requestUrl));
        if (redirectTo != null && !allowedRedirect(redirectTo)) {
            throw ApiProblem.invalidField("redirectTo", "is not an address of the app (relais.security.oauth.redirect-origins)");
        }
        String state = random(32), verifier = random(48), nonce = random(24);
        jdbc.sql("delete from platform.oauth_states where created_at < now() - cast(:ttl as interval)")
                .param("ttl", settings.stateTtl().toSeconds() + " seconds").update();
        jdbc.sql("insert into platform.oauth_states (state, provider, code_verifier, nonce, redirect_uri, redirect_to) "
                        + "values (:state, :provider, :verifier, :nonce, :redirectUri, :redirectTo)")
                .param("state", state).param("provider", provider).param("verifier", verifier).param("nonce", nonce)
                .param("redirectUri", registration.getRedirectUri()).param("redirectTo", redirectTo).update();
        return new Started(provider, authorizationRequest(registration, state, new Pending(verifier, nonce, registration.getRedirectUri(), redirectTo))
                .getAuthorizationRequestUri(), state);
    }

    private Completed complete(String provider, String code, String state, String device) {
        Pending pending = take(provider, state).orElseThrow(() -> ApiProblem.invalidField("state", "unknown, used or expired: start the sign-in again"));
        ClientRegistration registration = registration(provider, pending.redirectUri());
        OAuth2AuthorizationRequest request = authorizationRequest(registration, state, pending);
        OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success(code).redirectUri(pending.redirectUri()).state(state).build();
        OAuth2AccessTokenResponse tokens;
        try {
            tokens = new RestClientAuthorizationCodeTokenResponseClient()
                    .getTokenResponse(new OAuth2AuthorizationCodeGrantRequest(registration, new OAuth2AuthorizationExchange(request, response)));
        } catch (OAuth2AuthorizationException | RestClientException e) {
            log.info("OAuth code refused by {}: {}", provider, e.getMessage());
            throw ApiProblem.unauthorized("the provider refused the sign-in code");
        }
        Identity identity = isGithub(provider) ? githubIdentity(provider, tokens.getAccessToken().getTokenValue())
                : oidcIdentity(provider, registration, tokens, pending.nonce());
        UserAccount account = accounts.accountOf(identity);
        if (!account.enabled()) throw ApiProblem.forbidden("this account is disabled");
        log.info("User '{}' signed in with {}", account.username(), provider);
        return new Completed(auth.tokensFor(account, device), pending.redirectTo());
    }

    private Identity oidcIdentity(String provider, ClientRegistration registration, OAuth2AccessTokenResponse tokens, String nonce) {
        Object idToken = tokens.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
        if (!(idToken instanceof String raw)) throw ApiProblem.unauthorized("the provider sent no ID token");
        Jwt jwt;
        try {
            jwt = new OidcIdTokenDecoderFactory().createDecoder(registration).decode(raw);
        } catch (JwtException e) {
            log.info("ID token from {} refused: {}", provider, e.getMessage());
            throw ApiProblem.unauthorized("the provider's ID token is not valid");
        }
        if (!nonce.equals(jwt.getClaimAsString(OidcParameterNames.NONCE))) throw ApiProblem.unauthorized("the ID token answers another sign-in (nonce)");
        Object verified = jwt.getClaims().get("email_verified");
        return new Identity(provider, jwt.getSubject(), jwt.getClaimAsString("email"),
                Boolean.TRUE.equals(verified) || "true".equals(String.valueOf(verified)), jwt.getClaimAsString("preferred_username"),
                jwt.getClaimAsString("name"));
    }

    private Identity githubIdentity(String provider, String accessToken) {
        OAuthSettings.Provider p = settings.providers().get(provider);
        try {
            JsonNode user = http.get().uri(or(p.userInfoUri(), "https://api.github.com/user")).header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                    .retrieve().body(JsonNode.class);
            JsonNode emails = http.get().uri(or(p.emailsUri(), "https://api.github.com/user/emails"))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken).retrieve().body(JsonNode.class);
            String email = null;
            boolean verified = false;
            for (JsonNode e : emails == null ? List.<JsonNode>of() : emails) {
                if (e.path("primary").asBoolean() || email == null) {
                    email = e.path("email").asText(null);
                    verified = e.path("verified").asBoolean();
                }
            }
            return new Identity(provider, user.path("id").asText(), email, verified, user.path("login").asText(null), user.path("name").asText(null));
        } catch (RestClientException e) {
            throw ApiProblem.unavailable("GitHub did not answer who signed in: " + e.getMessage());
        }
    }

    private Optional<Pending> take(String provider, String state) {
        if (state == null || state.isBlank()) return Optional.empty();
        return jdbc.sql("delete from platform.oauth_states where state = :state and provider = :provider "
                        + "and created_at > now() - cast(:ttl as interval) returning code_verifier, nonce, redirect_uri, redirect_to")
                .param("state", state).param("provider", provider).param("ttl", settings.stateTtl().toSeconds() + " seconds")
                .query((rs, i) -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).optional();
    }

    private static OAuth2AuthorizationRequest authorizationRequest(ClientRegistration registration, String state, Pending pending) {
        Map<String, Object> parameters = new HashMap<>(Map.of(PkceParameterNames.CODE_CHALLENGE, challenge(pending.codeVerifier()),
                PkceParameterNames.CODE_CHALLENGE_METHOD, "S256"));
        if (registration.getScopes().contains("openid")) parameters.put(OidcParameterNames.NONCE, pending.nonce());
        return OAuth2AuthorizationRequest.authorizationCode().authorizationUri(registration.getProviderDetails().getAuthorizationUri())
                .clientId(registration.getClientId()).redirectUri(pending.redirectUri()).scopes(registration.getScopes()).state(state)
                .additionalParameters(parameters)
                .attributes(Map.of(PkceParameterNames.CODE_VERIFIER, pending.codeVerifier(), OidcParameterNames.NONCE, pending.nonce()))
                .build();
    }

    /** The provider's registration; an OpenID Connect provider's endpoints are discovered once, on first use. */
    private ClientRegistration registration(String provider, String redirectUri) {
        OAuthSettings.Provider p = settings.providers().get(provider);
        if (p == null || !p.configured()) {
            throw ApiProblem.notFound("no sign-in provider " + provider + " (offered: "
                    + String.join(", ", providers().stream().map(ProviderView::name).toList()) + ")");
        }
        ClientRegistration base = discovered.computeIfAbsent(provider, name -> {
            ClientRegistration.Builder b;
            if (isGithub(name)) {
                b = ClientRegistration.withRegistrationId(name).authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .authorizationUri(or(p.authorizationUri(), "https://github.com/login/oauth/authorize"))
                        .tokenUri(or(p.tokenUri(), "https://github.com/login/oauth/access_token"))
                        .userInfoUri(or(p.userInfoUri(), "https://api.github.com/user")).userNameAttributeName("id")
                        .scope(p.scopes() == null ? List.of("read:user", "user:email") : p.scopes());
            } else {
                if (p.issuerUri() == null) throw ApiProblem.unavailable("provider " + name + " has no issuer-uri");
                try {
                    b = ClientRegistrations.fromIssuerLocation(p.issuerUri()).registrationId(name)
                            .scope(p.scopes() == null ? List.of("openid", "email", "profile") : p.scopes());
                } catch (RuntimeException e) {
                    log.warn("OpenID Connect discovery at {} failed: {}", p.issuerUri(), e.getMessage());
                    throw ApiProblem.unavailable("the sign-in provider " + name + " does not answer; try again later");
                }
            }
            return b.clientId(p.clientId()).clientSecret(p.clientSecret()).clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .redirectUri("{baseUrl}/api/auth/oauth/{registrationId}/callback").build();
        });
        return ClientRegistration.withClientRegistration(base).redirectUri(redirectUri).build();
    }

    private String callbackUri(String provider, String requestUrl) {
        String base = settings.callbackBase();
        if (base == null || base.isBlank()) {
            URI u = URI.create(requestUrl);
            base = u.getScheme() + "://" + u.getRawAuthority();
        }
        return base.replaceAll("/+$", "") + "/api/auth/oauth/" + provider + "/callback";
    }

    private boolean allowedRedirect(String redirectTo) {
        try {
            URI u = URI.create(redirectTo);
            if (u.getScheme() == null || u.getRawAuthority() == null || u.getRawFragment() != null) return false;
            return redirectOrigins.checkOrigin(u.getScheme() + "://" + u.getRawAuthority()) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean isGithub(String provider) {
        return "github".equalsIgnoreCase(settings.providers().get(provider).type());
    }

    private static void redirect(Message out, String location) {
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 302);
        out.setHeader("Location", location);
        out.setHeader("Cache-Control", "no-store");
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String encode(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
