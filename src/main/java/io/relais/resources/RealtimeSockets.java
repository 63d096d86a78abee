package io.relais.resources;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.relais.platform.security.Caller;
import io.relais.platform.security.CallerBinding;
import io.relais.platform.security.StreamEndpoint;
import io.relais.platform.web.BrowserOrigins;
import io.relais.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The realtime channel, {@code GET /api/realtime} (a WebSocket; the token as {@code ?access_token=} or the
 * {@code Authorization} header, checked by the access gate before the upgrade). A client receives
 * {@code {"type":"event","id":..,"topic":..,"payload":{..},"at":..}} for the events it may see, raised on any node;
 * with {@code ?since=<last id seen>} (or a {@code {"type":"resume","since":..}} message) it first gets what it missed,
 * from PostgreSQL, in order. Each event reaches a socket once (by id). A socket lives {@link #MAX_AGE} at most (the
 * token's rights are read at connection): the client reconnects with a fresh token and its last id.
 */
@Component
public class RealtimeSockets extends TextWebSocketHandler {

    static final String PATH = "/api/realtime";
    static final Duration MAX_AGE = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(RealtimeSockets.class);

    /** One connected socket and what it was already sent. */
    private record Subscriber(WebSocketSession session, Caller caller, UUID profile, Instant opened, Set<Long> sent) {
    }

    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final Profiles profiles;
    private final ResourceAccess access;
    private final ObjectProvider<RealtimeEvents> events;

    RealtimeSockets(ObjectMapper json, Profiles profiles, ResourceAccess access, ObjectProvider<RealtimeEvents> events) {
        this.json = json;
        this.profiles = profiles;
        this.access = access;
        this.events = events;
    }

    /** Serves the sockets on {@link #PATH}, for the origins CORS allows; the gate checks the token as for a stream. */
    @Configuration
    @EnableWebSocket
    static class Registration implements WebSocketConfigurer {

        private final RealtimeSockets sockets;
        private final BrowserOrigins origins;

        Registration(RealtimeSockets sockets, BrowserOrigins origins) {
            this.sockets = sockets;
            this.origins = origins;
        }

        @Bean
        static StreamEndpoint resourcesRealtimeEndpoint() {
            return new StreamEndpoint("GET", PATH, List.of());
        }

        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            registry.addHandler(sockets, PATH).addInterceptors(new CallerHandshake()).setAllowedOriginPatterns(origins.asArray());
        }
    }

    /** Carries the caller the gate verified (and {@code since}) from the upgrade request to the socket. */
    static final class CallerHandshake implements HandshakeInterceptor {
        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Map<String, Object> attributes) {
            Caller caller = CallerBinding.of(request.getHeaders()::getFirst);
            if (caller == null) return false;
            attributes.put("caller", caller);
            String since = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("since");
            if (since != null) attributes.put("since", since);
            return true;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) throws IOException {
        Caller caller = (Caller) raw.getAttributes().get("caller");
        WebSocketSession session = new ConcurrentWebSocketSessionDecorator(raw, 10_000, 1024 * 1024);
        Subscriber subscriber = new Subscriber(session, caller, profiles.of(caller), Instant.now(),
                Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, false) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                        return size() > 4096;
                    }
                })));
        // listening first, then the replay: an event raised meanwhile arrives by one way or the other, and once
        subscribers.put(raw.getId(), subscriber);
        Object since = raw.getAttributes().get("since");
        long last = since == null ? events.getObject().latest() : replay(subscriber, since.toString());
        send(subscriber, json.createObjectNode().put("type", "ready").put("last_id", last));
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) throws IOException {
        Subscriber subscriber = subscribers.get(raw.getId());
        if (subscriber == null) return;
        if (expired(subscriber)) return;
        JsonNode m;
        try {
            m = json.readTree(message.getPayload());
        } catch (IOException e) {
            send(subscriber, json.createObjectNode().put("type", "error").put("detail", "messages are JSON objects"));
            return;
        }
        switch (m.path("type").asText()) {
            case "ping" -> send(subscriber, json.createObjectNode().put("type", "pong"));
            case "resume" -> send(subscriber, json.createObjectNode().put("type", "ready").put("last_id", replay(subscriber, m.path("since").asText())));
            default -> send(subscriber, json.createObjectNode().put("type", "error").put("detail", "types: ping, resume {since}"));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        subscribers.remove(session.getId());
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        subscribers.remove(session.getId());
    }

    /** From the Redis channel: to every socket of this node that may see it. */
    void deliver(RealtimeEvents.Event event) {
        for (Subscriber s : subscribers.values()) {
            if (!expired(s) && mayReceive(s, event)) sendEvent(s, event);
        }
    }

    /** A socket past {@link #MAX_AGE} is closed (code 4001): its rights were read when it opened. */
    private boolean expired(Subscriber s) {
        if (!Instant.now().isAfter(s.opened().plus(MAX_AGE))) return false;
        close(s, new CloseStatus(4001, "sign in again and reconnect with since"));
        return true;
    }

    int connected() {
        return subscribers.size();
    }

    private long replay(Subscriber s, String since) {
        long from;
        try {
            from = Long.parseLong(since.strip());
        } catch (NumberFormatException e) {
            send(s, json.createObjectNode().put("type", "error").put("detail", "since must be an event id"));
            return 0;
        }
        long last = from;
        for (RealtimeEvents.Event e : events.getObject().since(from, s.profile(), s.caller())) {
            sendEvent(s, e);
            last = e.id();
        }
        return last;
    }

    private boolean mayReceive(Subscriber s, RealtimeEvents.Event e) {
        if (e.userId() != null) return e.userId().equals(s.profile());
        if (e.resourceId() == null || e.open()) return true;
        try {
            access.visible(e.resourceId(), s.caller());
            return true;
        } catch (ApiProblem notVisible) {
            return false;
        }
    }

    private void sendEvent(Subscriber s, RealtimeEvents.Event e) {
        if (!s.sent().add(e.id())) return;
        ObjectNode m = json.createObjectNode().put("type", "event").put("id", e.id()).put("topic", e.topic());
        m.set("payload", e.payload());
        m.put("at", e.at().toString());
        send(s, m);
    }

    private void send(Subscriber s, ObjectNode message) {
        try {
            s.session().sendMessage(new TextMessage(message.toString()));
        } catch (IOException | IllegalStateException e) {
            log.debug("Realtime socket {} gone: {}", s.session().getId(), e.getMessage());
            subscribers.remove(s.session().getId());
        }
    }

    private void close(Subscriber s, CloseStatus status) {
        subscribers.remove(s.session().getId());
        try {
            s.session().close(status);
        } catch (IOException e) {
            log.debug("Realtime socket {} already closed", s.session().getId());
        }
    }
}
