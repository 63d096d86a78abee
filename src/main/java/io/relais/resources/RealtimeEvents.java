package io.relais.resources;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relais.platform.data.Outbox;
import io.relais.platform.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The realtime channel's events: notifications, resource changes, view counters and suggestion votes. Each is a row of
 * {@code resources.realtime_events} written with its cause (the id orders them and lets a reconnecting client ask for
 * what it missed), then published through the outbox on the Redis channel {@code relais:resources:realtime} once that
 * committed, so every node hands it to its own connected sockets ({@link RealtimeSockets}).
 */
@Component
public class RealtimeEvents {

    static final String CHANNEL = "relais:resources:realtime";
    static final int REPLAY_LIMIT = 1000;
    private static final Logger log = LoggerFactory.getLogger(RealtimeEvents.class);

    /** One event; {@code userId} set: for that profile only; else {@code resourceId} set: for those who may see it. */
    record Event(long id, String topic, UUID userId, UUID resourceId, boolean open, JsonNode payload, Instant at) {
    }

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;
    private final RealtimeSockets sockets;

    RealtimeEvents(JdbcClient jdbc, Outbox outbox, ObjectMapper json, PlatformTransactionManager transactions, RealtimeSockets sockets,
                   RedisMessageListenerContainer listener) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
        this.transactions = new TransactionTemplate(transactions);
        this.sockets = sockets;
        listener.addMessageListener((message, pattern) -> received(message.getBody()), new ChannelTopic(CHANNEL));
    }

    /** For one profile (a notification). */
    void toProfile(UUID profile, String topic, Map<String, ?> payload) {
        raise(topic, profile, null, true, payload);
    }

    /** About a resource: delivered to those who may see it ({@code open}: it is public). */
    void aboutResource(UUID resource, boolean open, String topic, Map<String, ?> payload) {
        raise(topic, null, resource, open, payload);
    }

    /** For everyone signed in. */
    void toEveryone(String topic, Map<String, ?> payload) {
        raise(topic, null, null, true, payload);
    }

    private void raise(String topic, UUID profile, UUID resource, boolean open, Map<String, ?> payload) {
        String body = write(payload);
        // the event and its publication commit together (V25's raise_realtime), with the caller's transaction when there is one
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select resources.raise_realtime(:topic, cast(:user as uuid), cast(:resource as uuid), :open, cast(:payload as jsonb))")
                    .param("topic", topic).param("user", profile).param("resource", resource).param("open", open).param("payload", body)
                    .query().singleRow();
            outbox.written();
        });
    }

    /** What {@code caller} may receive after event {@code since}, oldest first (at most {@link #REPLAY_LIMIT}). */
    List<Event> since(long since, UUID profile, Caller caller) {
        return jdbc.sql("""
                        select e.id, e.topic, e.user_id, e.resource_id, coalesce(r.visibility = 'public', true) as open,
                               e.payload::text as payload, e.created_at
                          from resources.realtime_events e left join resources.resources r on r.id = e.resource_id
                         where e.id > :since
                           and (e.user_id = :me
                                or e.user_id is null and (e.resource_id is null or r.visibility = 'public' or r.user_id = :me or :staff
                                    or exists (select 1 from resources.resource_shares s where s.resource_id = e.resource_id
                                                and (s.shared_with = :me or s.group_id in (select m.group_id from resources.group_members m
                                                                                            where m.user_id = :me)))))
                         order by e.id limit :limit""")
                .param("since", since).param("me", profile).param("staff", caller.isStaff()).param("limit", REPLAY_LIMIT)
                .query((rs, i) -> new Event(rs.getLong("id"), rs.getString("topic"), rs.getObject("user_id", UUID.class),
                        rs.getObject("resource_id", UUID.class), rs.getBoolean("open"), read(rs.getString("payload")),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** The newest event id (a client that connects without {@code since} starts from here). */
    long latest() {
        return jdbc.sql("select coalesce(max(id), 0) from resources.realtime_events").query(Long.class).single();
    }

    /** The hourly route: events older than a week are no longer replayed. */
    public int prune() {
        return jdbc.sql("delete from resources.realtime_events where created_at < now() - interval '7 days'").update();
    }

    private void received(byte[] body) {
        try {
            JsonNode n = json.readTree(body);
            sockets.deliver(new Event(n.path("id").asLong(), n.path("topic").asText(), uuid(n.path("userId")), uuid(n.path("resourceId")),
                    n.path("open").asBoolean(), n.path("payload"), Instant.parse(n.path("at").asText())));
        } catch (IOException | RuntimeException e) {
            log.warn("Unreadable realtime event: {}", e.getMessage());
        }
    }

    private static UUID uuid(JsonNode node) {
        return node.isTextual() ? UUID.fromString(node.asText()) : null;
    }

    private String write(Map<String, ?> payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode read(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
