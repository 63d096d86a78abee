package io.relais.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.relais.platform.web.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.validation.annotation.Validated;

/** Sign-up, sign-in, refresh, sign-out and session: what routes/platform/auth-api.camel.yaml calls. */
@Service("authService")
@Validated
public class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    private final UserAccounts users;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final Clock clock;
    private final Revocations revocations;
    private final Duration refreshTtl;
    private final Duration accessTtl;

    AuthService(UserAccounts users, AccessTokens accessTokens, RefreshTokens refreshTokens, Clock clock,
                Revocations revocations, io.relais.platform.settings.RelaisSettings settings) {
        this.revocations = revocations;
        this.refreshTtl = settings.security().refreshTokenTtl();
        this.accessTtl = settings.security().accessTokenTtl();
        this.users = users;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    /** What sign-in, sign-up and refresh answer. */
    public record Tokens(@JsonProperty("access_token") String accessToken,
                         @JsonProperty("refresh_token") String refreshToken,
                         @JsonProperty("token_type") String tokenType,
                         @JsonProperty("expires_in") long expiresIn,
                         UserView user) {
    }

    public record UserView(UUID id, String username, String email, @JsonProperty("display_name") String displayName,
                           Set<String> roles) {
        static UserView of(UserAccount a) {
            return new UserView(a.id(), a.username(), a.email(), a.displayName(), a.roles());
        }
    }

    public record Session(UserView user, @JsonProperty("expires_at") Instant expiresAt) {
    }

    public Tokens signup(@NotNull @Valid AuthRequests.Signup request, @Header("User-Agent") String device) {
        PasswordPolicy.check(request.username(), request.password());
        UserAccount account = users.create(request.username(), request.email(), request.password(),
                request.displayName(), EnumSet.of(Role.CUSTOMER));
        log.info("User '{}' signed up", account.username());
        return tokensFor(account, device);
    }

    public Tokens signin(@NotNull @Valid AuthRequests.Signin request, @Header("User-Agent") String device) {
        UserAccount account = users.authenticate(request.username(), request.password())
                .orElseThrow(() -> ApiProblem.unauthorized("unknown user or wrong password"));
        return tokensFor(account, device);
    }

    public Tokens refresh(@NotNull @Valid AuthRequests.Refresh request) {
        RefreshTokens.Rotated rotated;
        try {
            rotated = refreshTokens.rotate(request.refreshToken())
                    .orElseThrow(() -> ApiProblem.unauthorized("refresh token is invalid, expired or revoked"));
        } catch (DataAccessException redisDown) {
            throw ApiProblem.unavailable("the session store is unavailable; sign in again later");
        }
        UserAccount account = users.findById(rotated.userId()).filter(UserAccount::enabled)
                .orElseThrow(() -> ApiProblem.unauthorized("the account no longer exists or is disabled"));
        AccessTokens.Issued access = accessTokens.issue(account, rotated.session());
        return new Tokens(access.token(), rotated.token(), "Bearer", seconds(access.expiresAt()), UserView.of(account));
    }

    /**
     * Revokes the refresh token's family and the access token in use. Always succeeds, with Redis or without: the
     * access token's revocation is kept in PostgreSQL too, and a refresh revocation Redis could not take waits there
     * until Redis answers again. Signing out twice is fine.
     */
    public void signout(AuthRequests.Signout request, @Header("Authorization") String authorization) {
        if (authorization != null && authorization.startsWith("Bearer ")) {
            try {
                Caller caller = accessTokens.verify(authorization.substring(7).trim());
                revocations.accessTokenRevoked(caller.tokenId(), caller.expiresAt());
                try {
                    refreshTokens.revokeAccessToken(caller.tokenId(), Duration.between(clock.instant(), caller.expiresAt()));
                } catch (DataAccessException redisDown) {
                    log.debug("Redis away: access token {} revoked in PostgreSQL only (replayed when Redis is back)", caller.tokenId());
                }
            } catch (AccessTokens.InvalidToken ignored) {
                // nothing to revoke
            }
        }
        if (request != null && request.refreshToken() != null) {
            try {
                refreshTokens.revoke(request.refreshToken());
            } catch (DataAccessException redisDown) {
                revocations.refreshTokenRevocationPending(request.refreshToken(), refreshTtl);
            }
        }
    }

    public Session session(@Header(CallerHeaders.USER_ID) String userId, @Header("Authorization") String authorization) {
        if (userId == null) throw ApiProblem.unauthorized("sign in first");
        Caller caller = accessTokens.verify(authorization.substring(7).trim());
        UserAccount account = users.findById(UUID.fromString(userId))
                .orElseThrow(() -> ApiProblem.unauthorized("the account no longer exists"));
        return new Session(UserView.of(account), caller.expiresAt());
    }

    public UserView createUser(@NotNull @Valid AuthRequests.NewUser request) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        (request.roles() == null || request.roles().isEmpty() ? Set.of("customer") : request.roles())
                .forEach(r -> roles.add(Role.fromId(r).orElseThrow()));
        PasswordPolicy.check(request.username(), request.password());
        return UserView.of(users.create(request.username(), request.email(), request.password(), request.displayName(), roles));
    }

    public List<UserView> listUsers() {
        return users.findAll().stream().map(UserView::of).toList();
    }

    /** One of the caller's sessions, as {@code GET /api/auth/sessions} lists them; {@code current}: the one asking. */
    public record SessionView(String id, String device, @JsonProperty("created_at") Instant createdAt,
                              @JsonProperty("last_used_at") Instant lastUsedAt, boolean current) {
    }

    public record SessionsEnded(int ended) {
    }

    /** {@code GET /api/auth/sessions}: the caller's sessions (sign-ins still alive), newest first. */
    public List<SessionView> sessions(@Header("Authorization") String authorization) {
        Caller caller = callerOf(authorization);
        try {
            return refreshTokens.sessions(caller.userId()).stream().map(s -> new SessionView(s.id(), s.device(), s.createdAt(),
                    s.lastUsedAt(), s.id().equals(caller.sessionId()))).toList();
        } catch (DataAccessException redisDown) {
            throw ApiProblem.unavailable("the session store is unavailable; try again later");
        }
    }

    /** {@code DELETE /api/auth/sessions/{id}}: ends one of the caller's sessions, on every node (its tokens are refused). */
    public SessionsEnded endSession(@Header("id") String id, @Header("Authorization") String authorization) {
        Caller caller = callerOf(authorization);
        try {
            if (!refreshTokens.revokeSession(caller.userId(), id, accessTtl)) throw ApiProblem.notFound("no session " + id);
        } catch (DataAccessException redisDown) {
            throw ApiProblem.unavailable("the session store is unavailable; try again later");
        }
        return new SessionsEnded(1);
    }

    /** {@code POST /api/auth/signout-all}: ends every session of the caller, this one included. */
    public SessionsEnded signoutAll(@Header("Authorization") String authorization) {
        Caller caller = callerOf(authorization);
        int ended;
        try {
            ended = refreshTokens.revokeAll(caller.userId(), accessTtl);
            refreshTokens.revokeAccessToken(caller.tokenId(), Duration.between(clock.instant(), caller.expiresAt()));
        } catch (DataAccessException redisDown) {
            throw ApiProblem.unavailable("the session store is unavailable; try again later");
        }
        revocations.accessTokenRevoked(caller.tokenId(), caller.expiresAt());
        return new SessionsEnded(ended);
    }

    private Caller callerOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) throw ApiProblem.unauthorized("sign in first");
        return accessTokens.verify(authorization.substring(7).trim());
    }

    /** A new access token, plus a refresh token unless Redis is away (then the caller signs in again later). */
    Tokens tokensFor(UserAccount account, String device) {
        String refresh = null, session = null;
        try {
            RefreshTokens.Issued issued = refreshTokens.issue(account.id(), device);
            refresh = issued.token();
            session = issued.session();
        } catch (DataAccessException redisDown) {
            log.warn("Redis unavailable: '{}' signed in without a refresh token", account.username());
        }
        AccessTokens.Issued access = accessTokens.issue(account, session);
        return new Tokens(access.token(), refresh, "Bearer", seconds(access.expiresAt()), UserView.of(account));
    }

    private long seconds(Instant expiresAt) {
        return Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds());
    }
}
