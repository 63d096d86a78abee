package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.relais.testsupport.AppTest;
import io.relais.testsupport.LocalOidc;
import org.junit.jupiter.api.Test;

/**
 * The OAuth round trip against a local OpenID Connect provider: Relais sends the browser there (PKCE, state, nonce),
 * the provider sends it back with a code, Relais checks the ID token and signs in; the account is linked by identity,
 * by a verified e-mail, or created; a state is used once.
 */
class OAuthSigninTest extends AppTest {

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** Starts a sign-in, lets the provider answer for {@code subject}, follows the redirects; answers the app's fragment. */
    private Map<String, String> signInAs(String subject, Map<String, Object> claims) throws Exception {
        LocalOidc.nextSignIn(subject, claims);
        var started = api.post("/api/auth/oauth/local", Map.of("redirectTo", "http://localhost:5173/after-sign-in"), null);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(200);
        String url = started.text("url");
        assertThat(url).contains("code_challenge=").contains("code_challenge_method=S256").contains("nonce=").contains("state=");

        HttpResponse<String> atProvider = browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(atProvider.statusCode()).as(atProvider.body()).isEqualTo(302);
        String callback = atProvider.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith("http://localhost:" + port + "/api/auth/oauth/local/callback?");

        HttpResponse<String> back = browser.send(HttpRequest.newBuilder(URI.create(callback)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        String app = back.headers().firstValue("Location").orElseThrow();
        assertThat(app).startsWith("http://localhost:5173/after-sign-in#access_token=");
        Map<String, String> fragment = new LinkedHashMap<>();
        for (String pair : app.substring(app.indexOf('#') + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            fragment.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        fragment.put("callback", callback);
        return fragment;
    }

    @Test
    void a_sign_in_at_the_provider_creates_an_account_then_finds_it_again_by_its_identity() throws Exception {
        String subject = unique("oidc-user");
        var first = signInAs(subject, Map.of("email", subject + "@example.org", "email_verified", true, "preferred_username", "Rose Gardener"));
        var session = api.get("/api/auth/session", first.get("access_token"));
        assertThat(session.status()).as(session.raw().body()).isEqualTo(200);
        assertThat(session.body().at("/user/username").asText()).startsWith("rose-gardener");
        assertThat(session.body().at("/user/roles/0").asText()).isEqualTo("customer");
        assertThat(first.get("refresh_token")).isNotBlank();

        var again = signInAs(subject, Map.of("email", "changed-" + subject + "@example.org", "email_verified", true));
        assertThat(api.get("/api/auth/session", again.get("access_token")).body().at("/user/id").asText())
                .isEqualTo(session.body().at("/user/id").asText());

        // the provider's code and state were used: the same callback again is refused, and a made-up state too
        var replay = api.get(first.get("callback").substring(first.get("callback").indexOf("/api/")), null);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.body().at("/errors/0/field").asText()).isEqualTo("state");
    }

    @Test
    void a_verified_email_links_the_existing_account_and_an_unverified_one_does_not() throws Exception {
        String name = unique("camille");
        var local = api.signup(name, "rosebush-42");
        String id = local.body().at("/user/id").asText();

        var unverified = signInAs(unique("sub"), Map.of("email", name + "@example.com", "email_verified", false, "preferred_username", name));
        var other = api.get("/api/auth/session", unverified.get("access_token")).body();
        assertThat(other.at("/user/id").asText()).isNotEqualTo(id);
        assertThat(other.at("/user/username").asText()).isNotEqualTo(name);

        var verified = signInAs(unique("sub"), Map.of("email", name.toUpperCase() + "@EXAMPLE.COM", "email_verified", true));
        assertThat(api.get("/api/auth/session", verified.get("access_token")).body().at("/user/id").asText()).isEqualTo(id);
    }

    @Test
    void the_providers_are_listed_and_bad_starts_are_clear_4xx() {
        var providers = api.get("/api/auth/oauth", null);
        assertThat(providers.status()).isEqualTo(200);
        assertThat(providers.body().findValuesAsText("name")).contains("local").doesNotContain("github", "google");
        assertThat(api.post("/api/auth/oauth/nowhere", Map.of(), null).status()).isEqualTo(404);
        var evil = api.post("/api/auth/oauth/local", Map.of("redirectTo", "https://evil.example/steal"), null);
        assertThat(evil.status()).isEqualTo(400);
        assertThat(evil.body().at("/errors/0/field").asText()).isEqualTo("redirectTo");
        assertThat(api.post("/api/auth/oauth/local", Map.of("code", "made-up", "state", "made-up"), null).status()).isEqualTo(400);
        assertThat(api.get("/api/auth/oauth/local/callback?error=access_denied&state=x", null).status()).isEqualTo(401);
    }
}
