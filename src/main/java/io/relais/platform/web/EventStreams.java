package io.relais.platform.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The server-sent-event streams this node serves, by channel ("shop-alerts", "notifications:alice"...): open one,
 * send to a channel, a comment every 20 s that keeps proxies from closing the line, and every stream ended before the
 * web server's graceful shutdown (which would otherwise wait for them). Also the one Redis subscription container
 * the streams' publishers listen through.
 */
@Component
public class EventStreams implements SmartLifecycle {

    private final Map<String, List<SseEmitter>> channels = new ConcurrentHashMap<>();
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "event-streams-keep-alive");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running;

    EventStreams() {
        keepAlive.scheduleAtFixedRate(() -> channels.keySet().forEach(c -> send(c, SseEmitter.event().comment("keep-alive"))),
                20, 20, TimeUnit.SECONDS);
    }

    @Bean
    static RedisMessageListenerContainer redisMessageListenerContainer(RedisConnectionFactory redis) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        return container;
    }

    /** A new stream on {@code channel}; it leaves the channel when it completes, times out or fails. */
    public SseEmitter open(String channel, Duration lifetime) {
        SseEmitter emitter = new SseEmitter(lifetime.toMillis());
        List<SseEmitter> list = channels.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>());
        emitter.onCompletion(() -> list.remove(emitter));
        emitter.onTimeout(() -> list.remove(emitter));
        emitter.onError(e -> list.remove(emitter));
        list.add(emitter);
        return emitter;
    }

    /** Sends to every stream of the channel; a stream that cannot take it is closed. */
    public void send(String channel, SseEmitter.SseEventBuilder event) {
        List<SseEmitter> list = channels.get(channel);
        if (list == null) return;
        for (SseEmitter emitter : list) {
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException gone) {
                list.remove(emitter);
                emitter.completeWithError(gone);
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        keepAlive.shutdownNow();
        channels.values().forEach(list -> list.forEach(SseEmitter::complete));
        channels.clear();
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
