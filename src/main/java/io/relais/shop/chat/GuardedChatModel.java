package io.relais.shop.chat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.relais.shop.ShopSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The model as the chat route sees it ({@code #shopChatModel}): the configured provider, with a cap on model calls per
 * message (the tools component loops for as long as the model asks for tools).
 */
@Component("shopChatModel")
public class GuardedChatModel implements ChatModel {

    private static final ThreadLocal<int[]> CALLS = ThreadLocal.withInitial(() -> new int[1]);

    private final ObjectProvider<ChatModel> provider;
    private final int maxCalls;

    GuardedChatModel(@Qualifier(ChatModels.PROVIDER) ObjectProvider<ChatModel> provider, ShopSettings settings) {
        this.provider = provider;
        this.maxCalls = settings.chat().maxModelCalls();
    }

    public boolean available() {
        return provider.getIfAvailable() != null;
    }

    /** A new message starts counting from zero (same thread as the route's model calls). */
    public static void newTurn() {
        CALLS.get()[0] = 0;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        ChatModel model = provider.getIfAvailable();
        if (model == null) throw new IllegalStateException("no chat model configured");
        if (++CALLS.get()[0] > maxCalls) {
            throw new IllegalStateException("the model asked for more than " + maxCalls + " calls for one message");
        }
        return model.chat(request);
    }
}
