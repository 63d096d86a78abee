package io.relais.platform.ops;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Database backups with {@code pg_dump} (custom format) into {@code relais.backups.dir}, each with a SHA-256 beside it
 * and a row in {@code platform.backups}; the retention keeps the last N daily backups and the last of each of M weeks,
 * deleting the rest's files. A failure, or a missing {@code pg_dump}, is a FAILED entry and an alert, never a silent
 * skip; the health says when {@code pg_dump} cannot be found. Restore: see the README ("Backups").
 */
@Component("backups")
public class Backups implements HealthIndicator, io.relais.platform.cluster.LeasedJob {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);

    private final JdbcClient jdbc;
    private final OpsAlerts alerts;
    private final Environment env;
    private final OpsSettings.Backups settings;
    private final OpsSettings.Disk disk;

    /** The lease kind of backups: a backup whose node died is ABANDONED and taken again once. */
    public static final String LEASE = "platform-backup";

    private final io.relais.platform.cluster.JobLeases leases;

    Backups(JdbcClient jdbc, OpsAlerts alerts, Environment env, OpsSettings.Backups settings, OpsSettings.Disk disk, MeterRegistry meters,
            io.relais.platform.cluster.JobLeases leases) {
        this.settings = settings;
        this.disk = disk;
        this.leases = leases;
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.env = env;
        Gauge.builder("relais.backups.last.success.age", this, b -> b.lastSuccessAgeSeconds()).baseUnit("seconds")
                .description("Seconds since the last successful backup (NaN: none yet)").register(meters);
    }

    /** {@code POST /api/admin/backups}, and the schedule. */
    public Map<String, Object> run(@VerifiedCaller Caller caller) {
        String actor = Caller.nameOf(caller);
        return runWith(settings.pgDump(), actor == null ? "schedule" : actor);
    }

    @Override
    public String kind() {
        return LEASE;
    }

    @Override
    public java.util.Optional<Runnable> abandoned(io.relais.platform.cluster.JobLeases.Lease lease, String reason, boolean retry) {
        jdbc.sql("update platform.backups set status = :status, error = :error, finished_at = now() where id = :id and status = 'RUNNING'")
                .param("status", retry ? "ABANDONED" : "FAILED").param("error", reason + (retry ? "; taken again" : "; not taken again"))
                .param("id", Long.parseLong(lease.jobId())).update();
        if (!retry) return java.util.Optional.empty();
        String trigger = String.valueOf(lease.input().get("trigger"));
        int attempt = lease.attempt() + 1;
        return java.util.Optional.of(() -> new Thread(() -> runWith(settings.pgDump(), trigger, attempt),
                "backup-retake").start());
    }

    Map<String, Object> runWith(String pgDump, String trigger) {
        return runWith(pgDump, trigger, 1);
    }

    private Map<String, Object> runWith(String pgDump, String trigger, int attempt) {
        long id = jdbc.sql("insert into platform.backups (trigger, status) values (:trigger, 'RUNNING') returning id").param("trigger", trigger)
                .query(Long.class).single();
        leases.take(LEASE, String.valueOf(id), attempt, Map.of("trigger", trigger));
        try {
            return backUp(id, pgDump);
        } finally {
            leases.release(LEASE, String.valueOf(id));
        }
    }

    private Map<String, Object> backUp(Long id, String pgDump) {
        long t0 = System.nanoTime();
        Path dir = Path.of(settings.dir());
        Path file = dir.resolve("relais-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + id + ".dump");
        try {
            Files.createDirectories(dir);
            Connection c = connection();
            List<String> command = List.of(pgDump, "--format=custom", "--no-owner", "--host", c.host, "--port", String.valueOf(c.port),
                    "--username", c.user, "--file", file.toString(), c.database);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("PGPASSWORD", c.password);
            Process p;
            try {
                p = pb.start();
            } catch (IOException notFound) {
                throw new IOException("pg_dump not found at '" + pgDump + "' (relais.backups.pg-dump; Debian: apt-get install postgresql-client)");
            }
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("pg_dump failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + "): " + output.strip());
            }
            String sha = sha256(file);
            Files.writeString(Path.of(file + ".sha256"), sha + "  " + file.getFileName() + "\n");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            jdbc.sql("update platform.backups set status = 'SUCCEEDED', file = :file, size_bytes = :size, sha256 = :sha, duration_ms = :ms, "
                            + "finished_at = now() where id = :id")
                    .param("file", file.toString()).param("size", Files.size(file)).param("sha", sha).param("ms", ms).param("id", id).update();
            alerts.clear("backup");
            log.info("Backup {}: {} ({} bytes, {} ms)", id, file, Files.size(file), ms);
            retain();
        } catch (Exception e) {
            jdbc.sql("update platform.backups set status = 'FAILED', error = :error, duration_ms = :ms, finished_at = now() where id = :id")
                    .param("error", e.getMessage()).param("ms", (System.nanoTime() - t0) / 1_000_000).param("id", id).update();
            alerts.raise("backup", "CRITICAL", "backup " + id + " failed: " + e.getMessage());
        }
        return jdbc.sql("select * from platform.backups where id = :id").param("id", id).query().singleRow();
    }

    public List<Map<String, Object>> list() {
        return jdbc.sql("select id, trigger, status, file, size_bytes, sha256, duration_ms, error, started_at, finished_at, purged_at "
                + "from platform.backups order by id desc limit 200").query().listOfRows();
    }

    /** Keeps the newest {@code keep-daily} successful backups and the newest of each of the last {@code keep-weekly} weeks. */
    public int retain() {
        return retain(settings.keepDaily(), settings.keepWeekly());
    }

    int retain(int daily, int weekly) {
        List<Map<String, Object>> done = jdbc.sql("select id, file, started_at from platform.backups where status = 'SUCCEEDED' order by started_at desc")
                .query().listOfRows();
        Set<Long> keep = new HashSet<>();
        Set<String> weeks = new HashSet<>();
        for (int i = 0; i < done.size(); i++) {
            Map<String, Object> b = done.get(i);
            if (i < daily) keep.add((Long) b.get("id"));
            LocalDateTime at = ((java.sql.Timestamp) b.get("started_at")).toLocalDateTime();
            String week = at.get(IsoFields.WEEK_BASED_YEAR) + "-" + at.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            if (weeks.size() < weekly && weeks.add(week)) keep.add((Long) b.get("id"));
        }
        List<Long> purged = new ArrayList<>();
        for (Map<String, Object> b : done) {
            Long id = (Long) b.get("id");
            if (keep.contains(id)) continue;
            try {
                Files.deleteIfExists(Path.of((String) b.get("file")));
                Files.deleteIfExists(Path.of(b.get("file") + ".sha256"));
            } catch (IOException e) {
                log.warn("Backup {}: file not deleted: {}", id, e.getMessage());
            }
            jdbc.sql("update platform.backups set status = 'PURGED', purged_at = now() where id = :id").param("id", id).update();
            purged.add(id);
        }
        if (!purged.isEmpty()) log.info("Backup retention ({} daily, {} weekly): purged {}", daily, weekly, purged);
        return purged.size();
    }

    /** The hourly check: the data disk above {@code relais.ops.disk-alert-percent} (85) is an alert, cleared below it. */
    public void checkDisk() {
        checkDiskAbove(disk.diskAlertPercent());
    }

    void checkDiskAbove(int limit) {
        try {
            Path data = Path.of(env.getProperty("relais.data-dir", "data"));
            Files.createDirectories(data);
            var store = Files.getFileStore(data);
            double used = 100.0 * (store.getTotalSpace() - store.getUsableSpace()) / store.getTotalSpace();
            if (used > limit) alerts.raise("disk", "CRITICAL", String.format("disk of %s %.1f %% full (alert above %d %%)", data, used, limit));
            else alerts.clear("disk");
        } catch (IOException e) {
            alerts.raise("disk", "WARNING", "disk usage unreadable: " + e.getMessage());
        }
    }

    /** The schedule's check: no successful backup in the last {@code relais.backups.max-age} is an alert. */
    public void checkFreshness() {
        Duration maxAge = settings.maxAge();
        double age = lastSuccessAgeSeconds();
        if (Double.isNaN(age) || age > maxAge.toSeconds()) {
            alerts.raise("backup-missing", "CRITICAL", "no successful backup in the last " + maxAge);
        } else {
            alerts.clear("backup-missing");
        }
    }

    double lastSuccessAgeSeconds() {
        try {
            return jdbc.sql("select extract(epoch from now() - max(finished_at)) from platform.backups where status = 'SUCCEEDED'")
                    .query(Double.class).optional().orElse(Double.NaN);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public Health health() {
        String pgDump = settings.pgDump();
        boolean found = pgDump.contains("/") ? Files.isExecutable(Path.of(pgDump))
                : java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, pgDump)));
        Health.Builder h = found ? Health.up() : Health.status("DEGRADED").withDetail("warning",
                "pg_dump not found ('" + pgDump + "'): backups will fail; install postgresql-client or set relais.backups.pg-dump");
        return h.withDetail("lastSuccessAgeSeconds", lastSuccessAgeSeconds()).build();
    }

    private record Connection(String host, int port, String database, String user, String password) {
    }

    private Connection connection() {
        String url = env.getRequiredProperty("spring.datasource.url");
        URI uri = URI.create(url.substring("jdbc:".length()));
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new Connection(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db,
                env.getProperty("spring.datasource.username", "postgres"), env.getProperty("spring.datasource.password", ""));
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) d.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
