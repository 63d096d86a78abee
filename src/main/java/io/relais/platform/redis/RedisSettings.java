package io.relais.platform.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redis away ({@code relais.redis.*}): after a failure, calls fail at once while a probe pings Redis every
 * {@code probeInterval}; on the embedded default, a Redis server still down after {@code restartEmbeddedAfter} is
 * started again by Relais.
 */
@ConfigurationProperties("relais.redis")
public record RedisSettings(@DefaultValue("500ms") Duration probeInterval, @DefaultValue("3s") Duration restartEmbeddedAfter) {
}
