package io.relais.platform.web;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Writes problems: into a Camel exchange (the route error policy, routes/platform/error-policy.camel.yaml) or
 * straight onto a servlet response (the access filter, the /error page).
 */
@Component("problemResponder")
public class ProblemResponder {

    private final ObjectMapper json;

    ProblemResponder(ObjectMapper json) {
        this.json = json;
    }

    /** The REST error policy applies to exchanges that came in over HTTP (and nothing else). */
    public boolean isRestCall(Exchange exchange) {
        return exchange.getFromEndpoint() != null && exchange.getFromEndpoint().getEndpointUri().startsWith("platform-http");
    }

    /** Camel: the caught exception becomes the response. */
    public void respond(Exchange exchange) throws IOException {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Problem problem = ProblemMapper.toProblem(failure == null ? new IllegalStateException("unknown failure") : failure);
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        if (path != null && !path.isEmpty()) {
            problem = problem.at(path);
        }
        var message = exchange.getMessage();
        message.removeHeaders("*", "CamelHttp*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        message.setHeader(Exchange.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.retryAfter() != null) {
            message.setHeader("Retry-After", problem.retryAfter());
        }
        message.setBody(json.writeValueAsString(problem));
    }

    /** Servlet: used before a request reaches Camel. */
    public void write(HttpServletResponse response, Problem problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        if (problem.retryAfter() != null) {
            response.setHeader("Retry-After", String.valueOf(problem.retryAfter()));
        }
        if (problem.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"relais\"");
        }
        json.writeValue(response.getOutputStream(), problem);
    }
}
