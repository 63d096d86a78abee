package io.relais.platform.security;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.relais.platform.web.ApiProblem;
import io.relais.platform.web.ProblemMapper;
import io.relais.platform.web.ProblemResponder;
import io.relais.platform.settings.RelaisSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import io.relais.platform.web.CachedBodyRequest;
import io.relais.platform.web.EncodedBody;
import io.relais.platform.web.HostileText;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The gate in front of every REST verb the routes declare: body size (413), content type (415), token (401), roles
 * (403) and rate limits (429), each answered as problem+json before the request reaches Camel. The verified caller
 * is passed on as {@link CallerHeaders}; paths outside the REST contract (actuator, Camunda, static pages) pass.
 */
public class ApiAccessFilter extends OncePerRequestFilter {

    private final RestContract contract;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final Revocations revocations;
    private final RateLimiter rateLimiter;
    private final ProblemResponder problems;
    private final long maxBodyBytes;
    private final long maxUploadBytes;
    private final java.util.Set<String> uploadPaths;
    private final int maxStringLength;

    public ApiAccessFilter(RestContract contract, AccessTokens accessTokens, RefreshTokens refreshTokens,
                           RateLimiter rateLimiter, ProblemResponder problems, RelaisSettings settings,
                           Revocations revocations) {
        this.revocations = revocations;
        this.contract = contract;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.rateLimiter = rateLimiter;
        this.problems = problems;
        this.maxBodyBytes = settings.web().maxBodySize().toBytes();
        this.maxUploadBytes = settings.web().maxUploadSize().toBytes();
        this.uploadPaths = java.util.Set.copyOf(settings.web().uploadPaths());
        this.maxStringLength = settings.web().maxStringLength();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        AccessRules rules = contract.rules();
        if (rules == null) {
            if (path.startsWith("/api/")) {
                // starting: no verb may pass before the contract is complete
                problems.write(response, ProblemMapper.toProblem(ApiProblem.unavailable("Relais is starting; try again in a moment")).at(path));
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        RestEndpoint endpoint = rules.find(request.getMethod(), AccessRules.normalise(path));
        if (endpoint == null) {
            chain.doFilter(request, response);
            return;
        }
        try {
            checkBody(request, endpoint);
            Caller caller = authenticate(request, endpoint.stream());
            authorise(endpoint, caller);
            long retryAfter = rateLimiter.check(request.getMethod(), path, request.getRemoteAddr(),
                    caller == null ? null : caller.username());
            if (retryAfter > 0) {
                throw ApiProblem.tooManyRequests("rate limit exceeded; retry in " + retryAfter + " s", retryAfter);
            }
            checkQuery(request);
            chain.doFilter(new CallerRequest(inspectBody(request, endpoint), caller), response);
        } catch (ApiProblem problem) {
            problems.write(response, ProblemMapper.toProblem(problem).at(path));
        }
    }

    /** Query values with a NUL or an unpaired surrogate, or too long, are refused, naming the parameter. */
    private void checkQuery(HttpServletRequest request) {
        for (var e : request.getParameterMap().entrySet()) {
            HostileText.check(e.getKey(), e.getKey(), maxStringLength);
            for (String value : e.getValue()) HostileText.check(e.getKey(), value, maxStringLength);
        }
    }

    /**
     * A JSON write's body is read here, counted as it streams (chunked or not): over the limit, 413 before the rest is
     * read; missing or {@code null} where the contract requires one, 400; a NUL or an unpaired surrogate in any name or
     * string, 400 naming the field. Other bodies (CSV, uploads) stream through a counting cap.
     */
    private HttpServletRequest inspectBody(HttpServletRequest request, RestEndpoint endpoint) throws IOException {
        if (!java.util.Set.of("POST", "PUT", "PATCH").contains(endpoint.method())) return request;
        boolean upload = isUpload(endpoint);
        long limit = upload ? maxUploadBytes : maxBodyBytes;
        String type = request.getContentType();
        boolean json = type == null ? endpoint.takesJson() : type.toLowerCase(java.util.Locale.ROOT).contains("json");
        if (!json || upload) {
            java.io.InputStream body = EncodedBody.decoded(request);
            if (endpoint.bodyRequired()) body = nonEmpty(body);
            CachedBodyRequest.Capped capped = CachedBodyRequest.capped(body, limit);
            return new HttpServletRequestWrapper(EncodedBody.withoutEncoding(request)) {
                @Override
                public ServletInputStream getInputStream() {
                    return capped;
                }

                @Override
                public java.io.BufferedReader getReader() throws java.io.UnsupportedEncodingException {
                    return capped.reader(getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding());
                }
            };
        }
        byte[] body = CachedBodyRequest.read(EncodedBody.decoded(request), limit);
        if (endpoint.bodyRequired() && isEmptyJson(body)) {
            throw ApiProblem.invalidField("body", "a JSON body is required");
        }
        HostileText.checkJson(body, maxStringLength);
        return new CachedBodyRequest(EncodedBody.withoutEncoding(request), body);
    }

    /** A streamed body (a CSV file) that the contract requires: an empty one is refused before the endpoint runs. */
    private static java.io.InputStream nonEmpty(java.io.InputStream body) throws IOException {
        java.io.PushbackInputStream peek = new java.io.PushbackInputStream(body, 1);
        int first = peek.read();
        if (first == -1) throw ApiProblem.invalidField("body", "the body is empty: a file is required");
        peek.unread(first);
        return peek;
    }

    private static boolean isEmptyJson(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        return text.isEmpty() || text.equals("null");
    }

    private boolean isUpload(RestEndpoint endpoint) {
        return endpoint.consumes().stream().anyMatch(c -> c.startsWith("text/csv"))
                || uploadPaths.contains(endpoint.path().getPatternString());
    }

    private void checkBody(HttpServletRequest request, RestEndpoint endpoint) {
        long length = request.getContentLengthLong();
        boolean upload = isUpload(endpoint);
        long limit = upload ? maxUploadBytes : maxBodyBytes;
        if (length > limit) {
            throw ApiProblem.payloadTooLarge("the body has " + length + " bytes; the limit is " + limit);
        }
        boolean hasBody = length > 0 || request.getHeader("Transfer-Encoding") != null;
        if (hasBody && !endpoint.consumes().isEmpty()) {
            String type = request.getContentType();
            if (type == null || endpoint.consumes().stream().noneMatch(c -> compatible(c, type))) {
                throw ApiProblem.unsupportedMediaType("expected " + String.join(" or ", endpoint.consumes())
                        + ", got " + (type == null ? "no Content-Type" : type));
            }
        }
    }

    private static boolean compatible(String declared, String actual) {
        try {
            return MediaType.parseMediaType(declared).isCompatibleWith(MediaType.parseMediaType(actual));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Caller authenticate(HttpServletRequest request, boolean stream) {
        String header = request.getHeader("Authorization");
        String token;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) token = header.substring(7).trim();
        else if (stream && request.getParameter("access_token") != null) token = request.getParameter("access_token");
        else return null;
        Caller caller;
        try {
            caller = accessTokens.verify(token);
        } catch (AccessTokens.InvalidToken e) {
            throw ApiProblem.unauthorized("access token rejected: " + e.getMessage());
        }
        try {
            String revoked = refreshTokens.revokedBecause(caller.tokenId(), caller.sessionId());
            if (revoked != null) throw ApiProblem.unauthorized("access token revoked (" + revoked + ")");
        } catch (DataAccessException redisDown) {
            // Redis away (the circuit answers at once): the revocations are in PostgreSQL too
            if (revocations.isAccessTokenRevoked(caller.tokenId())) {
                throw ApiProblem.unauthorized("access token revoked (signed out)");
            }
        }
        return caller;
    }

    private static void authorise(RestEndpoint endpoint, Caller caller) {
        if (endpoint.access() == RestEndpoint.Access.PUBLIC) return;
        if (caller == null) {
            throw ApiProblem.unauthorized(endpoint.describe() + " needs a bearer token (POST /api/auth/signin)");
        }
        if (endpoint.access() == RestEndpoint.Access.ROLES && !caller.hasAnyRole(endpoint.roles())) {
            throw ApiProblem.forbidden(endpoint.describe() + " needs one of the roles " + endpoint.roles());
        }
    }

    /** The request with the caller's identity as headers; client-sent X-Relais-* headers never get through. */
    static final class CallerRequest extends HttpServletRequestWrapper {
        private final Map<String, String> caller = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        CallerRequest(HttpServletRequest request, Caller who) {
            super(request);
            if (who != null) {
                caller.put(CallerHeaders.USER_ID, who.userId().toString());
                caller.put(CallerHeaders.USERNAME, who.username());
                caller.put(CallerHeaders.ROLES, String.join(",", who.roles()));
            }
        }

        @Override
        public String getHeader(String name) {
            if (CallerHeaders.isCallerHeader(name)) return caller.get(name);
            return super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (CallerHeaders.isCallerHeader(name)) {
                String v = caller.get(name);
                return Collections.enumeration(v == null ? List.of() : List.of(v));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !CallerHeaders.isCallerHeader(n)).collect(java.util.stream.Collectors.toList());
            names.addAll(caller.keySet());
            return Collections.enumeration(names);
        }
    }

}
