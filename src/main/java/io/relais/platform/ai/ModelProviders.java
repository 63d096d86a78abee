package io.relais.platform.ai;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/** Builds the chain's providers from {@link AiSettings}: the model client, its probe and its circuit. Plain Java. */
public final class ModelProviders {

    private ModelProviders() {
    }

    public static List<ModelProvider> from(AiSettings settings, Clock clock) {
        List<ModelProvider> out = new ArrayList<>();
        for (AiSettings.Provider p : settings.providers()) {
            String type = p.type().toLowerCase(Locale.ROOT).strip();
            if (type.isEmpty() || type.equals("none")) continue;
            String base = stripSlash(p.baseUrl().isBlank() ? defaultBaseUrl(type) : p.baseUrl());
            ChatModel model = type.equals("ollama")
                    ? OllamaChatModel.builder().baseUrl(base).modelName(p.model().isBlank() ? "llama3.1" : p.model())
                            .timeout(p.timeout()).temperature(0.0).maxRetries(0).build()
                    : OpenAiChatModel.builder().baseUrl(base).apiKey(p.apiKey().isBlank() ? "none" : p.apiKey())
                            .modelName(p.model()).timeout(p.timeout()).temperature(0.0).maxRetries(0).build();
            URI probe = URI.create(base + (type.equals("ollama") ? "/api/tags" : "/models"));
            out.add(new ModelProvider(p.displayName(), model,
                    new HealthProbe(probe, type.equals("ollama") ? null : p.apiKey(), settings.probeTimeout(), settings.probeEvery(), clock),
                    new CircuitBreaker(settings.failuresToOpen(), settings.openFor(), clock)));
        }
        return out;
    }

    static String defaultBaseUrl(String type) {
        return switch (type) {
            case "ollama" -> "http://localhost:11434";
            case "openai" -> "https://api.openai.com/v1";
            case "groq" -> "https://api.groq.com/openai/v1";
            case "mistral" -> "https://api.mistral.ai/v1";
            case "anthropic" -> "https://api.anthropic.com/v1";
            default -> throw new IllegalStateException("relais.ai.providers[].type must be none, ollama, openai, groq, mistral or "
                    + "anthropic, not " + type);
        };
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
