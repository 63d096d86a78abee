package io.relais.platform.ops;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operations' settings, each written once, in config/application.yml: backups ({@code relais.backups.*}), retention
 * ({@code relais.housekeeping.*}) and the disk watch ({@code relais.ops.*}).
 */
public final class OpsSettings {

    private OpsSettings() {
    }

    /** pg_dump's binary (at least the server's major version), where dumps go, what is kept, when a backup is missing. */
    @ConfigurationProperties("relais.backups")
    public record Backups(String cron, String pgDump, String dir, int keepDaily, int keepWeekly, Duration maxAge, String freshnessCron) {
    }

    /** How long processed files and audit entries are kept (the domains' rules read their own keys). */
    @ConfigurationProperties("relais.housekeeping")
    public record Housekeeping(String cron, int filesDays, int auditDays) {
    }

    /** The hourly disk watch: above {@code diskAlertPercent} the data disk is an alert. */
    @ConfigurationProperties("relais.ops")
    public record Disk(String diskWatchCron, int diskAlertPercent) {
    }
}
