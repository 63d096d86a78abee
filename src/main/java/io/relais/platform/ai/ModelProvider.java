package io.relais.platform.ai;

import dev.langchain4j.model.chat.ChatModel;

/**
 * One link of the chain: a model, how to tell it is there (a probe; none for an in-process model) and its circuit.
 */
public record ModelProvider(String name, ChatModel model, HealthProbe probe, CircuitBreaker breaker) {

    /** A model that needs no probe (in-process, or a test's). */
    public static ModelProvider of(String name, ChatModel model) {
        return new ModelProvider(name, model, null, new CircuitBreaker(3, java.time.Duration.ofSeconds(30), java.time.Clock.systemUTC()));
    }

    /** A model whose circuit never opens: its failures are the caller's to handle (a scripted test model). */
    public static ModelProvider unguarded(String name, ChatModel model) {
        return new ModelProvider(name, model, null, new CircuitBreaker(Integer.MAX_VALUE, java.time.Duration.ZERO, java.time.Clock.systemUTC()));
    }

    /** Why it is skipped now (circuit open, probe failing), or null. */
    String unavailableBecause() {
        String open = breaker.openBecause();
        if (open != null) return open;
        return probe == null ? null : probe.downBecause();
    }
}
