package io.relais.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;

/**
 * Closed-loop HTTP load: N clients, each sending its next request as soon as the previous answer arrives, for a
 * fixed duration. Every answer's status is checked; latencies are kept for percentiles.
 */
final class HttpLoad {

    /**
     * How long a benchmark warms up before it measures. With 5 s, the JIT compilers still took a quarter to a third of
     * the 2 cores during the measured run (async-profiler, auth-session and shop-orders: C2 compiling 300-2,000 methods
     * per 5 s). A server runs for days; what its users meet is the compiled code.
     */
    static final Duration WARMUP = Duration.ofSeconds(20);

    record Result(long requests, Duration duration, List<Long> latencyNanos) {

        double perSecond() {
            return requests / (duration.toMillis() / 1000.0);
        }

        double percentileMillis(double p) {
            if (latencyNanos.isEmpty()) return Double.NaN;
            List<Long> sorted = latencyNanos.stream().sorted().toList();
            return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p))) / 1e6;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();

    /** Runs {@code clients} loops for {@link #WARMUP}, answers checked, figures dropped. */
    void warmUp(int clients, LongFunction<HttpRequest> requests, IntPredicate expectedStatus) throws Exception {
        run(clients, WARMUP, requests, expectedStatus);
    }

    /** {@link #run}, under async-profiler when {@code -Dbench.profile=<dir>} is set (see {@link Profiler}). */
    Result measure(String label, int clients, Duration duration, LongFunction<HttpRequest> requests,
                   IntPredicate expectedStatus) throws Exception {
        try (Profiler ignored = Profiler.start(label)) {
            return run(clients, duration, requests, expectedStatus);
        }
    }

    /** Runs {@code clients} loops for {@code duration}; request n comes from {@code requests}. */
    Result run(int clients, Duration duration, LongFunction<HttpRequest> requests, IntPredicate expectedStatus)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            futures.add(pool.submit(() -> {
                List<Long> mine = new ArrayList<>();
                while (System.nanoTime() < end) {
                    HttpRequest request = requests.apply(sequence.getAndIncrement());
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (!expectedStatus.test(r.statusCode())) {
                        throw new IllegalStateException("HTTP " + r.statusCode() + " for " + request.uri() + ": " + r.body());
                    }
                    mine.add(System.nanoTime() - t0);
                }
                return mine;
            }));
        }
        List<Long> latencies = new ArrayList<>();
        for (Future<List<Long>> f : futures) latencies.addAll(f.get());
        pool.shutdown();
        return new Result(latencies.size(), Duration.ofNanos(System.nanoTime() - start), latencies);
    }
}
