package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The inbox convention, on the test feed inbox/test/echo (src/test/resources/test-routes). */
class InboxFeedTest extends AppTest {

    @Autowired
    JdbcTemplate jdbc;

    private final Path feed = inboxDir().resolve("test/echo");

    @Test
    void a_dropped_file_is_imported_moved_to_done_with_its_report_and_the_same_content_only_once() throws IOException {
        String content = "rose\n\ntulip\n" + unique("marker") + "\n";
        drop("first.txt", content);
        JsonNode report = awaitReport(".done", "first.txt");
        assertThat(report.get("status").asText()).isEqualTo("COMPLETED_WITH_REJECTIONS");
        assertThat(report.at("/counts/accepted").asLong()).isEqualTo(3);
        assertThat(report.at("/rejections/0/line").asLong()).isEqualTo(2);
        assertThat(report.at("/rejections/0/reason").asText()).isEqualTo("empty line");
        // the report is written while the file is processed; the file leaves the inbox once the import is confirmed
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(feed.resolve("first.txt")));

        drop("again-under-another-name.txt", content);
        JsonNode duplicate = awaitReport(".done", "again-under-another-name.txt");
        assertThat(duplicate.get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(jdbc.queryForList("select status from platform.inbox_files where file_name in (?, ?) order by id",
                String.class, "first.txt", "again-under-another-name.txt"))
                .containsExactly("COMPLETED_WITH_REJECTIONS", "DUPLICATE");
    }

    @Test
    void a_file_that_fails_is_kept_in_error_with_the_reason() throws IOException {
        drop("broken.txt", "ok line\nFAIL\n" + unique("x"));
        JsonNode report = awaitReport(".error", "broken.txt");
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("message").asText()).contains("line 2 asks to fail");
        // the report is written while the file is processed; the file moves to .error once the route is done
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Stream<Path> kept = Files.list(feed.resolve(".error"))) {
                return kept.map(p -> p.getFileName().toString()).anyMatch(n -> n.endsWith("-broken.txt"));
            }
        });
    }

    private void drop(String name, String content) throws IOException {
        Files.createDirectories(feed);
        Path temp = feed.getParent().resolve(name + ".part");
        Files.writeString(temp, content);
        Files.move(temp, feed.resolve(name));
    }

    private JsonNode awaitReport(String folder, String name) {
        Path dir = feed.resolve(folder);
        Path[] found = new Path[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            if (!Files.isDirectory(dir)) return false;
            try (Stream<Path> files = Files.list(dir)) {
                found[0] = files.filter(p -> p.getFileName().toString().endsWith("-" + name + ".report.json"))
                        .findFirst().orElse(null);
            }
            return found[0] != null;
        });
        try {
            return json.readTree(found[0].toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
