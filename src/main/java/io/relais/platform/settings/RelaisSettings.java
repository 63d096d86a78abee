package io.relais.platform.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** The platform's settings ({@code relais.*} in config/application.yml). Domains keep their own records. */
@ConfigurationProperties("relais")
public record RelaisSettings(
        @DefaultValue("data") Path dataDir,
        @DefaultValue("inbox") Path inboxDir,
        @DefaultValue Admin admin,
        @DefaultValue Security security,
        @DefaultValue Web web,
        @DefaultValue("") List<RateLimit> rateLimits) {

    public record Admin(@DefaultValue("admin") String username, String password, String email) {
    }

    /**
     * Tokens and public writes; {@code scrapeToken}: a bearer token for Prometheus (actuator metrics and health
     * details without an admin account; empty: admins only).
     */
    public record Security(
            String jwtSecret,
            @DefaultValue("relais") String issuer,
            @DefaultValue("15m") Duration accessTokenTtl,
            @DefaultValue("14d") Duration refreshTokenTtl,
            @DefaultValue("") List<String> publicWrites,
            String scrapeToken) {
    }

    /**
     * Request body limits: {@code maxBodySize} for JSON and the rest; {@code maxUploadSize} for endpoints that take a
     * CSV file (catalog imports, ETL uploads), which stream their body, and for the {@code uploadPaths} (whole exports).
     * {@code maxStringLength}: the longest text any JSON field or query value may hold (characters), whatever the
     * endpoint; domains set tighter limits on their own fields.
     */
    public record Web(@DefaultValue("10MB") DataSize maxBodySize, @DefaultValue("1GB") DataSize maxUploadSize,
                      @DefaultValue("") List<String> corsOrigins, @DefaultValue("") List<String> uploadPaths,
                      @DefaultValue("100000") int maxStringLength) {
    }

    /**
     * A fixed-window limit on the requests matching any of {@code match} ("METHOD /path/**"), counted per
     * {@code key}: {@code ip} or {@code user} (the signed-in user, else the client address). With {@code failuresOnly},
     * only refused attempts count (wrong passwords at Camunda's doors), and callers over the limit get 429.
     */
    public record RateLimit(String name, List<String> match, int limit, Duration window, @DefaultValue("ip") String key,
                            @DefaultValue("false") boolean failuresOnly) {
    }
}
