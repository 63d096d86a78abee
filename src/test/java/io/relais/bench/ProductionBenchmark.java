package io.relais.bench;

import io.relais.platform.security.Caller;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.relais.production.ProductionData;
import io.relais.production.models.Retraining;
import io.relais.production.planning.AbattoirPlanner;

/**
 * Production: full retraining (regressions, clusters, Isolation Forest, forecasts) on the two simulated years, with
 * the peak heap; then the abattoir assignment (Hungarian over day-slots) for 200, 500 and 1,000 batches.
 */
final class ProductionBenchmark implements Benchmark {

    @Override
    public String name() {
        return "production";
    }

    @Override
    public String description() {
        return "full retraining on two simulated years; assignment of 200, 500 and 1,000 batches";
    }

    @Override
    public List<Figure> run(BenchEnvironment env) throws Exception {
        int batches = env.bean(ProductionData.class).loadSimulationIfEmpty(730, 2024);
        System.out.println("production: " + batches + " simulated batches loaded");
        Retraining models = env.bean(Retraining.class);
        models.retrainAll(Caller.named("bench")); // warm-up
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
        long t0 = System.nanoTime();
        var runs = models.retrainAll(Caller.named("bench"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        runs.forEach(r -> System.out.println("  " + r.get("kind") + " " + r.get("status") + " " + r.get("durationMs") + " ms " + r.get("metrics")));
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("retrain all", seconds, "s", null, null, false));
        figures.add(new Figure("peak heap", peak / 1024.0 / 1024.0, "MB", null, null, false));
        for (int n : new int[] {200, 500, 1_000}) figures.add(new Figure("assign " + n, assign(n), "ms", null, null, false));
        return figures;
    }

    /** n batches over a window sized for them: three abattoirs, capacity expanded into day-slots. */
    private static double assign(int n) {
        Random random = new Random(n);
        LocalDate from = LocalDate.of(2025, 6, 2);
        int days = Math.max(7, n / 12);
        List<AbattoirPlanner.Batch> batches = new ArrayList<>();
        String[] sites = {"LL", "LS", "MT"};
        for (int i = 0; i < n; i++) batches.add(new AbattoirPlanner.Batch(i, "B" + i, sites[random.nextInt(3)], from.plusDays(random.nextInt(days))));
        List<AbattoirPlanner.Abattoir> abattoirs = List.of(
                new AbattoirPlanner.Abattoir("A-LAN", 6, Map.of("LL", 690.0, "LS", 420.0, "MT", 95.0)),
                new AbattoirPlanner.Abattoir("A-GER", 5, Map.of("LL", 720.0, "LS", 450.0, "MT", 60.0)),
                new AbattoirPlanner.Abattoir("A-BRE", 4, Map.of("LL", 35.0, "LS", 180.0, "MT", 760.0)));
        long t0 = System.nanoTime();
        var plan = AbattoirPlanner.plan(batches, abattoirs, from, from.plusDays(days - 1), List.of(), new AbattoirPlanner.Costs(1.2, 150, 3));
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.println("  assign " + n + ": " + plan.assignments().size() + " placed, " + plan.unplaced().size() + " unplaced, "
                + plan.breakdown().get("slots") + " slots, cost " + plan.totalCost());
        return ms;
    }
}
