package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

import io.relais.platform.embedded.EmbeddedPostgresServer;
import io.relais.platform.embedded.EmbeddedRedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two Relais processes (separate JVMs, as two machines would run them) on one PostgreSQL and one Redis: a clustered
 * Quartz schedule fires once per tick, a file dropped into the shared inbox is imported once, and a notification
 * raised on one node reaches a client connected to the other (Redis pub/sub to server-sent events).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeClusterTest {

    private final Path dir = Path.of("target", "cluster-test", UUID.randomUUID().toString().substring(0, 8));
    private EmbeddedPostgresServer postgres;
    private EmbeddedRedisServer redis;
    private final List<Process> nodes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private String jdbcUrl;
    private java.sql.Timestamp bothUp;

    @BeforeAll
    void startDatabaseAndTwoNodes() throws Exception {
        postgres = new EmbeddedPostgresServer(dir.resolve("pg"), freePort());
        postgres.start();
        redis = new EmbeddedRedisServer(dir.resolve("redis"), freePort());
        redis.start();
        jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres";
        // one after the other: the first node creates Camunda's schema (see README, "Cluster mode")
        nodes.add(startNode("a"));
        nodes.add(startNode("b"));
        bothUp = new java.sql.Timestamp(System.currentTimeMillis());
    }

    @AfterAll
    void stopAll() {
        nodes.forEach(Process::destroy);
        nodes.forEach(p -> {
            try {
                if (!p.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        });
        if (redis != null) redis.stop();
        if (postgres != null) postgres.stop();
    }

    @Test
    void a_quartz_schedule_fires_once_per_tick_across_two_nodes() throws Exception {
        String sinceBothUp = " from platform.schedule_runs where schedule = 'platform-heartbeat' and fired_at > '"
                + bothUp.toInstant() + "'";
        await().atMost(Duration.ofSeconds(60)).until(() -> queryLong("select count(*)" + sinceBothUp) >= 6);
        long duplicateTicks = queryLong("select count(*) from (select scheduled_fire_time" + sinceBothUp
                + " group by scheduled_fire_time having count(*) > 1) d");
        assertThat(duplicateTicks).isZero();
    }

    @Test
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
    void a_notification_raised_on_one_node_reaches_a_client_connected_to_the_other() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var a = new io.relais.testsupport.Api("http://127.0.0.1:" + ports.get(0), mapper);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String alice = a.signup("alice-" + tag, "rosebush-42").text("access_token");
        String bob = a.signup("bob-" + tag, "rosebush-42").text("access_token");
        var created = a.post("/api/resources", java.util.Map.of("title", "Pruning guide " + tag), alice);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String resource = created.body().path("id").asText();

        try (var stream = new io.relais.testsupport.SseLines("http://127.0.0.1:" + ports.get(1)
                + "/api/notifications/stream?access_token=" + alice)) {
            List<String> lines = stream.lines;
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains("event:ready"));
            var commented = a.post("/api/resources/" + resource + "/comments", java.util.Map.of("content", "Great guide " + tag), bob);
            assertThat(commented.status()).as(commented.raw().body()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(l -> l.contains("Great guide " + tag)));
            assertThat(lines).contains("event:notification");
        }
    }

    private Process startNode(String name) throws Exception {
        int port = freePort();
        ports.add(port);
        Path log = dir.resolve("node-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-cp", classpath(), "io.relais.RelaisApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redis.port(),
                "--relais.data-dir=" + dir.resolve("data-" + name),
                "--relais.inbox-dir=" + dir.resolve("inbox"),
                "--relais.security.jwt-secret=cluster-test-secret-of-at-least-32-bytes",
                "--relais.admin.password=cluster-admin-1",
                "--relais.schedules.heartbeat-cron=0/2 * * * * ?",
                "--camel.main.routes-include-pattern=file:routes/**/*.camel.yaml,classpath:test-routes/*.camel.yaml"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (!process.isAlive()) throw new IllegalStateException("node " + name + " died, see " + log);
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return process;
    }

    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String path = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        // an empty entry means the working directory, whose processes/ would then be deployed twice
        return java.util.Arrays.stream(path.split(java.io.File.pathSeparator)).filter(e -> !e.isBlank())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private long queryLong(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
