package io.relais.platform.web;

/**
 * A REST verb that also answers as server-sent events: a request to {@code method path} that accepts
 * {@code text/event-stream} is forwarded (after the access checks) to {@code target}, a streaming handler. Domains
 * declare these as beans.
 */
public record EventStreamAlias(String method, String path, String target) {
}
