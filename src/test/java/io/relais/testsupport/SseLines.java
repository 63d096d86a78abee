package io.relais.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

/** A server-sent-event stream read line by line in the background, for tests that wait for an event. */
public final class SseLines implements AutoCloseable {

    public final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Void>> response;

    public SseLines(String url) {
        response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(String line) {
                        lines.add(line);
                    }

                    @Override
                    public void onError(Throwable throwable) {
                    }

                    @Override
                    public void onComplete() {
                    }
                }));
    }

    @Override
    public void close() {
        response.cancel(true);
    }
}
