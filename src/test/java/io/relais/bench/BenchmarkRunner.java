package io.relais.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The benchmark entry point: {@code mvn -Pbench verify [-Dbench=name,name]}. Starts Relais once on the embedded
 * default, runs the named benchmarks (all when none is named) and prints each figure beside its anchor with the
 * ratio, all from this one run. Domains register their benchmarks in {@link #ALL}.
 */
public final class BenchmarkRunner {

    private static final List<Benchmark> ALL = List.of(new AuthenticatedReadBenchmark(),
            new ShopImportBenchmark(), new ShopOrdersBenchmark(), new ShopSearchBenchmark(), new ApprovalBenchmark(),
            new ChatBenchmark(), new RetailEtlBenchmark(), new SentimentBenchmark(), new KnowledgeBenchmark(),
            new ProductionBenchmark());

    private BenchmarkRunner() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> wanted = args.length == 0 || args[0].isBlank() ? Set.of()
                : Arrays.stream(args[0].split(",")).map(String::trim).collect(Collectors.toSet());
        List<Benchmark> selected = ALL.stream().filter(b -> wanted.isEmpty() || wanted.contains(b.name())).toList();
        if (selected.isEmpty()) {
            System.out.println("No benchmark named " + wanted + "; known: " + ALL.stream().map(Benchmark::name).toList());
            System.exit(2);
        }
        Map<Benchmark, List<Benchmark.Figure>> results = new LinkedHashMap<>();
        try (BenchEnvironment env = new BenchEnvironment()) {
            for (Benchmark b : selected) {
                System.out.println("Running " + b.name() + ": " + b.description());
                results.put(b, b.run(env));
            }
        }
        System.out.println();
        System.out.printf("%-16s %-16s %14s %-7s %-24s %14s %8s%n", "benchmark", "metric", "relais", "unit", "anchor",
                "anchor value", "ratio");
        results.forEach((b, figures) -> figures.forEach(f -> System.out.printf("%-16s %-16s %14.2f %-7s %-24s %14s %8s%n",
                b.name(), f.metric(), f.value(), f.unit(), f.anchor() == null ? "-" : f.anchor(),
                f.anchorValue() == null ? (f.anchor() == null ? "-" : "unavailable") : String.format("%.2f", f.anchorValue()),
                f.anchor() == null ? "" : f.ratio())));
        System.exit(0);
    }
}
