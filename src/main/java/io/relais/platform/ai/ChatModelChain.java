package io.relais.platform.ai;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * The one language model the domains see ({@code #chatModel} in routes, this bean in Java): an ordered chain of
 * providers. Each call goes to the first provider that is up (its circuit closed, its probe answering); a provider
 * that fails is recorded and the next is tried. The turn (one user message, on one thread) remembers which provider
 * served and why the others did not, so the answer can say so; it is capped at {@code maxModelCalls} calls (a tool
 * loop never runs away).
 */
public class ChatModelChain implements ChatModel {

    /** What happened in this thread's turn: who served, and each provider skipped or failed with the reason. */
    public record Turn(String servedBy, List<String> notServed) {
    }

    private static final ThreadLocal<TurnState> TURN = ThreadLocal.withInitial(TurnState::new);

    private final List<ModelProvider> providers;
    private final int maxCalls;

    public ChatModelChain(List<ModelProvider> providers, int maxCalls) {
        this.providers = List.copyOf(providers);
        this.maxCalls = maxCalls;
    }

    /** Some provider is configured (whether it is up is known only by asking). */
    public boolean available() {
        return !providers.isEmpty();
    }

    public List<String> providerNames() {
        return providers.stream().map(ModelProvider::name).toList();
    }

    /** A new user message: the call count and the record of who served start again (same thread as the calls). */
    public static void newTurn() {
        TURN.set(new TurnState());
    }

    /** This thread's turn so far. */
    public static Turn turn() {
        TurnState state = TURN.get();
        return new Turn(state.servedBy, List.copyOf(state.notServed));
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        TurnState turn = TURN.get();
        if (++turn.calls > maxCalls) {
            throw new IllegalStateException("the model asked for more than " + maxCalls + " calls for one message");
        }
        List<String> reasons = new ArrayList<>();
        for (ModelProvider provider : providers) {
            String skipped = provider.unavailableBecause();
            if (skipped != null) {
                reasons.add(provider.name() + ": " + skipped);
                continue;
            }
            try {
                ChatResponse response = provider.model().chat(request);
                provider.breaker().succeeded();
                turn.servedBy = provider.name();
                addAll(turn.notServed, reasons);
                return response;
            } catch (RuntimeException e) {
                provider.breaker().failed();
                if (provider.probe() != null) provider.probe().forget();
                reasons.add(provider.name() + ": " + describe(e));
            }
        }
        addAll(turn.notServed, reasons);
        throw new NoModelAnswered(providers.isEmpty() ? List.of("no model configured (relais.ai.providers)") : reasons);
    }

    private static void addAll(List<String> into, List<String> reasons) {
        for (String r : reasons) if (!into.contains(r)) into.add(r);
    }

    private static String describe(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }

    /** Every provider was skipped or failed; the message lists why, provider by provider. */
    public static class NoModelAnswered extends IllegalStateException {
        public NoModelAnswered(List<String> reasons) {
            super("no model answered: " + String.join("; ", reasons));
        }
    }

    private static final class TurnState {
        int calls;
        String servedBy;
        final List<String> notServed = new ArrayList<>();
    }
}
