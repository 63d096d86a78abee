package io.relais.bench;

import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.relais.retail.etl.EtlPipeline;
import io.relais.retail.etl.RetailDataGenerator;
import org.postgresql.PGConnection;

/**
 * The whole retail ETL (checksum, clean, master data, COPY load in one transaction, quality checks) on 1,067,371
 * generated Online Retail II rows, beside a plain {@code COPY} of the same file into a table of the same columns on
 * the same database. Goal: within 5x of the COPY. Peak heap (sum of the heap pools' peaks, which at -Xmx4g is mostly
 * how large G1 lets the young generation grow) is printed too, and the peak live heap (what the heap held after a
 * collection, the most of it seen during the run: what the ETL needs). Then one
 * more day (1,500 lines, a daily feed with cancellations) loaded as an increment, beside the full ETL it spares.
 */
final class RetailEtlBenchmark implements Benchmark {

    static final int ROWS = 1_067_371;

    @Override
    public String name() {
        return "retail-etl";
    }

    @Override
    public String description() {
        return "the retail ETL on " + ROWS + " rows vs COPY of the same file";
    }

    @Override
    public List<Figure> run(BenchEnvironment env) throws Exception {
        Path file = env.dataDir.resolve("online_retail_II_bench.csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            RetailDataGenerator.write(out, ROWS, 2011, "ii", false);
        }
        double copySeconds;
        try (Connection c = env.bean(DataSource.class).getConnection()) {
            try (var st = c.createStatement()) {
                st.execute("drop table if exists public.bench_copy_retail");
                st.execute("create table public.bench_copy_retail (invoice text, stock_code text, description text, quantity text,"
                        + " invoice_date text, price text, customer_id text, country text)");
            }
            long t0 = System.nanoTime();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                // text columns: COPY parses the CSV and stores it, no cleaning, no typing
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "copy public.bench_copy_retail from stdin with (format csv, header true)", in);
            }
            copySeconds = (System.nanoTime() - t0) / 1e9;
            try (var st = c.createStatement()) {
                st.execute("drop table public.bench_copy_retail");
            }
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
        LiveHeap live = LiveHeap.watch();
        long t0 = System.nanoTime();
        Map<String, Object> run = env.bean(EtlPipeline.class).run(file, "benchmark", true, "bench", n -> { });
        double etlSeconds = (System.nanoTime() - t0) / 1e9;
        long livePeak = live.stop();
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.println("retail run: " + run.get("status") + " " + run.get("steps") + " rejects " + run.get("rejects")
                + " mdm " + run.get("mdm"));
        Path day = env.dataDir.resolve("online_retail_day.csv");
        Files.writeString(day, io.relais.testsupport.DailyRetailFeeds.HEADER + "\n" + String.join("\n",
                io.relais.testsupport.DailyRetailFeeds.days(1, 2012, 500, java.time.LocalDateTime.of(2011, 12, 10, 8, 0)).get(0)) + "\n");
        long i0 = System.nanoTime();
        Map<String, Object> increment = env.bean(EtlPipeline.class).run(day, "benchmark day", true,
                io.relais.retail.etl.RetailLoader.Mode.INCREMENT, "bench", n -> { });
        double incrementSeconds = (System.nanoTime() - i0) / 1e9;
        System.out.println("retail increment: " + increment.get("status") + " " + increment.get("rowsRead") + " lines "
                + increment.get("steps") + " cancellations " + increment.get("cancellations"));
        return List.of(
                new Figure("one-day increment", incrementSeconds, "s", "the full ETL", etlSeconds, false),
                new Figure("full ETL", etlSeconds, "s", "COPY of the file", copySeconds, false),
                new Figure("rows/s", ROWS / etlSeconds, "rows/s", "COPY rows/s", ROWS / copySeconds, true),
                new Figure("peak heap", peak / 1024.0 / 1024.0, "MB", null, null, false),
                new Figure("peak live heap", livePeak / 1024.0 / 1024.0, "MB", null, null, false));
    }

    /**
     * The heap in use right after each garbage collection (every heap pool, from the collector's own report), its
     * highest value during the run: what the ETL keeps, plus old garbage not yet collected.
     */
    private static final class LiveHeap implements javax.management.NotificationListener {
        private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();

        static LiveHeap watch() {
            System.gc();
            LiveHeap heap = new LiveHeap();
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener(heap, null, null);
            }
            return heap;
        }

        @Override
        public void handleNotification(javax.management.Notification notification, Object handback) {
            if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) return;
            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                    (javax.management.openmbean.CompositeData) notification.getUserData());
            long heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getName).map(info.getGcInfo().getMemoryUsageAfterGc()::get)
                    .filter(java.util.Objects::nonNull).mapToLong(java.lang.management.MemoryUsage::getUsed).sum();
            peak.accumulateAndGet(heapPools, Math::max);
        }

        long stop() throws Exception {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).removeNotificationListener(this);
            }
            return peak.get();
        }
    }
}
