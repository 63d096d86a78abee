package io.relais.resources;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The resource app's settings ({@code relais.resources.*}, written once in config/application.yml). */
@ConfigurationProperties("relais.resources")
public record ResourcesSettings(boolean enabled, int autoApproveVotes, QueryBuilder queryBuilder) {

    /** The PostgREST-style query surface: at most {@code maxRows} per answer, each statement cut at {@code statementTimeout}. */
    public record QueryBuilder(int maxRows, java.time.Duration statementTimeout) {
    }
}
