package io.relais.platform.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The RFC 7807 body: {@code type, title, status, detail, instance}, plus the rejected fields when there are some. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<ApiProblem.FieldError> errors, Long retryAfter) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, List.of(), null);
    }

    public Problem at(String instance) {
        return new Problem(type, title, status, detail, instance, errors, retryAfter);
    }
}
