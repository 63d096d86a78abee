package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;

/**
 * The README's examples run: every {@code ```bash} block, in the README's order, in one bash session against this
 * running Relais (localhost:8080 becomes its port; {@code data/secrets.properties} holds its admin password), with
 * curl failing on any HTTP error. {@code ```sh} blocks are for commands that start things (Maven, ollama, restores).
 */
class ReadmeExamplesTest extends AppTest {

    @Test
    void every_bash_example_of_the_readme_runs() throws Exception {
        List<String> blocks = bashBlocks(Files.readAllLines(Path.of("README.md")));
        assertThat(blocks).as("bash examples in the README").hasSizeGreaterThanOrEqualTo(8);
        StringBuilder script = new StringBuilder("""
                set -euo pipefail
                curl() { command curl --fail-with-body --show-error --max-time 120 "$@"; echo; }
                """);
        for (int i = 0; i < blocks.size(); i++) {
            script.append("echo '### README example ").append(i + 1).append("'\n")
                    .append(blocks.get(i).replace("localhost:8080", "localhost:" + port)).append('\n');
        }
        Path home = Files.createTempDirectory("readme");
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/secrets.properties"), "admin-password=" + ADMIN_PASSWORD + "\n");
        Process bash = new ProcessBuilder("bash", "-c", script.toString()).directory(home.toFile()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(5, TimeUnit.MINUTES)).isTrue();
        Files.writeString(Path.of("target", "readme-examples.log"), script + "\n----- output -----\n" + output);
        assertThat(bash.exitValue()).as("the README's examples (target/readme-examples.log):\n" + output).isZero();
        assertThat(output).contains("### README example " + blocks.size())
                .contains("\"status\":\"CONFIRMED\"")                    // the order from the imported catalog
                .contains("Rosier grimpant Pierre de Ronsard")            // found by the search
                .contains("resource_comments")                           // the migration receipt
                .contains("pg_restore");                                  // the restore commands filled in
    }

    private static List<String> bashBlocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : lines) {
            if (block == null && line.equals("```bash")) {
                block = new StringBuilder();
            } else if (block != null && line.equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
