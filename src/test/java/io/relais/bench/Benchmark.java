package io.relais.bench;

import java.util.List;

/** A named benchmark: runs against a started Relais and reports figures, each beside its anchor. */
interface Benchmark {

    String name();

    String description();

    List<Figure> run(BenchEnvironment env) throws Exception;

    /** A measured value and the anchor it is compared with (null when the anchor could not be measured). */
    record Figure(String metric, double value, String unit, String anchor, Double anchorValue, boolean higherIsBetter) {

        String ratio() {
            if (anchorValue == null || anchorValue == 0) return "n/a";
            return String.format("%.2fx", higherIsBetter ? value / anchorValue : anchorValue / value);
        }
    }
}
