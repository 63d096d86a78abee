package io.relais.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Chat latency on the rules path (no model configured), 4 clients, a mix of stock questions, searches, order
 * proposals and greetings in French and English. Anchor: the catalog search the chat itself runs, called directly.
 */
final class ChatBenchmark implements Benchmark {

    private static final int CLIENTS = 4;
    private static final List<String> MESSAGES = List.of("il reste des rosiers ?", "je veux 3 sacs de terreau",
            "do you have lavender?", "10 ROS-001", "bonjour", "any watering cans left?", "ajoute 2 sécateurs",
            "je cherche un engrais pour rosiers");

    @Override
    public String name() {
        return "shop-chat";
    }

    @Override
    public String description() {
        return "POST /api/shop/chat (rules) at " + CLIENTS + " clients vs GET /api/shop/products?search=";
    }

    @Override
    public List<Figure> run(BenchEnvironment env) throws Exception {
        ShopCatalog.ensureImported(env);
        HttpLoad load = new HttpLoad();
        java.util.function.LongFunction<HttpRequest> chat = n -> HttpRequest.newBuilder(URI.create(env.baseUrl + "/api/shop/chat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + MESSAGES.get((int) (n % MESSAGES.size())) + "\"}"))
                .build();
        java.util.function.LongFunction<HttpRequest> search = n -> HttpRequest.newBuilder(URI.create(env.baseUrl
                + "/api/shop/products?search=" + URLEncoder.encode(List.of("rosiers", "terreau", "lavender", "arrosoirs")
                .get((int) (n % 4)), StandardCharsets.UTF_8))).GET().build();
        load.run(CLIENTS, Duration.ofSeconds(3), chat, s -> s == 200);
        HttpLoad.Result chats = load.run(CLIENTS, Duration.ofSeconds(15), chat, s -> s == 200);
        HttpLoad.Result searches = load.run(CLIENTS, Duration.ofSeconds(10), search, s -> s == 200);
        return List.of(
                new Figure("chat p50", chats.percentileMillis(0.50), "ms", "search p50", searches.percentileMillis(0.50), false),
                new Figure("chat p99", chats.percentileMillis(0.99), "ms", "search p99", searches.percentileMillis(0.99), false),
                new Figure("chats/s", chats.perSecond(), "req/s", null, null, true));
    }
}
