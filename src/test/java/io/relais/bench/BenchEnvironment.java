package io.relais.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.relais.RelaisApplication;
import io.relais.platform.embedded.EmbeddedPostgresServer;
import io.relais.testsupport.Api;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** One Relais on the embedded default (fresh data directory), shared by every benchmark of a run. */
final class BenchEnvironment implements AutoCloseable {

    static final String ADMIN_PASSWORD = "bench-admin-password";

    final ConfigurableApplicationContext app;
    final Path dataDir;
    final String baseUrl;
    final Api api;

    BenchEnvironment() throws IOException {
        dataDir = Files.createTempDirectory("relais-bench");
        app = new SpringApplication(RelaisApplication.class).run(
                "--server.port=0", "--relais.data-dir=" + dataDir, "--relais.inbox-dir=" + dataDir.resolve("inbox"),
                "--relais.admin.password=" + ADMIN_PASSWORD, "--logging.level.root=WARN",
                "--relais.rate-limits[0].name=auth", "--relais.rate-limits[0].match[0]=POST /api/auth/**",
                "--relais.rate-limits[0].limit=1000000", "--relais.rate-limits[0].window=1m",
                "--relais.web.max-body-size=128MB", "--relais.shop.demo-catalog=never", "--relais.retail.demo-data=never", "--relais.production.demo-data=never",
                "--relais.knowledge.crawler.allow-private-networks=true", "--relais.knowledge.crawler.politeness=0ms");
        String port = app.getEnvironment().getProperty("local.server.port");
        baseUrl = "http://127.0.0.1:" + port;
        api = new Api(baseUrl, app.getBean(com.fasterxml.jackson.databind.ObjectMapper.class));
    }

    <T> T bean(Class<T> type) {
        return app.getBean(type);
    }

    int postgresPort() {
        return app.getBean(EmbeddedPostgresServer.class).port();
    }

    /** Runs pgbench against the embedded PostgreSQL; returns its output, or null when pgbench is not installed. */
    String pgbench(List<String> args) throws IOException, InterruptedException {
        String binary = System.getenv().getOrDefault("RELAIS_PGBENCH", "pgbench");
        List<String> command = new ArrayList<>(List.of(binary, "-h", "127.0.0.1", "-p", String.valueOf(postgresPort()),
                "-U", "postgres"));
        command.addAll(args);
        command.add("postgres");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(Map.of("PGPASSWORD", ""));
        Process p;
        try {
            p = pb.start();
        } catch (IOException notInstalled) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = r.readLine()) != null) out.append(line).append('\n');
        }
        return p.waitFor() == 0 ? out.toString() : null;
    }

    private boolean pgbenchTables;

    /** Creates pgbench's tables (scale 1) once per run, for the benchmarks that use its built-in transactions. */
    void pgbenchInitialised() throws IOException, InterruptedException {
        if (!pgbenchTables) pgbenchTables = pgbench(List.of("-i", "-s", "1", "-q")) != null;
    }

    static Double tps(String pgbenchOutput) {
        if (pgbenchOutput == null) return null;
        var m = java.util.regex.Pattern.compile("tps = ([0-9.]+)").matcher(pgbenchOutput);
        return m.find() ? Double.parseDouble(m.group(1)) : null;
    }

    @Override
    public void close() {
        app.close();
    }
}
