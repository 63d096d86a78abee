package io.relais.platform.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Retention, run daily ({@code relais.housekeeping.*}): processed files in {@code inbox/**}/.done and .error older than
 * {@code files-days} and audit entries older than {@code audit-days}, then every domain's {@link RetentionRule} (retail
 * ETL runs, production measurement partitions...). Camunda's history is cleaned by Camunda itself in its batch window.
 * Each run is logged and written to the audit log with what it removed.
 */
@Component("housekeeping")
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final JdbcClient jdbc;
    private final Environment env;
    private final ObjectMapper json;
    private final List<RetentionRule> rules;
    private final OpsSettings.Housekeeping settings;

    Housekeeping(JdbcClient jdbc, Environment env, ObjectMapper json, List<RetentionRule> rules, OpsSettings.Housekeeping settings) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.env = env;
        this.json = json;
        this.rules = rules;
    }

    public Map<String, Object> run() throws IOException {
        Map<String, Object> removed = new LinkedHashMap<>();
        removed.put("files", processedFiles(Path.of(env.getProperty("relais.inbox-dir", "inbox")),
                Duration.ofDays(settings.filesDays())));
        for (RetentionRule rule : rules) removed.put(rule.name(), rule.apply());
        removed.put("audit_entries", jdbc.sql("delete from platform.audit_log where at < now() - make_interval(days => :days)")
                .param("days", settings.auditDays()).update());
        log.info("Housekeeping removed {}", removed);
        jdbc.sql("insert into platform.audit_log (actor, action, outcome, details) values ('schedule', 'housekeeping', 'done', cast(:details as jsonb))")
                .param("details", json.writeValueAsString(removed)).update();
        return removed;
    }

    /** Files under **}/.done and **}/.error older than the age; answers their paths. */
    static List<String> processedFiles(Path inbox, Duration age) throws IOException {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(inbox)) return removed;
        FileTime limit = FileTime.from(Instant.now().minus(age));
        try (Stream<Path> all = Files.walk(inbox)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String parent = p.getParent().getFileName().toString();
                if ((parent.equals(".done") || parent.equals(".error")) && Files.getLastModifiedTime(p).compareTo(limit) < 0) {
                    Files.delete(p);
                    removed.add(inbox.relativize(p).toString());
                }
            }
        }
        return removed;
    }
}
