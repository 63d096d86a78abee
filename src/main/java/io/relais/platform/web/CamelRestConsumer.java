package io.relais.platform.web;

import java.util.concurrent.Executor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Camel REST consumer that answers on the request thread, start to end. The starter's {@code service} returns a
 * {@code CompletableFuture}, which Spring MVC answers by putting the request in async mode and dispatching it a second
 * time through Tomcat, the filter chain and the {@code DispatcherServlet}, only to learn that the response was already
 * written. {@link CamelRestHandlerAdapter} calls {@link #serve} instead: the same exchange, one pass.
 */
public class CamelRestConsumer extends SpringBootPlatformHttpConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(CamelRestConsumer.class);

    CamelRestConsumer(PlatformHttpEndpoint endpoint, Processor processor, Executor executor) {
        super(endpoint, processor, executor);
    }

    /**
     * What the starter's {@code service} runs in its future: the exchange, and a 500 only if it could not answer. An
     * {@code Error} is not caught: it reaches the container's error handling as any servlet's would.
     */
    void serve(HttpServletRequest request, HttpServletResponse response) {
        try {
            handleService(request, response);
        } catch (Exception e) {
            LOG.warn("Error handling request due to: {}", e.getMessage(), e);
            try {
                if (!response.isCommitted()) response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            } catch (Exception ignored) {
                // the client is gone; nothing left to tell it
            }
        }
    }
}
