package io.relais.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Relais process of its own (a separate JVM, as another machine would run it) on given PostgreSQL and Redis
 * servers: started and awaited until health is UP, stopped cleanly, or killed with SIGKILL.
 */
public final class ChildNode {

    private final Process process;
    private final int port;
    private final Path log;

    private ChildNode(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a node and waits until it answers health UP; {@code extra} are more {@code --key=value} settings. */
    public static ChildNode start(String name, Path dir, String jdbcUrl, int redisPort, List<String> extra) throws Exception {
        ChildNode node = launch(name, dir, jdbcUrl, redisPort, extra);
        node.awaitUp(name);
        return node;
    }

    /** Starts a node without waiting for it. */
    public static ChildNode launch(String name, Path dir, String jdbcUrl, int redisPort, List<String> extra) throws Exception {
        int port = freePort();
        Path log = dir.resolve("node-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-cp", classpath(), "io.relais.RelaisApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
                "--relais.data-dir=" + dir.resolve("data-" + name),
                "--relais.inbox-dir=" + dir.resolve("inbox"),
                "--relais.security.jwt-secret=cluster-test-secret-of-at-least-32-bytes",
                "--relais.admin.password=" + AppTest.ADMIN_PASSWORD));
        command.addAll(extra);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ChildNode(process, port, log);
    }

    private void awaitUp(String name) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) throw new IllegalStateException("node " + name + " died, see " + log);
            try {
                // health UP, and the API past its start-up (it answers 503 until Camel has started)
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
                return health.statusCode() == 200 && api.statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Waits for the node to end by itself; its exit code, or empty when it still runs after {@code within}. */
    public java.util.OptionalInt awaitExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? java.util.OptionalInt.of(process.exitValue())
                : java.util.OptionalInt.empty();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: no shutdown hook, no clean-up, as a power cut or the OOM killer would end it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A clean stop (SIGTERM), killed if it takes longer than 40 s. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
    }

    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String path = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        // an empty entry means the working directory, whose processes/ would then be deployed twice
        return Arrays.stream(path.split(File.pathSeparator)).filter(e -> !e.isBlank()).collect(Collectors.joining(File.pathSeparator));
    }

    /** The PostgreSQL and Redis that child nodes share (real embedded servers in a directory of the test). */
    public static final class Servers implements AutoCloseable {
        public final io.relais.platform.embedded.EmbeddedPostgresServer postgres;
        public final io.relais.platform.embedded.EmbeddedRedisServer redis;

        public Servers(Path dir) throws IOException {
            postgres = new io.relais.platform.embedded.EmbeddedPostgresServer(dir.resolve("pg"), freePort());
            postgres.start();
            redis = new io.relais.platform.embedded.EmbeddedRedisServer(dir.resolve("redis"), freePort());
            redis.start();
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres";
        }

        @Override
        public void close() {
            redis.stop();
            postgres.stop();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
