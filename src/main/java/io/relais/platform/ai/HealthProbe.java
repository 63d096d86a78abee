package io.relais.platform.ai;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A quick "is it there" before a model call: {@code GET} of a cheap URL (Ollama's {@code /api/tags}, an OpenAI-style
 * {@code /models}) within the probe timeout (1 s). The answer is kept for {@code probeEvery}, so a chain of calls
 * probes a provider once, not each time.
 */
public final class HealthProbe {

    private final URI url;
    private final String apiKey;
    private final Duration timeout;
    private final Duration every;
    private final Clock clock;
    private final HttpClient http;
    private Instant checkedAt;
    private String down;

    public HealthProbe(URI url, String apiKey, Duration timeout, Duration every, Clock clock) {
        this.url = url;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.every = every;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Why the provider looks down, or null when it answered its probe. */
    public synchronized String downBecause() {
        Instant now = clock.instant();
        if (checkedAt != null && now.isBefore(checkedAt.plus(every))) return down;
        checkedAt = now;
        down = probe();
        return down;
    }

    /** A failed call makes the next one probe again. */
    public synchronized void forget() {
        checkedAt = null;
    }

    private String probe() {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
        if (apiKey != null && !apiKey.isBlank()) request.header("Authorization", "Bearer " + apiKey);
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status < 400 ? null : "probe " + url + " answered HTTP " + status;
        } catch (java.net.http.HttpTimeoutException e) {
            return "probe " + url + " did not answer within " + timeout.toMillis() + " ms";
        } catch (java.io.IOException e) {
            return "probe " + url + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "probe interrupted";
        }
    }
}
