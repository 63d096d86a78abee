package io.relais.resources;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relais.platform.security.Caller;
import io.relais.platform.security.CallerHeaders;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.security.StreamEndpoint;
import io.relais.platform.web.ApiProblem;
import io.relais.platform.web.EventStreams;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Notifications: stored in PostgreSQL (an offline client reads them later: {@code GET /api/notifications}), published
 * on the Redis channel {@code relais:resources:notifications} after the write, and pushed by every node to its own
 * connected clients over server-sent events ({@code GET /api/notifications/stream}), so a client connected to any
 * node hears a notification raised on any other.
 */
@RestController
public class Notifications {

    static final String CHANNEL = "relais:resources:notifications";
    static final String STREAM = "/api/notifications/stream";
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final JdbcClient jdbc;
    private final io.relais.platform.data.Outbox outbox;
    private final ObjectMapper json;
    private final Profiles profiles;
    private final EventStreams streams;

    Notifications(JdbcClient jdbc, io.relais.platform.data.Outbox outbox, ObjectMapper json, Profiles profiles, EventStreams streams,
                  RedisMessageListenerContainer listener) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
        this.profiles = profiles;
        this.streams = streams;
        listener.addMessageListener((message, pattern) -> deliver(message.getBody()), new ChannelTopic(CHANNEL));
    }

    @Bean
    static StreamEndpoint resourcesNotificationStream() {
        return new StreamEndpoint("GET", STREAM, List.of());
    }

    /** Stores a notification for a profile and announces it to every node. */
    public UUID notify(UUID profile, String type, String title, String message) {
        // stored, and published on this channel and the realtime one through the outbox, in one statement (V25)
        UUID id = jdbc.sql("select resources.notify_profile(:user, :type, :title, :message)").param("user", profile).param("type", type)
                .param("title", title).param("message", message).query(UUID.class).single();
        outbox.written();
        return id;
    }

    public List<ResourceViews.Notification> list(@VerifiedCaller Caller caller, @Header("unread") String unread) {
        UUID me = profiles.of(caller);
        return jdbc.sql("select id, type, title, message, read, created_at from resources.notifications where user_id = :user "
                        + "and (not :unreadOnly or not read) order by created_at desc limit 200")
                .param("user", me).param("unreadOnly", Boolean.parseBoolean(unread)).query(ResourceViews.Notification.ROWS).list();
    }

    public ResourceViews.NotificationRead read(@Header("id") String id, @VerifiedCaller Caller caller) {
        UUID me = profiles.of(caller);
        UUID nid;
        try {
            nid = UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiProblem.notFound("no notification " + id);
        }
        int n = jdbc.sql("update resources.notifications set read = true where id = :id and user_id = :user").param("id", nid)
                .param("user", me).update();
        if (n == 0) throw ApiProblem.notFound("no notification " + id);
        return new ResourceViews.NotificationRead(nid, true);
    }

    public ResourceViews.NotificationsRead readAll(@VerifiedCaller Caller caller) {
        UUID me = profiles.of(caller);
        return new ResourceViews.NotificationsRead(jdbc.sql("update resources.notifications set read = true where user_id = :user and not read")
                .param("user", me).update());
    }

    @GetMapping(path = STREAM, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@RequestHeader(CallerHeaders.USERNAME) String caller) throws IOException {
        SseEmitter emitter = streams.open("notifications:" + caller, java.time.Duration.ofMinutes(30));
        emitter.send(SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON));
        return emitter;
    }

    private void deliver(byte[] body) {
        try {
            JsonNode n = json.readTree(body);
            streams.send("notifications:" + n.path("username").asText(),
                    SseEmitter.event().name("notification").id(n.path("id").asText()).data(n.toString(), MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            log.warn("Unreadable notification message: {}", e.getMessage());
        }
    }
}
