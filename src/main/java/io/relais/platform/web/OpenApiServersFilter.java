package io.relais.platform.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The OpenAPI document's {@code servers} is the address it was read from ({@code "/"}): Camel writes the address it
 * listens on ({@code http://0.0.0.0}), which no browser can call, so Swagger UI's "Try it out" failed on every call.
 */
public class OpenApiServersFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    public OpenApiServersFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, captured);
        byte[] body = captured.getContentAsByteArray();
        if (captured.getStatus() == 200 && body.length > 0 && body[0] == '{') {
            try {
                ObjectNode document = (ObjectNode) json.readTree(body);
                document.set("servers", json.valueToTree(List.of(Map.of("url", "/", "description", "this Relais"))));
                body = json.writeValueAsBytes(document);
            } catch (IOException | ClassCastException unreadable) {
                // served as Camel wrote it
            }
        }
        captured.resetBuffer();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
