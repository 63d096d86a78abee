package io.relais.shop.stock;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relais.platform.security.StreamEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/shop/alerts/stream}: low-stock alerts as server-sent events, for managers' dashboards. A new
 * subscriber first gets the open alerts ({@code event: open}), then every {@code raised} / {@code cleared} published
 * on the Redis channel by any node of the cluster, and a comment every 20 s that keeps proxies from closing the line.
 * Served by Spring MVC because Camel has no server-sent-events component; access is declared as a
 * {@link StreamEndpoint} so the same token and role checks apply.
 */
@RestController
public class AlertStream implements SmartLifecycle {

    static final String PATH = "/api/shop/alerts/stream";
    private static final Logger log = LoggerFactory.getLogger(AlertStream.class);
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private final LowStockAlerts alerts;
    private final ObjectMapper json;
    private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shop-alert-stream");
        t.setDaemon(true);
        return t;
    });

    AlertStream(LowStockAlerts alerts, ObjectMapper json) {
        this.alerts = alerts;
        this.json = json;
        keepAlive.scheduleAtFixedRate(() -> broadcast(SseEmitter.event().comment("keep-alive")), 20, 20, TimeUnit.SECONDS);
    }

    @Bean
    static StreamEndpoint shopAlertStreamEndpoint() {
        return new StreamEndpoint("GET", PATH, List.of("admin", "manager"));
    }

    @Bean
    RedisMessageListenerContainer shopAlertListener(RedisConnectionFactory redis) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.addMessageListener((Message message, byte[] pattern) -> relay(message.getBody()),
                new ChannelTopic(LowStockAlerts.CHANNEL));
        return container;
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter subscribe() throws IOException {
        SseEmitter emitter = new SseEmitter(LIFETIME.toMillis());
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(e -> subscribers.remove(emitter));
        emitter.send(SseEmitter.event().name("open").data(json.writeValueAsString(alerts.open()),
                MediaType.APPLICATION_JSON).reconnectTime(5_000));
        subscribers.add(emitter);
        return emitter;
    }

    int subscribers() {
        return subscribers.size();
    }

    private void relay(byte[] body) {
        try {
            JsonNode message = json.readTree(body);
            broadcast(SseEmitter.event().name(message.path("event").asText("alert"))
                    .id(message.path("alert").path("id").asText())
                    .data(json.writeValueAsString(message.path("alert")), MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            log.warn("Unreadable message on {}: {}", LowStockAlerts.CHANNEL, e.getMessage());
        }
    }

    private void broadcast(SseEmitter.SseEventBuilder event) {
        for (SseEmitter emitter : subscribers) {
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException gone) {
                subscribers.remove(emitter);
                emitter.completeWithError(gone);
            }
        }
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /** Ends every stream before the web server's graceful shutdown, which would otherwise wait for them. */
    @Override
    public void stop() {
        running = false;
        keepAlive.shutdownNow();
        subscribers.forEach(SseEmitter::complete);
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
