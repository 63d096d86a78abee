package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;

/** The doors a hostile caller tries: bodies that never end, Camunda's logins, error details, NUL characters. */
class HostileAccessTest extends AppTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_chunked_body_over_the_cap_is_refused_with_413_before_it_is_read() throws Exception {
        AtomicLong sent = new AtomicLong();
        long size = 200L * 1024 * 1024;
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return sent.incrementAndGet() <= size ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                long left = size - sent.get();
                if (left <= 0) return -1;
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                sent.addAndGet(n);
                return n;
            }
        };
        int status;
        try {
            status = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/signin"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> endless)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException connectionClosedByServer) {
            status = 413; // the server answered and closed while the client was still sending
        }
        assertThat(status).isEqualTo(413);
        assertThat(sent.get()).as("bytes the client could send before the server stopped reading").isLessThan(50L * 1024 * 1024);
    }

    @Test
    void gzip_bodies_are_inflated_at_the_edge_counted_by_what_they_inflate_to_and_broken_ones_are_400() throws Exception {
        String admin = api.adminToken();
        String p = unique("GZ").toUpperCase();
        byte[] csv = ("reference,name,category,price,stock,stock_alert_threshold\n" + p + "-1,Gzip rose," + p.toLowerCase() + ",4.5,3,1\n")
                .getBytes(StandardCharsets.UTF_8);
        // announced as gzip, and a .csv.gz posted as it is (recognised by its magic bytes)
        assertThat(send("/api/shop/products/import", "text/csv", "gzip", gzip(csv), admin).statusCode()).isEqualTo(200);
        byte[] second = ("reference,name,category,price,stock,stock_alert_threshold\n" + p + "-2,Gzip tulip," + p.toLowerCase() + ",2,3,1\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(send("/api/shop/products/import", "application/octet-stream", null, gzip(second), admin).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/shop/products/" + p + "-1", null).text("name")).isEqualTo("Gzip rose");
        assertThat(api.get("/api/shop/products/" + p + "-2", null).text("name")).isEqualTo("Gzip tulip");

        byte[] broken = java.util.Arrays.copyOf(gzip(csv), 30);
        HttpResponse<String> cut = send("/api/shop/products/import", "text/csv", "gzip", broken, admin);
        assertThat(cut.statusCode()).isEqualTo(400);
        assertThat(cut.body()).contains("gzip");
        HttpResponse<String> brotli = send("/api/shop/products/import", "text/csv", "br", csv, admin);
        assertThat(brotli.statusCode()).isEqualTo(415);
        assertThat(brotli.body()).contains("Content-Encoding br");
        assertThat(send("/api/shop/products/import", "text/csv", null, new byte[0], admin).statusCode()).isEqualTo(400);

        // a gzip bomb: 1 MB of JSON squeezed into a few kB meets the 413 of what it inflates to (the test cap is 64 kB)
        byte[] bomb = gzip(("{\"username\": \"" + "a".repeat(1024 * 1024) + "\", \"password\": \"x\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(bomb.length).isLessThan(64 * 1024);
        assertThat(send("/api/auth/signin", "application/json", "gzip", bomb, null).statusCode()).isEqualTo(413);
    }

    private HttpResponse<String> send(String path, String type, String encoding, byte[] body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) request.header("Content-Encoding", encoding);
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void nul_characters_and_unpaired_surrogates_are_refused_naming_the_field() {
        var nul = api.postRaw("/api/auth/signup", "application/json",
                "{\"username\": \"ann\\u0000\", \"password\": \"rosebush-42\"}", null);
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.body().at("/errors/0/field").asText()).isEqualTo("username");
        var surrogate = api.postRaw("/api/shop/orders", "application/json",
                "{\"lines\": [{\"reference\": \"ROS\\ud800\", \"quantity\": 1}]}", api.adminToken());
        assertThat(surrogate.status()).isEqualTo(400);
        assertThat(surrogate.body().at("/errors/0/field").asText()).isEqualTo("lines[0].reference");
        var query = api.get("/api/shop/products?search=%00", null);
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.body().at("/errors/0/field").asText()).isEqualTo("search");
    }

    @Test
    void a_missing_body_is_400_and_sign_out_needs_none() {
        var empty = api.postRaw("/api/auth/signin", "application/json", "", null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.text("detail")).contains("body");
        var nullBody = api.postRaw("/api/shop/orders", "application/json", "null", api.adminToken());
        assertThat(nullBody.status()).isEqualTo(400);
        String token = api.signup(unique("leaving"), "rosebush-42").text("access_token");
        var signout = api.postRaw("/api/auth/signout", "application/json", "", token);
        assertThat(signout.status()).as(signout.raw().body()).isBetween(200, 204);
        assertThat(api.get("/api/auth/session", token).status()).isEqualTo(401);
    }

    @Test
    void error_details_never_name_java_classes() {
        for (String body : new String[] {"[]", "{\"username\": {\"a\": 1}, \"password\": \"x\"}", "{\"username\": [1], \"password\": 2}", "42"}) {
            var r = api.postRaw("/api/auth/signin", "application/json", body, null);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.raw().body()).as(body).doesNotContain("io.relais").doesNotContain("java.").doesNotContain("$");
        }
    }

    @Test
    void camunda_web_login_gives_one_answer_for_a_wrong_password_and_an_account_not_allowed_there() throws Exception {
        String customer = unique("shopper");
        api.signup(customer, "rosebush-42");
        int notAllowed = webLogin(customer, "rosebush-42", "cockpit");
        int wrong = webLogin(customer, "not-the-password", "cockpit");
        assertThat(notAllowed).isEqualTo(wrong).isEqualTo(401);
        assertThat(webLogin("admin", ADMIN_PASSWORD, "cockpit")).as("the door itself works").isEqualTo(200);
    }

    @Test
    void customers_cannot_list_accounts_groups_or_jobs_on_the_engine_api() throws Exception {
        String customer = unique("curious");
        api.signup(customer, "rosebush-42");
        for (String path : new String[] {"/engine-rest/user", "/engine-rest/group", "/engine-rest/job"}) {
            assertThat(engine(path, customer, "rosebush-42")).as(path).isEqualTo(403);
        }
        assertThat(engine("/engine-rest/user", "admin", ADMIN_PASSWORD)).isEqualTo(200);
    }

    @Test
    void refused_sign_ins_at_camunda_doors_end_in_429() throws Exception {
        // the test limit: 5 refused sign-ins per address in a 10 s window (relais-test.properties); at most one window
        // boundary falls inside these attempts, so 2 x 5 + 1 of them always reach it
        int last = 0;
        for (int i = 0; i < 15 && last != 429; i++) last = engine("/engine-rest/user", "admin", "wrong-" + i);
        assertThat(last).isEqualTo(429);
        assertThat(engine("/engine-rest/user", "admin", ADMIN_PASSWORD)).as("even the right password waits").isEqualTo(429);
        await().atMost(Duration.ofSeconds(25)).until(() -> engine("/engine-rest/user", "admin", ADMIN_PASSWORD) == 200);
    }

    private int engine(String path, String user, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** As the browser does it: a page first (session and CSRF token), then the login form with the token. */
    private int webLogin(String user, String password, String app) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        var page = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/" + app + "/default/")).build(),
                HttpResponse.BodyHandlers.discarding());
        String csrf = page.headers().firstValue("X-XSRF-TOKEN").orElse("");
        String form = "username=" + user + "&password=" + password;
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

}
