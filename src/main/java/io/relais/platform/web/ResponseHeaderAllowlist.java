package io.relais.platform.web;

import java.util.Locale;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.http.common.HttpHeaderFilterStrategy;

/**
 * Only these headers leave Relais in a REST response. Without it the request's own headers (Authorization, the
 * caller headers, User-Agent...) and internal Camel headers would be echoed back to the client.
 */
public class ResponseHeaderAllowlist extends HttpHeaderFilterStrategy {

    static final Set<String> ALLOWED = Set.of("content-type", "content-length", "content-disposition", "content-encoding",
            "location", "etag", "last-modified", "cache-control", "expires", "retry-after", "link", "x-total-count",
            "idempotency-key", "idempotent-replayed", "www-authenticate", "vary", "content-range", "set-cookie");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        String name = headerName.toLowerCase(Locale.ROOT);
        if (!ALLOWED.contains(name)) return true;
        // the servlet binding writes these itself
        return name.equals("content-type") || name.equals("content-length");
    }
}
