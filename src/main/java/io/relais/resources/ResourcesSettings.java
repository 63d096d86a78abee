package io.relais.resources;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The resource app's settings ({@code relais.resources.*}, written once in config/application.yml). */
@ConfigurationProperties("relais.resources")
public record ResourcesSettings(boolean enabled, int autoApproveVotes) {
}
