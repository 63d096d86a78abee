package io.relais.shop.chat;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Chat sessions in Redis ({@code relais:chat:session:<id>}, 30 minutes after the last message). A session belongs to
 * the caller who opened it; another caller naming it gets a fresh one. Without Redis a conversation has no memory:
 * each message stands alone (and an order cannot be confirmed), but the chat still answers.
 */
@Component
public class ChatSessions {

    private static final Logger log = LoggerFactory.getLogger(ChatSessions.class);
    private static final String KEY = "relais:chat:session:";
    private static final Duration TTL = Duration.ofMinutes(30);

    private final StringRedisTemplate redis;
    private final ObjectMapper json;

    ChatSessions(StringRedisTemplate redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public ChatSession open(String id, String customer) {
        if (id != null && !id.isBlank() && id.length() <= 64) {
            try {
                String stored = redis.opsForValue().get(KEY + id);
                if (stored != null) {
                    ChatSession session = json.readValue(stored, ChatSession.class);
                    if (java.util.Objects.equals(session.customer, customer)) return session;
                }
            } catch (DataAccessException | java.io.IOException e) {
                log.warn("Chat session {} unavailable ({}); answering without memory", id, e.getMessage());
            }
        }
        ChatSession fresh = new ChatSession();
        fresh.id = UUID.randomUUID().toString();
        fresh.customer = customer;
        return fresh;
    }

    public void save(ChatSession session) {
        try {
            redis.opsForValue().set(KEY + session.id, json.writeValueAsString(session), TTL);
        } catch (DataAccessException | java.io.IOException e) {
            log.warn("Chat session {} not saved: {}", session.id, e.getMessage());
        }
    }
}
