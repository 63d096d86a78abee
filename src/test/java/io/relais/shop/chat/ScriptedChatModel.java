package io.relais.shop.chat;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The chat model of the app tests: answers from a script, one step per model call; with nothing scripted it fails,
 * which is the fallback the rules path is tested through.
 */
@Component
@ConditionalOnProperty(name = "relais.test.scripted-chat-model", havingValue = "true")
public class ScriptedChatModel implements ChatModel {

    /** The chain's first provider in the app tests, named "scripted". */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "relais.test.scripted-chat-model", havingValue = "true")
    static class Registration {
        @org.springframework.context.annotation.Bean
        io.relais.platform.ai.ModelProvider scriptedProvider(ScriptedChatModel model) {
            return io.relais.platform.ai.ModelProvider.unguarded("scripted", model);
        }
    }

    private final ConcurrentLinkedDeque<Function<ChatRequest, ChatResponse>> script = new ConcurrentLinkedDeque<>();
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    public void then(Function<ChatRequest, ChatResponse> step) {
        script.add(step);
    }

    public void clear() {
        script.clear();
        requests.clear();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        Function<ChatRequest, ChatResponse> step = script.poll();
        if (step == null) throw new IllegalStateException("no scripted answer");
        return step.apply(request);
    }
}
