package io.relais.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs a pinned npm tool with {@code npx -y} (bpmnlint, Redocly): the ecosystem's own linters, not a re-implementation.
 * Required when {@code RELAIS_REQUIRE_BROWSER} is set (CI installs Node); otherwise a machine without npx skips.
 */
public final class Npx {

    public record Result(int exitCode, String output) {
    }

    private Npx() {
    }

    public static Result run(String packageAtVersion, String... args) throws Exception {
        requireNode();
        List<String> command = new ArrayList<>(List.of("npx", "-y", packageAtVersion));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("npx " + packageAtVersion + " finished").isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Skips the test on a machine without Node, unless CI requires it. */
    static void requireNode() {
        boolean installed = onPath("npx") && onPath("node") && onPath("npm");
        if (System.getenv("RELAIS_REQUIRE_BROWSER") == null) Assumptions.assumeTrue(installed, "Node.js (node, npm, npx) is not installed");
        assertThat(installed).as("node, npm and npx on the PATH (apt-get install nodejs npm)").isTrue();
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) return true;
        }
        return false;
    }
}
