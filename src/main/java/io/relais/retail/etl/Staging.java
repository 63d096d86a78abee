package io.relais.retail.etl;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import io.relais.retail.mdm.GoldenRecords;

/**
 * The clean lines on their way to the load: written in COPY text to a staging file, counted per (stock code,
 * description) variant and per customer, on a thread of its own so cleaning (parsing) and staging run side by side.
 * Accept lines with {@link #accept}, then {@link #finish} to wait for the last ones.
 */
final class Staging implements Consumer<Transaction>, AutoCloseable {

    private static final int BATCH = 4_096;
    private static final List<Transaction> END = List.of();

    private final BufferedWriter out;
    private final BlockingQueue<List<Transaction>> queue = new ArrayBlockingQueue<>(16);
    private final Thread worker;
    private final LongConsumer progress;
    private final Map<String, Map<String, long[]>> variantRows = new HashMap<>();
    private final Map<String, Span> customers = new HashMap<>();
    private final java.util.Set<String> invoices = new java.util.HashSet<>();
    private final List<Cancellations.Cancel> cancels = new ArrayList<>();
    private List<Transaction> batch = new ArrayList<>(BATCH);
    private volatile Throwable failure;
    private long staged;

    Staging(Path file, LongConsumer progress) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.progress = progress;
        this.worker = new Thread(this::drain, "retail-staging");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public void accept(Transaction t) {
        batch.add(t);
        if (batch.size() == BATCH) hand();
    }

    /** A cancellation line (on the cleaning thread): applied to earlier sales at the load. */
    void cancel(Cancellations.Cancel c) {
        cancels.add(c);
    }

    private void hand() {
        if (failure != null) throw new IllegalStateException("staging failed: " + failure.getMessage(), failure);
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        batch = new ArrayList<>(BATCH);
    }

    /** Waits until every accepted line is staged. */
    void finish() throws IOException {
        if (!batch.isEmpty()) hand();
        try {
            queue.put(END);
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        out.flush();
        if (failure != null) throw new IOException("staging failed: " + failure.getMessage(), failure);
    }

    private void drain() {
        try {
            StringBuilder line = new StringBuilder(256);
            while (true) {
                List<Transaction> next = queue.take();
                if (next == END) return;
                for (Transaction t : next) {
                    stage(t, line);
                    if (++staged % 200_000 == 0) progress.accept(staged);
                }
            }
        } catch (Throwable e) {
            failure = e;
            queue.clear();
        }
    }

    private void stage(Transaction t, StringBuilder line) throws IOException {
        line.setLength(0);
        CopyText.field(line, t.invoice(), true);
        CopyText.field(line, t.stockCode(), false);
        CopyText.field(line, t.description(), false);
        line.append('\t').append(t.quantity()).append('\t');
        CopyText.timestamp(line, t.invoiceDate());
        line.append('\t').append(t.price().toPlainString()).append('\t').append(t.revenue().toPlainString());
        CopyText.field(line, t.customerId(), false);
        CopyText.field(line, t.country(), false);
        line.append('\n');
        out.append(line);
        invoices.add(t.invoice());
        long[] rows = variantRows.computeIfAbsent(t.stockCode(), k -> new HashMap<>())
                .computeIfAbsent(t.description() == null ? "" : t.description(), k -> new long[1]);
        rows[0]++;
        Span span = customers.get(t.customerId());
        if (span == null) customers.put(t.customerId(), new Span(t.country(), t.invoiceDate()));
        else span.see(t.country(), t.invoiceDate());
    }

    Map<String, GoldenRecords.Variant> variants() {
        Map<String, GoldenRecords.Variant> out = new HashMap<>();
        variantRows.forEach((code, descriptions) -> descriptions.forEach((description, rows) -> {
            String d = description.isEmpty() ? null : description;
            out.put(RetailLoader.rawKey(code, d), new GoldenRecords.Variant(code, d, rows[0]));
        }));
        return out;
    }

    Map<String, String[]> customers() {
        Map<String, String[]> out = new HashMap<>();
        customers.forEach((id, span) -> out.put(id, new String[] {span.country, span.first.toString(), span.last.toString()}));
        return out;
    }

    long staged() {
        return staged;
    }

    /** The invoices of the file's sales (an increment replaces them). */
    java.util.Set<String> invoices() {
        return invoices;
    }

    List<Cancellations.Cancel> cancels() {
        return cancels;
    }

    /**
     * The staged sales that the file's cancellations may reduce (same customer and stock code), read back from the
     * staging file; each is named {@code s:<line index>}.
     */
    static List<Cancellations.Sale> candidates(Path file, List<Cancellations.Cancel> cancels) throws IOException {
        List<Cancellations.Sale> out = new ArrayList<>();
        if (cancels.isEmpty()) return out;
        java.util.Set<String> keys = new java.util.HashSet<>();
        cancels.forEach(c -> keys.add(Cancellations.key(c.customerId(), c.stockCode())));
        try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long index = 0;
            while ((line = in.readLine()) != null) {
                String[] f = line.split("\t", -1);
                if (keys.contains(Cancellations.key(CopyText.unescape(f[7]), CopyText.unescape(f[1])))) {
                    out.add(new Cancellations.Sale("s:" + index, CopyText.unescape(f[0]), CopyText.unescape(f[1]), CopyText.unescape(f[7]),
                            LocalDateTime.parse(f[4].replace(' ', 'T')), Integer.parseInt(f[3]),
                            RetailLoader.rawKey(CopyText.unescape(f[1]), "\\N".equals(f[2]) ? null : CopyText.unescape(f[2]))));
                }
                index++;
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        worker.interrupt();
        out.close();
    }

    /** A customer's country (first seen) and first and last invoice. */
    private static final class Span {
        private String country;
        private LocalDateTime first;
        private LocalDateTime last;

        Span(String country, LocalDateTime when) {
            this.country = country;
            this.first = when;
            this.last = when;
        }

        void see(String otherCountry, LocalDateTime when) {
            if (country == null) country = otherCountry;
            if (when.isBefore(first)) first = when;
            if (when.isAfter(last)) last = when;
        }
    }
}
