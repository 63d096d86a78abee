package io.relais.platform.web;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Turns any failure into a {@link Problem}: what the caller did wrong becomes a 4xx naming the field, anything else
 * a 500 whose detail is an incident id (the stack trace goes to the log, never to the caller).
 */
public final class ProblemMapper {

    private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);

    private ProblemMapper() {
    }

    public static Problem toProblem(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiProblem p) {
            return new Problem("about:blank", p.title(), p.status(), p.getMessage(), null, p.errors(), p.retryAfterSeconds());
        }
        if (cause instanceof ConstraintViolationException cve) {
            return fromApi(ApiProblem.invalid(fieldErrors(cve)));
        }
        if (cause instanceof UnrecognizedPropertyException upe) {
            return fromApi(ApiProblem.invalidField(path(upe), "unknown field"));
        }
        if (cause instanceof InvalidFormatException ife) {
            return fromApi(ApiProblem.invalidField(path(ife), "cannot read " + quote(ife.getValue())
                    + " as " + jsonType(ife.getTargetType())));
        }
        if (cause instanceof MismatchedInputException mie && !mie.getPath().isEmpty()) {
            return fromApi(ApiProblem.invalidField(path(mie), "wrong type: expected " + jsonType(mie.getTargetType())));
        }
        if (cause instanceof MismatchedInputException mie) {
            return fromApi(ApiProblem.invalidField("body", "wrong type: expected " + jsonType(mie.getTargetType())));
        }
        if (cause instanceof JsonProcessingException jpe) {
            String where = jpe.getLocation() == null ? ""
                    : " at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr();
            return Problem.of(400, "Malformed JSON", "The request body is not valid JSON" + where + ": "
                    + scrub(jpe.getOriginalMessage()));
        }
        if (cause instanceof DuplicateKeyException) {
            return Problem.of(409, "Conflict", "The resource already exists");
        }
        if (cause instanceof OptimisticLockingFailureException) {
            return Problem.of(409, "Conflict", "The resource was changed concurrently; retry with fresh data");
        }
        Problem refused = DatabaseRefusals.toProblem(failure);
        if (refused != null) return refused;
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected failure, incident {}", incident, failure);
        return Problem.of(500, "Internal error", "An unexpected error occurred; incident " + incident + " is in the log.");
    }

    private static Problem fromApi(ApiProblem p) {
        return toProblem(p);
    }

    /** Camel and Spring wrap the real failure; the innermost meaningful one decides the answer. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; depth < 10 && current.getCause() != null && current.getCause() != current; depth++) {
            if (current instanceof ApiProblem || current instanceof ConstraintViolationException
                    || current instanceof JsonProcessingException || current instanceof DuplicateKeyException) {
                return current;
            }
            current = current.getCause();
        }
        return current;
    }

    private static List<ApiProblem.FieldError> fieldErrors(ConstraintViolationException cve) {
        return cve.getConstraintViolations().stream()
                .map(v -> new ApiProblem.FieldError(leaf(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .collect(Collectors.toList());
    }

    /** "signup.request.password" -> "password": callers know their JSON fields, not our method names. */
    private static String leaf(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        if (parts.length >= 3) {
            return String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
        }
        return parts[parts.length - 1];
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** What a JSON caller would call the type (never a Java class name). */
    static String jsonType(Class<?> type) {
        if (type == null) return "another type";
        if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class || type.isEnum()
                || type == UUID.class || java.time.temporal.Temporal.class.isAssignableFrom(type)) return "a string";
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) return "an array";
        return "an object";
    }

    /** Jackson names Java types in its messages ({@code `io.relais...Signin`}): callers see JSON words instead. */
    static String scrub(String message) {
        if (message == null) return null;
        return message.replaceAll("`?(?:[a-zA-Z_][\\w]*\\.)+[A-Za-z_][\\w$]*(?:\\[\\])?`?", "a value")
                .replaceAll("\\(class [^)]*\\)", "");
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
