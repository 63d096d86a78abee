package io.relais.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import io.relais.testsupport.ChildNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker build's training start: a real Relais JVM with {@code relais.exit-after-start=true} stops itself once
 * ready, as a normal stop does (exit code 0, no failed start), without anyone sending it a signal.
 */
class ExitAfterStartTest {

    @TempDir
    Path dir;

    @Test
    void a_start_told_to_exit_after_start_stops_itself_cleanly_once_ready() throws Exception {
        try (ChildNode.Servers servers = new ChildNode.Servers(dir)) {
            ChildNode node = ChildNode.launch("exit-after-start", dir, servers.jdbcUrl(), servers.redis.port(),
                    List.of("--relais.exit-after-start=true"));
            OptionalInt exit;
            try {
                exit = node.awaitExit(Duration.ofSeconds(180));
            } finally {
                node.kill(); // a node that did not stop by itself is not left running
            }
            String log = Files.readString(node.log());
            assertThat(exit).as("stopped by itself; log %s", node.log()).isPresent();
            assertThat(exit.getAsInt()).as("exit code").isZero();
            assertThat(log).contains("Relais is ready").contains("relais.exit-after-start: Relais started")
                    .doesNotContain("Application run failed");
        }
    }
}
