package io.relais.bench;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * Knowledge: a generated site of 1,000 pages of 20 sections each (20,000 chunks) crawled, chunked and embedded
 * in-process on this machine's cores: pages/s and chunks embedded/s. Then {@code POST /api/knowledge/ask} without a
 * model over those 20,000 chunks at 1 and 4 clients: p50/p99 (the seed's bar is 2 s; the aim is well under 200 ms).
 */
final class KnowledgeBenchmark implements Benchmark {

    private static final int PAGES = 1_000;
    private static final int SECTIONS = 20;
    private static final String[] TOPICS = {"roses", "tomatoes", "compost", "pruning", "watering", "lavender", "tulips",
            "hedges", "lawn", "orchards", "seeds", "mulch", "greenhouse", "pests", "herbs", "potatoes", "strawberries",
            "irrigation", "soil", "bulbs"};
    private static final String[] VERBS = {"grow best in", "need", "prefer", "suffer from", "benefit from", "should be kept away from"};
    private static final String[] THINGS = {"full sun", "acid soil", "a cold winter", "regular feeding", "deep watering",
            "light shade", "sandy ground", "late frosts", "a spring pruning", "well-rotted manure"};

    @Override
    public String name() {
        return "knowledge";
    }

    @Override
    public String description() {
        return "crawl + embed " + PAGES + " pages (" + PAGES * SECTIONS + " chunks), then ask latency over them";
    }

    @Override
    public List<Figure> run(BenchEnvironment env) throws Exception {
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        site.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = (path.equals("/robots.txt") ? "User-agent: *\nAllow: /\n" : page(path)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", path.equals("/robots.txt") ? "text/plain" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        site.start();
        try {
            String token = env.api.signup("reader-" + System.nanoTime(), "bench-password-1").text("access_token");
            long t0 = System.nanoTime();
            JsonNode done;
            try (Profiler profile = Profiler.start("knowledge-ingestion")) {
                var started = env.api.post("/api/knowledge/ingestions", Map.of("url", "http://localhost:" + site.getAddress().getPort() + "/p/0",
                        "domain", "localhost", "maxPages", PAGES, "maxDepth", 20), token);
                String id = started.body().path("id").asText();
                while (true) {
                    done = env.api.get("/api/knowledge/ingestions/" + id, token).body();
                    if (!List.of("QUEUED", "RUNNING").contains(done.path("status").asText())) break;
                    Thread.sleep(500);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            int pages = done.at("/pages/fetched").asInt();
            int chunks = done.path("chunks").asInt();
            System.out.println("knowledge ingestion: " + done.path("status").asText() + ", " + pages + " pages, " + chunks + " chunks in "
                    + String.format("%.1f", seconds) + " s");

            double bareModel = bareModelChunksPerSecond(env);

            Random random = new Random(5);
            java.util.function.LongFunction<HttpRequest> ask = n -> {
                String q = "What do " + TOPICS[random.nextInt(TOPICS.length)] + " " + VERBS[random.nextInt(VERBS.length)] + "?";
                return HttpRequest.newBuilder(URI.create(env.baseUrl + "/api/knowledge/ask"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"" + q + "\"}")).build();
            };
            HttpLoad load = new HttpLoad();
            load.warmUp(4, ask, s -> s == 200);
            HttpLoad.Result one = load.measure("knowledge-ask-1", 1, Duration.ofSeconds(10), ask, s -> s == 200);
            HttpLoad.Result four = load.measure("knowledge-ask-4", 4, Duration.ofSeconds(10), ask, s -> s == 200);
            return List.of(
                    new Figure("pages/s", pages / seconds, "pages/s", null, null, true),
                    new Figure("chunks/s", chunks / seconds, "chunks/s", "bare model chunks/s", bareModel, true),
                    new Figure("ask p50 (1 cl.)", one.percentileMillis(0.5), "ms", "seed bar", 2000.0, false),
                    new Figure("ask p99 (1 cl.)", one.percentileMillis(0.99), "ms", "seed bar", 2000.0, false),
                    new Figure("ask p50 (4 cl.)", four.percentileMillis(0.5), "ms", "seed bar", 2000.0, false),
                    new Figure("ask p99 (4 cl.)", four.percentileMillis(0.99), "ms", "seed bar", 2000.0, false));
        } finally {
            site.stop(0);
        }
    }

    /**
     * The anchor: the same in-process model embedding 1,000 of the stored chunks, as the ingestion hands them to it
     * ("title. heading. text"), with nothing else around it: what crawling, chunking and storing add.
     */
    private static double bareModelChunksPerSecond(BenchEnvironment env) {
        List<dev.langchain4j.data.segment.TextSegment> segments = env.bean(org.springframework.jdbc.core.JdbcTemplate.class).query(
                "select title, heading, text from knowledge.chunks order by id limit 1000", (rs, n) -> {
                    String title = rs.getString(1), heading = rs.getString(2);
                    return dev.langchain4j.data.segment.TextSegment.from((title + ". " + (heading.equals(title) ? "" : heading + ". ")
                            + rs.getString(3)).strip());
                });
        var model = env.bean(dev.langchain4j.model.embedding.EmbeddingModel.class);
        model.embedAll(segments.subList(0, 50));
        long t0 = System.nanoTime();
        for (int i = 0; i < segments.size(); i += 20) model.embedAll(segments.subList(i, Math.min(segments.size(), i + 20)));
        return segments.size() / ((System.nanoTime() - t0) / 1e9);
    }

    /** Page n: 20 sections of garden advice and links to the next pages. */
    private static String page(String path) {
        int n;
        try {
            n = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
        } catch (NumberFormatException e) {
            n = 0;
        }
        Random r = new Random(n);
        StringBuilder html = new StringBuilder("<html><head><title>Garden notes " + n + "</title></head><body><main><h1>Notes " + n + "</h1>");
        for (int s = 0; s < SECTIONS; s++) {
            String topic = TOPICS[r.nextInt(TOPICS.length)];
            html.append("<h2>").append(topic).append(" ").append(n).append('.').append(s).append("</h2><p>");
            for (int k = 0; k < 4; k++) {
                html.append("In plot ").append(n * 100 + s).append(", ").append(topic).append(' ').append(VERBS[r.nextInt(VERBS.length)])
                        .append(' ').append(THINGS[r.nextInt(THINGS.length)]).append(". ");
            }
            html.append("</p>");
        }
        for (int k = 1; k <= 3; k++) html.append("<a href='/p/").append((n * 3 + k) % PAGES).append("'>next</a> ");
        return html.append("</main></body></html>").toString();
    }
}
