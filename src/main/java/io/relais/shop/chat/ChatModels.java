package io.relais.shop.chat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.relais.shop.ShopSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The language model behind the chat, from {@code relais.shop.chat.*}: Ollama (e.g. {@code http://localhost:11434},
 * model {@code llama3.1}) or any OpenAI-compatible server. None by default: the rules serve the chat.
 */
@Configuration(proxyBeanMethods = false)
class ChatModels {

    static final String PROVIDER = "chatModelProvider";

    @Bean(PROVIDER)
    @ConditionalOnExpression("'${relais.shop.chat.provider:none}' != 'none'")
    ChatModel chatModelProvider(ShopSettings settings) {
        ShopSettings.Chat chat = settings.chat();
        return switch (chat.provider()) {
            case "ollama" -> OllamaChatModel.builder()
                    .baseUrl(chat.baseUrl().isBlank() ? "http://localhost:11434" : chat.baseUrl())
                    .modelName(chat.model().isBlank() ? "llama3.1" : chat.model())
                    .timeout(chat.timeout()).temperature(0.0).maxRetries(0).build();
            case "openai" -> OpenAiChatModel.builder()
                    .baseUrl(chat.baseUrl().isBlank() ? "https://api.openai.com/v1" : chat.baseUrl())
                    .apiKey(chat.apiKey().isBlank() ? null : chat.apiKey())
                    .modelName(chat.model()).timeout(chat.timeout()).temperature(0.0).maxRetries(0).build();
            default -> throw new IllegalStateException("relais.shop.chat.provider must be none, ollama or openai, not "
                    + chat.provider());
        };
    }
}
