package io.relais.platform.security;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Short-lived HS256 access tokens: subject = user id, plus username, roles and a token id for revocation. A token
 * once verified is remembered (bounded, for at most its own lifetime), so a client's next calls skip the Base64,
 * JSON and HMAC work: its expiry is still checked on every call, and revocation is checked by the caller of
 * {@link #verify} on every call too.
 */
public final class AccessTokens {

    private static final int VERIFIED_CACHE_SIZE = 20_000;

    private final byte[] secret;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock;
    private final MACVerifier verifier;
    private final Cache<String, Caller> verified;

    public AccessTokens(String secret, String issuer, Duration ttl, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        if (this.secret.length < 32) {
            throw new IllegalArgumentException("relais.security.jwt-secret must be at least 32 bytes");
        }
        this.issuer = issuer;
        this.ttl = ttl;
        this.clock = clock;
        try {
            this.verifier = new MACVerifier(this.secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("relais.security.jwt-secret cannot verify HS256", e);
        }
        this.verified = Caffeine.newBuilder().maximumSize(VERIFIED_CACHE_SIZE).expireAfterWrite(ttl).build();
    }

    public record Issued(String token, String tokenId, Instant expiresAt) {
    }

    public Issued issue(UserAccount user) {
        return issue(user, null);
    }

    /** A token of this sign-in session ({@code sid}): revoking the session refuses it too. */
    public Issued issue(UserAccount user, String sessionId) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        String jti = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(user.id().toString()).jwtID(jti)
                .issueTime(Date.from(now)).expirationTime(Date.from(expires))
                .claim("preferred_username", user.username())
                .claim("roles", List.copyOf(user.roles()))
                .claim("sid", sessionId)
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return new Issued(jwt.serialize(), jti, expires);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign access token", e);
        }
    }

    /** The caller behind a valid, unexpired token of this issuer; otherwise {@link InvalidToken}. */
    public Caller verify(String token) {
        Caller caller = verified.getIfPresent(token);
        if (caller == null) {
            caller = verifySignatureAndClaims(token);
            verified.put(token, caller);
        }
        if (!caller.expiresAt().isAfter(clock.instant())) {
            throw new InvalidToken("token expired");
        }
        return caller;
    }

    private Caller verifySignatureAndClaims(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw new InvalidToken("signature does not verify");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!issuer.equals(claims.getIssuer())) {
                throw new InvalidToken("unknown issuer");
            }
            Instant exp = claims.getExpirationTime() == null ? Instant.EPOCH : claims.getExpirationTime().toInstant();
            if (!exp.isAfter(clock.instant())) {
                throw new InvalidToken("token expired");
            }
            List<String> roles = claims.getStringListClaim("roles");
            Set<String> roleSet = roles == null ? Set.of() : new LinkedHashSet<>(roles);
            return new Caller(UUID.fromString(claims.getSubject()), claims.getStringClaim("preferred_username"),
                    roleSet, claims.getJWTID(), exp, claims.getStringClaim("sid"));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            throw new InvalidToken("malformed token");
        }
    }

    /** The token cannot be trusted; the message says why without echoing it. */
    public static class InvalidToken extends RuntimeException {
        public InvalidToken(String message) {
            super(message);
        }
    }
}
