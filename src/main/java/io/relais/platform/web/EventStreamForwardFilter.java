package io.relais.platform.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Content negotiation Camel REST cannot do: a request for one of the {@link EventStreamAlias} verbs that accepts
 * {@code text/event-stream} goes to the streaming handler instead of the Camel route. Runs after the access filter,
 * so the forwarded request carries the checked caller.
 */
public class EventStreamForwardFilter extends OncePerRequestFilter {

    private final List<EventStreamAlias> aliases;

    public EventStreamForwardFilter(List<EventStreamAlias> aliases) {
        this.aliases = aliases;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("text/event-stream")) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            for (EventStreamAlias alias : aliases) {
                if (alias.method().equalsIgnoreCase(request.getMethod()) && alias.path().equals(path)) {
                    request.getRequestDispatcher(alias.target()).forward(request, response);
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
