package io.relais.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Crawl a site served by the test over real HTTP, embed it, ask it; re-ingest after a change; users kept apart. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KnowledgeTest extends AppTest {

    static TestSite site;
    static String alice;
    static String ingestion;

    @BeforeAll
    static void serve() throws Exception {
        site = new TestSite();
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private JsonNode awaitDone(String id, String token) {
        return await().atMost(Duration.ofSeconds(90)).until(() -> api.get("/api/knowledge/ingestions/" + id, token).body(),
                j -> !List.of("QUEUED", "RUNNING").contains(j.path("status").asText()));
    }

    @Test
    @Order(1)
    void a_crawl_fetches_exactly_the_pages_it_may_and_says_why_it_skipped_the_others() {
        alice = api.signup(unique("alice"), "rosebush-42").text("access_token");
        var started = api.post("/api/knowledge/ingestions", Map.of("url", site.url("/"), "domain", "localhost", "maxPages", 50), alice);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        ingestion = started.body().path("id").asText();
        // the same request again (a second click, a retry) answers the ingestion running; other settings wait for it
        var twice = api.post("/api/knowledge/ingestions", Map.of("url", site.url("/"), "domain", "localhost", "maxPages", 50), alice);
        assertThat(twice.status()).as(twice.raw().body()).isEqualTo(202);
        assertThat(twice.body().path("id").asText()).isEqualTo(ingestion);
        var other = api.post("/api/knowledge/ingestions", Map.of("url", site.url("/"), "domain", "localhost", "maxPages", 10), alice);
        assertThat(other.status()).as(other.raw().body()).isEqualTo(409);
        assertThat(other.raw().body()).contains(ingestion).contains("still running");
        JsonNode done = awaitDone(ingestion, alice);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.at("/pages/fetched").asInt()).as(done.toString()).isEqualTo(6); // /, about, products, faq, loop-a, loop-b
        assertThat(done.path("chunks").asInt()).isPositive();
        Map<String, String> reasons = new java.util.HashMap<>();
        done.path("notFetched").forEach(n -> reasons.put(n.path("url").asText().replaceFirst("http://[^/]+", ""), n.path("reason").asText()));
        assertThat(reasons.get("/private/secret")).contains("robots.txt");
        assertThat(reasons.get("/redirect-out")).contains("outside the domain");
        assertThat(reasons.get("/elsewhere")).contains("outside the domain");
        assertThat(reasons.get("/broken")).contains("404");
        assertThat(reasons.get("/big")).contains("too large");
        assertThat(reasons.get("/catalogue.pdf")).contains("not HTML");
        assertThat(reasons.get("/about-copy")).contains("canonical");
        assertThat(reasons).doesNotContainKey("/about#team");
    }

    @Test
    @Order(2)
    void questions_with_known_answers_cite_the_right_page_first_and_others_get_i_dont_know() {
        assertFirstSource("When was the company founded?", "/about", "1998");
        assertFirstSource("How long does delivery take?", "/faq", "3 to 5 working days");
        assertFirstSource("Which rose blooms from May to October?", "/products", "Pierre de Ronsard");
        JsonNode unknown = api.post("/api/knowledge/ask", Map.of("question", "What is the capital of Mongolia?"), alice).body();
        assertThat(unknown.path("known").asBoolean()).as(unknown.toString()).isFalse();
        assertThat(unknown.path("sources")).isEmpty();
        var seedCall = api.post("/ask", Map.of("question", "Can I return a product?", "ingestionId", ingestion), alice);
        assertThat(seedCall.body().path("sources").size()).as(seedCall.raw().body()).isPositive();
        JsonNode seed = seedCall.body();
        assertThat(seed.path("sources").get(0).path("url").asText()).endsWith("/faq");
    }

    @Test
    @Order(3)
    void an_answer_streams_as_server_sent_events_when_asked_for() throws Exception {
        var r = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/knowledge/ask"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"question\":\"How long does delivery take?\"}")), alice);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/event-stream");
        String body = r.raw().body();
        assertThat(body.indexOf("event:sources")).isLessThan(body.indexOf("event:delta"));
        assertThat(body).contains("/faq").contains("3 to 5 working days").contains("event:done");
        var anonymous = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/ask"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"question\":\"x\"}")), null);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    private void assertFirstSource(String question, String path, String quoted) {
        var r = api.post("/api/knowledge/ask", Map.of("question", question), alice);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.body().path("sources").size()).as(r.raw().body()).isPositive();
        JsonNode first = r.body().path("sources").get(0);
        assertThat(first.path("url").asText()).as(r.raw().body()).endsWith(path);
        assertThat(r.body().path("answer").asText()).contains(quoted);
        assertThat(first.path("quote").asText()).contains(quoted);
    }

    @Test
    @Order(4)
    void re_ingesting_after_a_change_re_embeds_only_the_changed_page_and_drops_the_vanished_one() {
        site.pages.put("/faq", TestSite.page("FAQ", "<h1>Delivery</h1><p>Delivery now takes 48 hours everywhere in France.</p>"));
        site.pages.remove("/loop-b");
        var again = api.post("/api/knowledge/ingestions", Map.of("url", site.url("/"), "domain", "localhost", "maxPages", 50), alice);
        JsonNode done = awaitDone(again.body().path("id").asText(), alice);
        assertThat(done.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.at("/pages/changed").asInt()).as(done.toString()).isEqualTo(1); // only /faq: the others read the same
        assertThat(done.at("/pages/removed").asInt()).isEqualTo(1);
        assertFirstSource("How long does delivery take?", "/faq", "48 hours");
    }

    @Test
    @Order(5)
    void users_cannot_see_each_others_ingestions_or_answers() {
        String bob = api.signup(unique("bob"), "rosebush-42").text("access_token");
        assertThat(api.get("/api/knowledge/ingestions/" + ingestion, bob).status()).isEqualTo(404);
        assertThat(api.post("/api/knowledge/ask", Map.of("question", "When was the company founded?", "ingestionId", ingestion), bob)
                .status()).isEqualTo(404);
        JsonNode nothing = api.post("/api/knowledge/ask", Map.of("question", "When was the company founded?"), bob).body();
        assertThat(nothing.path("sources")).isEmpty();
        List<String> mine = new ArrayList<>();
        api.get("/api/knowledge/ingestions", bob).body().forEach(i -> mine.add(i.path("id").asText()));
        assertThat(mine).isEmpty();
        assertThat(api.post("/api/knowledge/ingestions", Map.of("url", "ftp://example.org"), bob).status()).isEqualTo(400);
    }
}
