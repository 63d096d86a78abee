package io.relais.platform.web;

import java.util.List;

/**
 * The web origins whose pages may call Relais from a browser ({@code relais.web.cors-origins}, patterns allowed): the
 * CORS filter's list, given to what else a browser reaches (the realtime WebSocket's handshake).
 */
public record BrowserOrigins(List<String> patterns) {

    public String[] asArray() {
        return patterns.toArray(String[]::new);
    }
}
