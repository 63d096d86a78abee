package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.relais.testsupport.AppTest;
import io.relais.testsupport.LocalOidc;
import org.junit.jupiter.api.Test;

/**
 * The OAuth round trips against a local OpenID Connect provider (mock-oauth2-server): a browser's sign-in bound by a
 * cookie, an app's sign-in bound by its PKCE verifier (Supabase's two shapes); the ID token checked; the account linked
 * by identity, or by an e-mail both sides verified, or created; a sign-in used once and only by whoever started it.
 */
class OAuthSigninTest extends AppTest {

    private static final String APP = "http://localhost:5173/after-sign-in";

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static String location(HttpClient browser, String url) throws Exception {
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + " -> " + r.body()).isEqualTo(302);
        return r.headers().firstValue("Location").orElseThrow();
    }

    /** A browser signs in as {@code subject}; answers the callback address and the app address it ends on. */
    private String[] browserSignIn(HttpClient browser, String subject, Map<String, Object> claims) throws Exception {
        LocalOidc.nextSignIn(subject, claims);
        String provider = location(browser, "http://localhost:" + port + "/api/auth/oauth/local/authorize?redirectTo=" + URLEncoder.encode(APP, StandardCharsets.UTF_8));
        assertThat(provider).contains("code_challenge=").contains("code_challenge_method=S256").contains("nonce=").contains("state=");
        String callback = location(browser, provider);
        assertThat(callback).startsWith("http://localhost:" + port + "/api/auth/oauth/local/callback?");
        return new String[] {callback, location(browser, callback)};
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    private String userId(String token) {
        var session = api.get("/api/auth/session", token);
        assertThat(session.status()).as(session.raw().body()).isEqualTo(200);
        return session.body().at("/user/id").asText();
    }

    @Test
    void a_browser_signs_in_creates_an_account_finds_it_again_and_cannot_be_signed_in_by_someone_elses_callback() throws Exception {
        String subject = unique("oidc-user");
        String[] first = browserSignIn(browser(), subject, Map.of("email", subject + "@example.org", "email_verified", true,
                "preferred_username", "Rose Gardener"));
        assertThat(first[1]).startsWith(APP + "#access_token=");
        Map<String, String> tokens = params(first[1].substring(first[1].indexOf('#') + 1));
        assertThat(tokens.get("refresh_token")).isNotBlank();
        var session = api.get("/api/auth/session", tokens.get("access_token")).body();
        assertThat(session.at("/user/username").asText()).startsWith("rose-gardener");
        assertThat(session.at("/user/roles/0").asText()).isEqualTo("customer");

        String[] again = browserSignIn(browser(), subject, Map.of("email", "changed-" + subject + "@example.org", "email_verified", true));
        assertThat(userId(params(again[1].substring(again[1].indexOf('#') + 1)).get("access_token"))).isEqualTo(session.at("/user/id").asText());

        // used once
        var replay = api.get(first[0].substring(first[0].indexOf("/api/")), null);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.body().at("/errors/0/field").asText()).isEqualTo("state");

        // login forgery: the attacker stops at his own callback and sends it to a victim; her browser lacks his cookie
        HttpClient attacker = browser();
        LocalOidc.nextSignIn(unique("attacker"), Map.of());
        String provider = location(attacker, "http://localhost:" + port + "/api/auth/oauth/local/authorize?redirectTo=" + URLEncoder.encode(APP, StandardCharsets.UTF_8));
        String hisCallback = location(attacker, provider);
        HttpResponse<String> victim = browser().send(HttpRequest.newBuilder(URI.create(hisCallback)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(victim.statusCode()).isEqualTo(400);
        assertThat(victim.body()).doesNotContain("access_token");
    }

    @Test
    void an_app_signs_in_with_pkce_and_only_its_verifier_redeems_the_code() throws Exception {
        String verifier = "a-verifier-of-the-app-" + unique("v") + "-0123456789abcdef";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String subject = unique("app-user");
        LocalOidc.nextSignIn(subject, Map.of("email", subject + "@example.org", "email_verified", true));
        var started = api.post("/api/auth/oauth/local", Map.of("redirectTo", APP, "codeChallenge", challenge), null);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(200);

        HttpClient anyBrowser = browser();
        String back = location(anyBrowser, location(anyBrowser, started.text("url")));
        assertThat(back).startsWith(APP + "?code=").doesNotContain("access_token");
        String code = params(back.substring(back.indexOf('?') + 1)).get("code");

        var wrong = api.post("/api/auth/oauth/local", Map.of("code", code, "codeVerifier", "someone-elses-verifier-0123456789abcdefghijkl"), null);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().at("/errors/0/field").asText()).isEqualTo("codeVerifier");
        assertThat(api.post("/api/auth/oauth/local", Map.of("code", code, "codeVerifier", verifier), null).status())
                .as("a failed exchange uses the code up").isEqualTo(400);

        LocalOidc.nextSignIn(subject, Map.of());
        var second = api.post("/api/auth/oauth/local", Map.of("redirectTo", APP, "codeChallenge", challenge), null);
        String back2 = location(anyBrowser, location(anyBrowser, second.text("url")));
        var tokens = api.post("/api/auth/oauth/local", Map.of("code", params(back2.substring(back2.indexOf('?') + 1)).get("code"),
                "codeVerifier", verifier), null);
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        assertThat(userId(tokens.text("access_token"))).isNotBlank();
    }

    @Test
    void only_an_email_verified_on_both_sides_links_accounts() throws Exception {
        String name = unique("camille");
        String email = name + "@example.com";
        String local = api.signup(name, "rosebush-42").body().at("/user/id").asText(); // its e-mail was never verified

        String[] viaA = browserSignIn(browser(), unique("sub-a"), Map.of("email", email, "email_verified", true));
        String a = userId(params(viaA[1].substring(viaA[1].indexOf('#') + 1)).get("access_token"));
        assertThat(a).as("a typed e-mail does not let a provider identity into that account").isNotEqualTo(local);

        String other = unique("dominique") + "@example.com";
        String[] first = browserSignIn(browser(), unique("sub-b"), Map.of("email", other, "email_verified", true));
        String owner = userId(params(first[1].substring(first[1].indexOf('#') + 1)).get("access_token"));
        String[] unverified = browserSignIn(browser(), unique("sub-c"), Map.of("email", other, "email_verified", false));
        assertThat(userId(params(unverified[1].substring(unverified[1].indexOf('#') + 1)).get("access_token"))).isNotEqualTo(owner);
        String[] verified = browserSignIn(browser(), unique("sub-d"), Map.of("email", other.toUpperCase(), "email_verified", true));
        assertThat(userId(params(verified[1].substring(verified[1].indexOf('#') + 1)).get("access_token"))).isEqualTo(owner);
    }

    @Test
    void a_github_sign_in_reads_the_user_and_its_primary_verified_email() throws Exception {
        long id = System.nanoTime() % 1_000_000_000L;
        String login = unique("octo");
        io.relais.testsupport.FakeGithub.nextUser(id, login, login + "@example.org", true);
        HttpClient browser = browser();
        String github = location(browser, "http://localhost:" + port + "/api/auth/oauth/fakehub/authorize?redirectTo="
                + URLEncoder.encode(APP, StandardCharsets.UTF_8));
        String back = location(browser, location(browser, github));
        assertThat(back).startsWith(APP + "#access_token=");
        var user = api.get("/api/auth/session", params(back.substring(back.indexOf('#') + 1)).get("access_token")).body().path("user");
        assertThat(user.path("username").asText()).isEqualTo(login);
        assertThat(user.path("email").asText()).isEqualTo(login + "@example.org");
        assertThat(user.path("display_name").asText()).isEqualTo("The " + login);
    }

    @Test
    void the_providers_are_listed_and_bad_starts_are_clear_4xx() {
        var providers = api.get("/api/auth/oauth", null);
        assertThat(providers.status()).isEqualTo(200);
        assertThat(providers.body().findValuesAsText("name")).contains("local", "fakehub").doesNotContain("github", "google");
        String challenge = "x".repeat(43);
        assertThat(api.post("/api/auth/oauth/nowhere", Map.of("codeChallenge", challenge), null).status()).isEqualTo(404);
        var evil = api.post("/api/auth/oauth/local", Map.of("redirectTo", "https://evil.example/steal", "codeChallenge", challenge), null);
        assertThat(evil.status()).isEqualTo(400);
        assertThat(evil.body().at("/errors/0/field").asText()).isEqualTo("redirectTo");
        var noChallenge = api.post("/api/auth/oauth/local", Map.of("redirectTo", APP), null);
        assertThat(noChallenge.status()).isEqualTo(400);
        assertThat(noChallenge.body().at("/errors/0/field").asText()).isEqualTo("codeChallenge");
        assertThat(api.post("/api/auth/oauth/local", Map.of("code", "made-up", "codeVerifier", "made-up"), null).status()).isEqualTo(400);
        assertThat(api.get("/api/auth/oauth/local/callback?error=access_denied&state=x", null).status()).isEqualTo(400);
    }
}
