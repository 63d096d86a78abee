package io.relais.shop.stock;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relais.platform.security.StreamEndpoint;
import io.relais.platform.web.EventStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/shop/alerts/stream}: low-stock alerts as server-sent events, for managers' dashboards. A new
 * subscriber first gets the open alerts ({@code event: open}), then every {@code raised} / {@code cleared} published
 * on the Redis channel by any node of the cluster (the streams themselves: {@link EventStreams}).
 * Served by Spring MVC because Camel has no server-sent-events component; access is declared as a
 * {@link StreamEndpoint} so the same token and role checks apply.
 */
@RestController
public class AlertStream {

    static final String PATH = "/api/shop/alerts/stream";
    static final String CHANNEL = "shop-alerts";
    private static final Logger log = LoggerFactory.getLogger(AlertStream.class);
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private final LowStockAlerts alerts;
    private final ObjectMapper json;
    private final EventStreams streams;

    AlertStream(LowStockAlerts alerts, ObjectMapper json, EventStreams streams, RedisMessageListenerContainer redis) {
        this.alerts = alerts;
        this.json = json;
        this.streams = streams;
        redis.addMessageListener((Message message, byte[] pattern) -> relay(message.getBody()), new ChannelTopic(LowStockAlerts.CHANNEL));
    }

    @Bean
    static StreamEndpoint shopAlertStreamEndpoint() {
        return new StreamEndpoint("GET", PATH, List.of("admin", "manager"));
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter subscribe() throws IOException {
        SseEmitter emitter = streams.open(CHANNEL, LIFETIME);
        emitter.send(SseEmitter.event().name("open").data(json.writeValueAsString(alerts.open()),
                MediaType.APPLICATION_JSON).reconnectTime(5_000));
        return emitter;
    }

    private void relay(byte[] body) {
        try {
            JsonNode message = json.readTree(body);
            streams.send(CHANNEL, SseEmitter.event().name(message.path("event").asText("alert"))
                    .id(message.path("alert").path("id").asText())
                    .data(json.writeValueAsString(message.path("alert")), MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            log.warn("Unreadable message on {}: {}", LowStockAlerts.CHANNEL, e.getMessage());
        }
    }
}
