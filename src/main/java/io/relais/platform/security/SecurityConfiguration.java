package io.relais.platform.security;

import java.time.Clock;

import io.relais.platform.settings.RelaisSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.StringUtils;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    LocalSecrets localSecrets(RelaisSettings settings) {
        return new LocalSecrets(settings.dataDir());
    }

    @Bean
    AccessTokens accessTokens(RelaisSettings settings, LocalSecrets secrets, Clock clock) {
        String secret = settings.security().jwtSecret();
        if (!StringUtils.hasText(secret)) {
            secret = secrets.getOrCreate("jwt-secret", 48).value();
            log.info("Access tokens are signed with the generated development secret in {}", secrets.file());
        }
        return new AccessTokens(secret, settings.security().issuer(), settings.security().accessTokenTtl(), clock);
    }

    @Bean
    RefreshTokens refreshTokens(StringRedisTemplate redis, RelaisSettings settings) {
        return new RefreshTokens(redis, settings.security().refreshTokenTtl());
    }
}
