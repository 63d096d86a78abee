package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.relais.testsupport.ChildNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two Relais processes (separate JVMs, as two machines would run them) on one PostgreSQL and one Redis: a clustered
 * Quartz schedule fires once per tick, a file dropped into the shared inbox is imported once, and a notification
 * raised on one node reaches a client connected to the other (Redis pub/sub to server-sent events and to WebSockets, a
 * reconnecting socket replaying what it missed from PostgreSQL), a cancel sent to
 * one node stops an ingestion running on the other, and the ingestion of a killed node is taken over once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterTest {

    private final Path dir = Path.of("target", "cluster-test", UUID.randomUUID().toString().substring(0, 8));
    private ChildNode.Servers servers;
    private final List<ChildNode> nodes = new ArrayList<>();
    private com.sun.net.httpserver.HttpServer site;
    private String jdbcUrl;
    private java.sql.Timestamp bothUp;

    @BeforeAll
    void startDatabaseAndTwoNodes() throws Exception {
        servers = new ChildNode.Servers(dir);
        jdbcUrl = servers.jdbcUrl();
        // one after the other: the first node creates Camunda's schema (see README, "Cluster mode")
        nodes.add(startNode("a"));
        nodes.add(startNode("b"));
        bothUp = new java.sql.Timestamp(System.currentTimeMillis());
    }

    @AfterAll
    void stopAll() {
        if (site != null) site.stop(0);
        nodes.forEach(ChildNode::stop);
        if (servers != null) servers.close();
    }

    @Test
    @Order(1)
    void a_quartz_schedule_fires_once_per_tick_across_two_nodes() throws Exception {
        String sinceBothUp = " from platform.schedule_runs where schedule = 'platform-heartbeat' and fired_at > '"
                + bothUp.toInstant() + "'";
        await().atMost(Duration.ofSeconds(60)).until(() -> queryLong("select count(*)" + sinceBothUp) >= 6);
        long duplicateTicks = queryLong("select count(*) from (select scheduled_fire_time" + sinceBothUp
                + " group by scheduled_fire_time having count(*) > 1) d");
        assertThat(duplicateTicks).isZero();
    }

    @Test
    @Order(2)
    void a_dropped_file_is_imported_once_by_one_of_the_nodes() throws Exception {
        Path feed = dir.resolve("inbox/test/echo");
        Files.createDirectories(feed);
        Path part = feed.getParent().resolve("shared.part");
        Files.writeString(part, "one\ntwo\nthree\n" + UUID.randomUUID() + "\n");
        Files.move(part, feed.resolve("shared.txt"));

        await().atMost(Duration.ofSeconds(60)).until(() -> queryLong(
                "select count(*) from platform.inbox_files where file_name = 'shared.txt'") >= 1);
        Thread.sleep(3000); // give a second import, if any, the time to happen (both nodes poll every 200 ms)
        assertThat(queryLong("select count(*) from platform.inbox_files where file_name = 'shared.txt'")).isEqualTo(1);
        try (Stream<Path> done = Files.list(feed.resolve(".done"))) {
            assertThat(done.filter(p -> p.toString().endsWith("shared.txt"))).hasSize(1);
        }
    }

    @Test
    @Order(3)
    void a_notification_raised_on_one_node_reaches_a_client_connected_to_the_other() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var a = new io.relais.testsupport.Api(nodes.get(0).url(), mapper);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String alice = a.signup("alice-" + tag, "rosebush-42").text("access_token");
        String bob = a.signup("bob-" + tag, "rosebush-42").text("access_token");
        var created = a.post("/api/resources", java.util.Map.of("title", "Pruning guide " + tag), alice);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String resource = created.body().path("id").asText();

        try (var stream = new io.relais.testsupport.SseLines(nodes.get(1).url()
                + "/api/notifications/stream?access_token=" + alice)) {
            List<String> lines = stream.lines;
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains("event:ready"));
            var commented = a.post("/api/resources/" + resource + "/comments", java.util.Map.of("content", "Great guide " + tag), bob);
            assertThat(commented.status()).as(commented.raw().body()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(l -> l.contains("Great guide " + tag)));
            assertThat(lines).contains("event:notification");
        }
    }

    @Test
    @Order(3)
    void an_event_raised_on_one_node_reaches_a_socket_on_the_other_and_a_reconnect_replays_what_it_missed() throws Exception {
        var a = new io.relais.testsupport.Api(nodes.get(0).url(), new com.fasterxml.jackson.databind.ObjectMapper());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String alice = a.signup("alice-ws-" + tag, "rosebush-42").text("access_token");
        String bob = a.signup("bob-ws-" + tag, "rosebush-42").text("access_token");
        String resource = a.post("/api/resources", java.util.Map.of("title", "Compost guide " + tag), alice).body().path("id").asText();
        String socketOnB = nodes.get(1).url().replace("http://", "ws://") + "/api/realtime?access_token=" + alice;

        long last;
        try (var socket = new io.relais.testsupport.SocketMessages(socketOnB)) {
            await().atMost(Duration.ofSeconds(20)).until(socket::ready);
            assertThat(a.post("/api/resources/" + resource + "/comments", java.util.Map.of("content", "Turn it weekly " + tag), bob).status())
                    .isEqualTo(201);
            await().atMost(Duration.ofSeconds(20)).until(() -> socket.events("notification").stream()
                    .anyMatch(e -> e.at("/payload/message").asText().contains("Turn it weekly " + tag)));
            last = socket.lastEventId();
        }
        assertThat(a.post("/api/resources/" + resource + "/comments", java.util.Map.of("content", "Add leaves " + tag), bob).status()).isEqualTo(201);
        try (var back = new io.relais.testsupport.SocketMessages(socketOnB + "&since=" + last)) {
            await().atMost(Duration.ofSeconds(20)).until(back::ready);
            assertThat(back.events("notification")).extracting(e -> e.at("/payload/message").asText()).containsExactly("Add leaves " + tag);
        }
    }

    @Test
    @Order(4)
    void a_cancel_sent_to_node_b_stops_an_ingestion_running_on_node_a() throws Exception {
        var a = new io.relais.testsupport.Api(nodes.get(0).url(), new com.fasterxml.jackson.databind.ObjectMapper());
        var b = new io.relais.testsupport.Api(nodes.get(1).url(), new com.fasterxml.jackson.databind.ObjectMapper());
        String token = a.signup("reader-" + UUID.randomUUID().toString().substring(0, 8), "rosebush-42").text("access_token");
        String job = startIngestion(a, token, 1000);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.get("/api/knowledge/ingestions/" + job, token).body().at("/pages/fetched").asInt() >= 3);

        var cancel = b.send(HttpRequest.newBuilder(URI.create(nodes.get(1).url() + "/api/knowledge/ingestions/" + job)).DELETE(), token);
        assertThat(cancel.status()).as(cancel.raw().body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> "CANCELLED".equals(b.get("/api/knowledge/ingestions/" + job, token).text("status")));
        int fetched = b.get("/api/knowledge/ingestions/" + job, token).body().at("/pages/fetched").asInt();
        Thread.sleep(1500);
        assertThat(b.get("/api/knowledge/ingestions/" + job, token).body().at("/pages/fetched").asInt()).isEqualTo(fetched);
    }

    @Test
    @Order(5) // last: it kills node a
    void an_ingestion_of_a_killed_node_is_taken_over_by_the_other_node_once() throws Exception {
        var a = new io.relais.testsupport.Api(nodes.get(0).url(), new com.fasterxml.jackson.databind.ObjectMapper());
        String token = a.signup("reader-" + UUID.randomUUID().toString().substring(0, 8), "rosebush-42").text("access_token");
        String job = startIngestion(a, token, 40);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> a.get("/api/knowledge/ingestions/" + job, token).body().at("/pages/fetched").asInt() >= 2);
        nodes.get(0).kill();

        await().atMost(Duration.ofSeconds(60)).until(() -> queryLong("select count(*) from knowledge.ingestions where id = '" + job
                + "' and status = 'SUCCEEDED'") == 1);
        assertThat(queryLong("select attempts from knowledge.ingestions where id = '" + job + "'")).as("taken over once").isEqualTo(2);
        assertThat(queryLong("select count(*) from platform.job_leases where job_id = '" + job + "'")).isZero();
        assertThat(queryLong("select count(*) from knowledge.ingestions where id = '" + job + "' and error like '%stopped heartbeating%'"))
                .isEqualTo(1);
    }

    /** An endless site (every page links to the next five), 100 ms a page: an ingestion that runs for a while. */
    private String startIngestion(io.relais.testsupport.Api api, String token, int maxPages) throws Exception {
        if (site == null) {
            site = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            site.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                int n = path.startsWith("/p/") ? Integer.parseInt(path.substring(3)) : 0;
                StringBuilder html = new StringBuilder("<html><head><title>Page " + n + "</title></head><body><p>Page " + n
                        + " tells about roses number " + n + ".</p>");
                for (int i = 1; i <= 5; i++) html.append("<a href='/p/").append(n * 5 + i).append("'>next</a> ");
                byte[] bytes = html.append("</body></html>").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(path.equals("/robots.txt") ? 404 : 200, bytes.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            site.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            site.start();
        }
        var started = api.post("/api/knowledge/ingestions", java.util.Map.of("url", "http://localhost:" + site.getAddress().getPort()
                + "/p/0", "maxPages", maxPages, "maxDepth", 10), token);
        assertThat(started.status()).as(started.raw().body()).isIn(201, 202);
        return started.text("id");
    }

    private ChildNode startNode(String name) throws Exception {
        return ChildNode.start(name, dir, jdbcUrl, servers.redis.port(), List.of(
                "--relais.schedules.heartbeat-cron=0/2 * * * * ?",
                "--relais.cluster.node-timeout=3s", "--relais.cluster.heartbeat-interval=500ms",
                "--relais.knowledge.crawler.allow-private-networks=true", "--relais.knowledge.crawler.politeness=0ms",
                "--camel.main.routes-include-pattern=file:routes/**/*.camel.yaml,classpath:test-routes/*.camel.yaml"));
    }

    private long queryLong(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
