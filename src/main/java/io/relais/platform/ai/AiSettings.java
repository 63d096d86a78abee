package io.relais.platform.ai;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The language models Relais may ask ({@code relais.ai.*}), shared by the shop's chat, the retail agent and the
 * knowledge answers: an ordered chain of providers, each tried in turn; one that is down (its probe fails, or its
 * circuit is open after {@code failuresToOpen} failures in a row, for {@code openFor}) is skipped. After
 * {@code turnTimeout}, or {@code maxModelCalls} model calls for one message, the caller falls back to its rules.
 */
@ConfigurationProperties("relais.ai")
public record AiSettings(
        @DefaultValue List<Provider> providers,
        @DefaultValue("6") int maxModelCalls,
        @DefaultValue("20s") Duration turnTimeout,
        @DefaultValue("1s") Duration probeTimeout,
        @DefaultValue("5s") Duration probeEvery,
        @DefaultValue("3") int failuresToOpen,
        @DefaultValue("30s") Duration openFor) {

    /**
     * One model: {@code type} {@code ollama}, or an OpenAI-compatible API ({@code openai}, {@code groq},
     * {@code mistral}, {@code anthropic}: each with its public base URL unless {@code baseUrl} says otherwise), or
     * {@code none} (left out of the chain). {@code name} defaults to type:model.
     */
    public record Provider(
            @DefaultValue("") String name,
            @DefaultValue("none") String type,
            @DefaultValue("") String baseUrl,
            @DefaultValue("") String model,
            @DefaultValue("") String apiKey,
            @DefaultValue("20s") Duration timeout) {

        public String displayName() {
            return !name.isBlank() && !name.equals(type) ? name : type + (model.isBlank() ? "" : ":" + model);
        }
    }
}
