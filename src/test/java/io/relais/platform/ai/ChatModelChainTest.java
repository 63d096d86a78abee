package io.relais.platform.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

/**
 * The chain of language models: the first provider that is up answers; one whose probe fails is skipped within the
 * probe timeout, one that fails is recorded and the next tried, one that keeps failing has its circuit opened; the
 * turn says who served and why the others did not. Real HTTP: an Ollama-speaking server on a local port, and a
 * port where nothing listens.
 */
class ChatModelChainTest {

    private static final ChatRequest HELLO = ChatRequest.builder().messages(UserMessage.from("bonjour")).build();

    @Test
    void a_dead_ollama_is_skipped_by_its_probe_and_the_next_provider_answers_over_http() throws Exception {
        HttpServer ollama = fakeOllama("Bonjour ! Que puis-je pour vous ?");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try {
            AiSettings settings = new AiSettings(List.of(
                    new AiSettings.Provider("local", "ollama", "http://127.0.0.1:" + closed, "llama3.1", "", Duration.ofSeconds(5)),
                    new AiSettings.Provider("", "ollama", "http://127.0.0.1:" + ollama.getAddress().getPort(), "qwen2.5", "", Duration.ofSeconds(5)),
                    new AiSettings.Provider("", "none", "", "", "", Duration.ofSeconds(5))),
                    6, Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofSeconds(5), 3, Duration.ofSeconds(30));
            List<ModelProvider> providers = ModelProviders.from(settings, Clock.systemUTC());
            assertThat(providers).extracting(ModelProvider::name).containsExactly("local", "ollama:qwen2.5");
            ChatModelChain chain = new ChatModelChain(providers, 6);

            ChatModelChain.newTurn();
            long t0 = System.nanoTime();
            String text = chain.chat(HELLO).aiMessage().text();
            long ms = (System.nanoTime() - t0) / 1_000_000;

            assertThat(text).isEqualTo("Bonjour ! Que puis-je pour vous ?");
            ChatModelChain.Turn turn = ChatModelChain.turn();
            assertThat(turn.servedBy()).isEqualTo("ollama:qwen2.5");
            assertThat(turn.notServed()).singleElement().asString().startsWith("local: probe http://127.0.0.1:" + closed + "/api/tags");
            assertThat(ms).as("the dead provider costs at most its probe").isLessThan(3000);
        } finally {
            ollama.stop(0);
        }
    }

    @Test
    void a_failing_provider_is_recorded_then_its_circuit_opens_and_the_turn_is_capped() {
        MutableClock clock = new MutableClock();
        AtomicInteger flakyCalls = new AtomicInteger();
        ChatModel flaky = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                flakyCalls.incrementAndGet();
                throw new IllegalStateException("HTTP 503 from groq");
            }
        };
        ChatModel rules = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return ChatResponse.builder().aiMessage(AiMessage.from("fallback")).build();
            }
        };
        ChatModelChain chain = new ChatModelChain(List.of(
                new ModelProvider("groq", flaky, null, new CircuitBreaker(2, Duration.ofSeconds(30), clock)),
                new ModelProvider("mistral", rules, null, new CircuitBreaker(2, Duration.ofSeconds(30), clock))), 3);

        ChatModelChain.newTurn();
        assertThat(chain.chat(HELLO).aiMessage().text()).isEqualTo("fallback");
        assertThat(ChatModelChain.turn().notServed()).containsExactly("groq: HTTP 503 from groq");
        assertThat(ChatModelChain.turn().servedBy()).isEqualTo("mistral");

        ChatModelChain.newTurn();
        chain.chat(HELLO); // second failure in a row: the circuit opens
        ChatModelChain.newTurn();
        chain.chat(HELLO);
        assertThat(flakyCalls).as("open: not called again").hasValue(2);
        assertThat(ChatModelChain.turn().notServed().get(0)).startsWith("groq: circuit open after 2 failures");

        clock.now = clock.now.plusSeconds(31); // half-open: one trial
        ChatModelChain.newTurn();
        chain.chat(HELLO);
        assertThat(flakyCalls).hasValue(3);

        ChatModelChain.newTurn();
        chain.chat(HELLO);
        chain.chat(HELLO);
        chain.chat(HELLO);
        assertThatThrownBy(() -> chain.chat(HELLO)).hasMessageContaining("more than 3 calls");
    }

    @Test
    void when_no_provider_answers_the_error_lists_each_reason() {
        ChatModel down = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                throw new RuntimeException("connection refused");
            }
        };
        ChatModelChain chain = new ChatModelChain(List.of(ModelProvider.of("a", down), ModelProvider.of("b", down)), 6);
        ChatModelChain.newTurn();
        assertThatThrownBy(() -> chain.chat(HELLO)).isInstanceOf(ChatModelChain.NoModelAnswered.class)
                .hasMessage("no model answered: a: connection refused; b: connection refused");
        assertThat(new ChatModelChain(List.of(), 6).available()).isFalse();
    }

    /** Enough of Ollama's API: GET /api/tags, POST /api/chat (non-streaming). */
    private static HttpServer fakeOllama(String reply) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/tags", exchange -> respond(exchange, "{\"models\":[{\"name\":\"qwen2.5\"}]}"));
        server.createContext("/api/chat", exchange -> {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, "{\"model\":\"qwen2.5\",\"created_at\":\"2026-12-02T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\""
                    + reply + "\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":5,\"eval_count\":7}");
        });
        server.start();
        return server;
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-02T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
