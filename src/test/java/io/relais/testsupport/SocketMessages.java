package io.relais.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A WebSocket client (the JDK's) that keeps every text message it receives, as JSON, for a test to read. */
public final class SocketMessages implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    public final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final WebSocket socket;

    public SocketMessages(String url) throws Exception {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                messages.add(JSON.readTree(partial.toString()));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(15, TimeUnit.SECONDS);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The events received on {@code topic}. */
    public List<JsonNode> events(String topic) {
        return messages.stream().filter(m -> m.path("type").asText().equals("event") && m.path("topic").asText().equals(topic)).toList();
    }

    public boolean ready() {
        return messages.stream().anyMatch(m -> m.path("type").asText().equals("ready"));
    }

    public long lastEventId() {
        return messages.stream().filter(m -> m.path("type").asText().equals("event")).mapToLong(m -> m.path("id").asLong()).max().orElse(0);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
