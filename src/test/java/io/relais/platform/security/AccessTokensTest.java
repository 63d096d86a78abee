package io.relais.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class AccessTokensTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    private final Instant now = Instant.parse("2026-11-24T10:00:00Z");
    private final UserAccount farmer = new UserAccount(UUID.randomUUID(), "jeanne", null, null, Set.of("farmer"), true, now);

    private AccessTokens at(Instant instant) {
        return new AccessTokens(SECRET, "relais", Duration.ofMinutes(15), Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void a_token_carries_who_and_which_roles() {
        AccessTokens.Issued issued = at(now).issue(farmer);
        Caller caller = at(now.plusSeconds(60)).verify(issued.token());
        assertThat(caller.userId()).isEqualTo(farmer.id());
        assertThat(caller.username()).isEqualTo("jeanne");
        assertThat(caller.roles()).containsExactly("farmer");
        assertThat(caller.tokenId()).isEqualTo(issued.tokenId());
    }

    @Test
    void an_expired_token_is_refused() {
        String token = at(now).issue(farmer).token();
        assertThatThrownBy(() -> at(now.plus(Duration.ofMinutes(16))).verify(token))
                .isInstanceOf(AccessTokens.InvalidToken.class).hasMessage("token expired");
    }

    @Test
    void a_token_signed_with_another_secret_is_refused() {
        String token = new AccessTokens("another-secret-of-at-least-32-bytes!!", "relais", Duration.ofMinutes(15),
                Clock.fixed(now, ZoneOffset.UTC)).issue(farmer).token();
        assertThatThrownBy(() -> at(now).verify(token)).isInstanceOf(AccessTokens.InvalidToken.class);
    }

    @Test
    void garbage_is_refused_without_echoing_it() {
        assertThatThrownBy(() -> at(now).verify("not.a.jwt")).isInstanceOf(AccessTokens.InvalidToken.class)
                .hasMessage("malformed token");
    }

    @Test
    void a_short_secret_is_rejected_at_start() {
        assertThatThrownBy(() -> new AccessTokens("short", "relais", Duration.ofMinutes(1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
