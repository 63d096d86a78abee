package io.relais.platform.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How nodes prove they are alive ({@code relais.cluster.*}): a heartbeat every {@code heartbeatInterval}; a node
 * silent for {@code nodeTimeout} is dead and its leased jobs are taken over; a job abandoned {@code maxAttempts}
 * times ends FAILED instead of being taken up again.
 */
@ConfigurationProperties("relais.cluster")
public record ClusterSettings(@DefaultValue("2s") Duration heartbeatInterval, @DefaultValue("15s") Duration nodeTimeout,
                              @DefaultValue("2") int maxAttempts) {
}
