package io.relais.platform.web;

import java.util.List;

/**
 * A failure the caller can act on, answered as RFC 7807 problem+json with this status. Domains throw these
 * (or the named factories) from plain Java; the route error policy and the access filter render them.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Long retryAfterSeconds;

    public ApiProblem(int status, String title, String detail, List<FieldError> errors, Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ApiProblem(int status, String title, String detail) {
        this(status, title, detail, List.of(), null);
    }

    /** One rejected field: its JSON path (or parameter name) and why. */
    public record FieldError(String field, String reason) {
    }

    public static ApiProblem invalidField(String field, String reason) {
        return new ApiProblem(400, "Invalid request", field + ": " + reason, List.of(new FieldError(field, reason)), null);
    }

    public static ApiProblem invalid(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.reason()).reduce((a, b) -> a + "; " + b).orElse("");
        return new ApiProblem(400, "Invalid request", detail, errors, null);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad request", detail);
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "Unauthorized", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "Forbidden", detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not found", detail);
    }

    /** A referenced item that does not exist, naming the field that refers to it. */
    public static ApiProblem notFoundField(String field, String reason) {
        return new ApiProblem(404, "Not found", field + ": " + reason, List.of(new FieldError(field, reason)), null);
    }

    /** A value that must be unique and is taken, naming the field. */
    public static ApiProblem conflictField(String field, String reason) {
        return new ApiProblem(409, "Conflict", field + ": " + reason, List.of(new FieldError(field, reason)), null);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail);
    }

    public static ApiProblem unprocessable(String detail) {
        return new ApiProblem(422, "Unprocessable content", detail);
    }

    public static ApiProblem payloadTooLarge(String detail) {
        return new ApiProblem(413, "Payload too large", detail);
    }

    public static ApiProblem unsupportedMediaType(String detail) {
        return new ApiProblem(415, "Unsupported media type", detail);
    }

    public static ApiProblem tooManyRequests(String detail, long retryAfterSeconds) {
        return new ApiProblem(429, "Too many requests", detail, List.of(), retryAfterSeconds);
    }

    public static ApiProblem unavailable(String detail) {
        return new ApiProblem(503, "Service unavailable", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
