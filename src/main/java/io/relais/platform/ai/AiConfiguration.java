package io.relais.platform.ai;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The chain every domain uses ({@code chatModel}): the providers a deployment adds as beans (first), then those of
 * {@code relais.ai.providers}, then, for one release, a provider still configured under the deprecated
 * {@code relais.shop.chat.*} keys.
 */
@Configuration(proxyBeanMethods = false)
class AiConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AiConfiguration.class);

    @Bean("chatModel")
    ChatModelChain chatModel(AiSettings settings, ObjectProvider<ModelProvider> added, Environment env) {
        List<ModelProvider> providers = new ArrayList<>(added.orderedStream().toList());
        providers.addAll(ModelProviders.from(settings, Clock.systemUTC()));
        AiSettings legacy = deprecatedShopChat(settings, env);
        if (legacy != null) providers.addAll(ModelProviders.from(legacy, Clock.systemUTC()));
        if (!providers.isEmpty()) {
            log.info("Language models, in order: {}", providers.stream().map(ModelProvider::name).toList());
        }
        return new ChatModelChain(providers, settings.maxModelCalls());
    }

    /** {@code relais.shop.chat.provider/base-url/model/api-key/timeout}: the keys before relais.ai (one more release). */
    private static AiSettings deprecatedShopChat(AiSettings settings, Environment env) {
        String type = env.getProperty("relais.shop.chat.provider", "none");
        if (type.isBlank() || type.equals("none")) return null;
        log.warn("relais.shop.chat.* is deprecated and will be removed: configure relais.ai.providers instead");
        var provider = new AiSettings.Provider("", type, env.getProperty("relais.shop.chat.base-url", ""),
                env.getProperty("relais.shop.chat.model", ""), env.getProperty("relais.shop.chat.api-key", ""),
                env.getProperty("relais.shop.chat.timeout", Duration.class, Duration.ofSeconds(20)));
        return new AiSettings(List.of(provider), settings.maxModelCalls(), settings.turnTimeout(), settings.probeTimeout(),
                settings.probeEvery(), settings.failuresToOpen(), settings.openFor());
    }
}
