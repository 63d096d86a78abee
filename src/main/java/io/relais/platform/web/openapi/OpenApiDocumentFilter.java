package io.relais.platform.web.openapi;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code GET /api/openapi.json} with the completed {@link OpenApiDocument} (Camel's own rest-api route, which
 * would write the document as the REST DSL alone describes it, is not registered: no {@code api-context-path}); 503
 * while Relais is starting.
 */
public class OpenApiDocumentFilter extends OncePerRequestFilter {

    private final OpenApiDocument document;

    public OpenApiDocumentFilter(OpenApiDocument document) {
        this.document = document;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] json;
        try {
            json = document.json();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The OpenAPI document could not be written", e);
        }
        if (json == null) {
            response.setStatus(503);
            response.setHeader("Retry-After", "5");
            return;
        }
        response.setContentType("application/json");
        response.setContentLength(json.length);
        if ("GET".equals(request.getMethod())) response.getOutputStream().write(json);
    }
}
