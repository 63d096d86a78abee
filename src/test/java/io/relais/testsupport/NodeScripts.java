package io.relais.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node script of the test resources against the running app, with pinned npm packages installed once under
 * {@code target/node-scripts} (npm from the registry, as a user's project would get them). Like {@link Npx}:
 * required when {@code RELAIS_REQUIRE_BROWSER} is set (CI installs Node), otherwise skipped without Node.
 */
public final class NodeScripts {

    private static final Path HOME = Path.of("target", "node-scripts");

    private NodeScripts() {
    }

    /** Copies {@code resource} (a test resource path) beside its packages and runs it; answers its exit code and output. */
    public static Npx.Result run(String resource, Map<String, String> env, String... packagesAtVersion) throws Exception {
        Npx.requireNode();
        Files.createDirectories(HOME);
        Path manifest = HOME.resolve("package.json");
        if (!Files.exists(manifest)) Files.writeString(manifest, "{\"private\": true, \"type\": \"module\"}");
        List<String> missing = new ArrayList<>();
        for (String p : packagesAtVersion) {
            int at = p.lastIndexOf('@');
            Path installed = HOME.resolve("node_modules").resolve(p.substring(0, at)).resolve("package.json");
            if (!Files.exists(installed) || !Files.readString(installed).contains("\"version\": \"" + p.substring(at + 1) + "\"")) missing.add(p);
        }
        if (!missing.isEmpty()) {
            List<String> install = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--save-exact"));
            install.addAll(missing);
            Npx.Result done = exec(install, Map.of());
            assertThat(done.exitCode()).as("npm install " + missing + ":\n" + done.output()).isZero();
        }
        Path script = HOME.resolve(Path.of(resource).getFileName());
        try (var in = NodeScripts.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Files.write(script, in.readAllBytes());
        }
        return exec(List.of("node", script.getFileName().toString()), env);
    }

    private static Npx.Result exec(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", command) + " finished").isTrue();
        return new Npx.Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
