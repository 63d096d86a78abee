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
 * OAuth sign-in with Spring Security's OAuth 2 client library (the authorization code flow with PKCE towards the
 * provider; for OpenID Connect the ID token's signature, issuer, audience, expiry and nonce are checked). A sign-in is
 * bound to whoever started it, so nobody can complete their own sign-in in someone else's browser:
 * <ul>
 * <li>a browser: {@code GET /api/auth/oauth/{provider}/authorize?redirectTo=} sets an HttpOnly cookie and goes to the
 * provider; the callback requires that cookie and sends the browser to {@code redirectTo#access_token=...} (Supabase's
 * implicit shape) or answers the tokens as JSON;</li>
 * <li>an app: {@code POST /api/auth/oauth/{provider}} with {@code {redirectTo, codeChallenge}} answers the provider's
 * address; the callback sends the browser to {@code redirectTo?code=...}, a one-time code the app exchanges with
 * {@code POST /api/auth/oauth/{provider}} {@code {code, codeVerifier}} (Supabase's PKCE flow).</li>
 * </ul>
 * The account is found or created by {@link OAuthAccounts}.
 */
@Component("oauthSignin")
public class OAuthSignin {

    private static final Logger log = LoggerFactory.getLogger(OAuthSignin.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    public record ProviderView(String name, String type) {
    }

    public record Started(String provider, String url, String state) {
    }

    static final String COOKIE = "relais_oauth";
    private static final java.time.Duration GRANT_TTL = java.time.Duration.ofMinutes(2);

    private record Pending(String codeVerifier, String nonce, String redirectUri, String redirectTo, String browserKey, String appChallenge) {
    }

    private final OAuthSettings settings;
    private final JdbcClient jdbc;
    private final OAuthAccounts accounts;
    private final AuthService auth;
    private final UserAccounts users;
    private final CorsConfiguration redirectOrigins = new CorsConfiguration();
    private final Map<String, ClientRegistration> discovered = new ConcurrentHashMap<>();
    private final RestClient http = RestClient.create();

    OAuthSignin(OAuthSettings settings, JdbcClient jdbc, OAuthAccounts accounts, AuthService auth, UserAccounts users) {
        this.users = users;
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

    /** {@code POST /api/auth/oauth/{provider}}: {@code {redirectTo, codeChallenge}} starts; {@code {code, codeVerifier}} exchanges. */
    public Object startOrExchange(@Header("provider") String provider, @Body @Valid AuthRequests.OAuth request, @Header(Exchange.HTTP_URL) String url,
                                  @Header("User-Agent") String device) {
        AuthRequests.OAuth r = request == null ? new AuthRequests.OAuth(null, null, null, null) : request;
        if (r.code() != null) {
            if (r.codeVerifier() == null || r.codeVerifier().isBlank()) throw ApiProblem.invalidField("codeVerifier", "is required with code");
            return exchange(provider, r.code(), r.codeVerifier(), device);
        }
        if (r.codeChallenge() == null || !r.codeChallenge().matches("[A-Za-z0-9_-]{43,128}")) {
            throw ApiProblem.invalidField("codeChallenge", "is required: the base64url SHA-256 of your code verifier (PKCE, S256); "
                    + "a browser without an app starts at GET /api/auth/oauth/" + provider + "/authorize");
        }
        return start(provider, r.redirectTo(), url, null, r.codeChallenge());
    }

    /** {@code GET /api/auth/oauth/{provider}/authorize}: a browser leaves for the provider, with a cookie binding it. */
    public void authorize(@Header("provider") String provider, @Header("redirectTo") String redirectTo, @Header(Exchange.HTTP_URL) String url,
                          Message out) {
        String browserSecret = random(32);
        Started started = start(provider, redirectTo, url, sha256(browserSecret), null);
        out.setHeader("Set-Cookie", COOKIE + "=" + browserSecret + "; Path=/api/auth/oauth; HttpOnly; SameSite=Lax; Max-Age="
                + settings.stateTtl().toSeconds() + (url != null && url.startsWith("https:") ? "; Secure" : ""));
        redirect(out, started.url());
    }

    /** {@code GET /api/auth/oauth/{provider}/callback}: where the provider sends the browser back. */
    public AuthService.Tokens callback(@Header("provider") String provider, @Header("code") String code, @Header("state") String state,
                                       @Header("error") String error, @Header("error_description") String description,
                                       @Header("Cookie") String cookies, @Header("User-Agent") String device, Message out) {
        Pending pending = take(provider, state).orElseThrow(() -> ApiProblem.invalidField("state", "unknown, used or expired: start the sign-in again"));
        if (pending.browserKey() != null && !pending.browserKey().equals(sha256(cookie(cookies)))) {
            throw ApiProblem.invalidField("state", "this sign-in was started in another browser: start it again here");
        }
        if (pending.browserKey() != null) out.setHeader("Set-Cookie", COOKIE + "=; Path=/api/auth/oauth; HttpOnly; SameSite=Lax; Max-Age=0");
        if (error != null) {
            String detail = "the provider refused the sign-in: " + error + (description == null ? "" : " (" + description + ")");
            if (pending.redirectTo() == null) throw ApiProblem.unauthorized(detail);
            redirect(out, pending.redirectTo() + (pending.appChallenge() != null ? (pending.redirectTo().contains("?") ? "&" : "?") : "#")
                    + "error=" + encode(error) + "&error_description=" + encode(detail));
            return null;
        }
        if (code == null || code.isBlank()) throw ApiProblem.invalidField("code", "is required");
        UserAccount account = signIn(provider, code, state, pending);
        if (pending.appChallenge() != null) {
            // the app exchanges this code with its verifier: whoever else opens this address gets nothing usable
            String grant = random(32);
            jdbc.sql("insert into platform.oauth_grants (code_hash, provider, user_id, app_challenge) values (:hash, :provider, :user, :challenge)")
                    .param("hash", sha256(grant)).param("provider", provider).param("user", account.id()).param("challenge", pending.appChallenge())
                    .update();
            if (pending.redirectTo() == null) throw ApiProblem.invalidField("redirectTo", "an app's sign-in needs one");
            redirect(out, pending.redirectTo() + (pending.redirectTo().contains("?") ? "&" : "?") + "code=" + encode(grant));
            return null;
        }
        AuthService.Tokens t = auth.tokensFor(account, device);
        if (pending.redirectTo() == null) return t;
        redirect(out, pending.redirectTo() + "#access_token=" + encode(t.accessToken()) + "&refresh_token=" + encode(t.refreshToken())
                + "&token_type=bearer&expires_in=" + t.expiresIn());
        return null;
    }

    /** Records a sign-in in flight and answers the provider's address to send the browser to. */
    private Started start(String provider, String redirectTo, String requestUrl, String browserKey, String appChallenge) {
        ClientRegistration registration = registration(provider, callbackUri(provider, requestUrl));
        if (redirectTo != null && !allowedRedirect(redirectTo)) {
            throw ApiProblem.invalidField("redirectTo", "is not an address of the app (relais.security.oauth.redirect-origins)");
        }
        String state = random(32), verifier = random(48), nonce = random(24);
        String ttl = settings.stateTtl().toSeconds() + " seconds";
        jdbc.sql("delete from platform.oauth_states where created_at < now() - cast(:ttl as interval)").param("ttl", ttl).update();
        jdbc.sql("delete from platform.oauth_grants where created_at < now() - cast(:ttl as interval)").param("ttl", ttl).update();
        jdbc.sql("insert into platform.oauth_states (state, provider, code_verifier, nonce, redirect_uri, redirect_to, browser_key, app_challenge) "
                        + "values (:state, :provider, :verifier, :nonce, :redirectUri, :redirectTo, :browserKey, :appChallenge)")
                .param("state", state).param("provider", provider).param("verifier", verifier).param("nonce", nonce)
                .param("redirectUri", registration.getRedirectUri()).param("redirectTo", redirectTo).param("browserKey", browserKey)
                .param("appChallenge", appChallenge).update();
        Pending pending = new Pending(verifier, nonce, registration.getRedirectUri(), redirectTo, browserKey, appChallenge);
        return new Started(provider, authorizationRequest(registration, state, pending).getAuthorizationRequestUri(), state);
    }

    private AuthService.Tokens exchange(String provider, String code, String verifier, String device) {
        record Grant(java.util.UUID userId, String challenge) {
        }
        Grant grant = jdbc.sql("delete from platform.oauth_grants where code_hash = :hash and provider = :provider "
                        + "and created_at > now() - cast(:ttl as interval) returning user_id, app_challenge")
                .param("hash", sha256(code)).param("provider", provider).param("ttl", GRANT_TTL.toSeconds() + " seconds")
                .query((rs, i) -> new Grant(rs.getObject(1, java.util.UUID.class), rs.getString(2))).optional()
                .orElseThrow(() -> ApiProblem.invalidField("code", "unknown, used or expired: sign in again"));
        if (!challenge(verifier).equals(grant.challenge())) throw ApiProblem.invalidField("codeVerifier", "does not match the sign-in's codeChallenge");
        UserAccount account = users.findById(grant.userId()).orElseThrow(() -> ApiProblem.invalidField("code", "its account is gone"));
        if (!account.enabled()) throw ApiProblem.forbidden("this account is disabled");
        return auth.tokensFor(account, device);
    }

    private UserAccount signIn(String provider, String code, String state, Pending pending) {
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
        return account;
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
                        + "and created_at > now() - cast(:ttl as interval) returning code_verifier, nonce, redirect_uri, redirect_to, browser_key, app_challenge")
                .param("state", state).param("provider", provider).param("ttl", settings.stateTtl().toSeconds() + " seconds")
                .query((rs, i) -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .optional();
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

    /**
     * The callback address the provider must know: {@code callback-base}; when unset, the address the sign-in started
     * on, but only on this machine (a Host header elsewhere could send the provider's code to someone else's server).
     */
    private String callbackUri(String provider, String requestUrl) {
        String base = settings.callbackBase();
        if (base == null || base.isBlank()) {
            URI u = URI.create(requestUrl);
            String host = u.getHost() == null ? "" : u.getHost();
            if (!host.equals("localhost") && !host.startsWith("127.") && !host.equals("[::1]") && !host.equals("::1")) {
                throw ApiProblem.unavailable("set relais.security.oauth.callback-base (RELAIS_PUBLIC_URL) to Relais' public address first");
            }
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

    /** PKCE's S256: base64url(SHA-256(verifier)). */
    static String challenge(String verifier) {
        return sha256(verifier);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((text == null ? "" : text).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The binding cookie's value from a {@code Cookie} header (browsers' form, or RFC 2965's with quotes and $-attributes). */
    static String cookie(String header) {
        if (header == null) return null;
        for (String part : header.split("[;,]")) {
            String p = part.strip();
            if (!p.startsWith(COOKIE + "=")) continue;
            String value = p.substring(COOKIE.length() + 1).strip();
            return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
        }
        return null;
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
