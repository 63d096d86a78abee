package io.relais.retail.etl;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts per cleaning rule and a few sample lines of each, for the run report. */
public class CleaningReport {

    public record Sample(String rule, long line, String reason, String text) {
    }

    private final int samplesPerRule;
    private final Map<RejectRule, Long> counts = new EnumMap<>(RejectRule.class);
    private final List<Sample> samples = new ArrayList<>();
    private long read;
    private long accepted;
    private long cancellations;

    public CleaningReport(int samplesPerRule) {
        this.samplesPerRule = samplesPerRule;
    }

    void countRead() {
        read++;
    }

    void countAccepted() {
        accepted++;
    }

    void countCancellation() {
        cancellations++;
    }

    /** A cancellation that found no earlier sale: it was counted as a cancellation, it is now a rejection. */
    void unmatched(Cancellations.Cancel c) {
        cancellations--;
        reject(RejectRule.CANCELLATION, c.line(), "cancelled invoice " + c.invoice() + ": no earlier sale of " + c.stockCode()
                + " to customer " + c.customerId() + " to take back", c::text);
    }

    /** A cancellation an earlier run applied already (its day sent again): not applied twice. */
    void alreadyApplied(Cancellations.Cancel c) {
        cancellations--;
        reject(RejectRule.CANCELLATION, c.line(), "cancelled invoice " + c.invoice() + ": already applied by an earlier run", c::text);
    }

    /** Cancellation lines applied to earlier sales (read = accepted + rejected + cancellations). */
    public long cancellations() {
        return cancellations;
    }

    /** {@code text}: the line as read, built only when it is kept as a sample (most rejected lines are only counted). */
    void reject(RejectRule rule, long line, String reason, java.util.function.Supplier<String> text) {
        long n = counts.merge(rule, 1L, Long::sum);
        if (n <= samplesPerRule) {
            String t = text.get();
            samples.add(new Sample(rule.name(), line, reason, t.length() > 300 ? t.substring(0, 300) : t));
        }
    }

    public long read() {
        return read;
    }

    public long accepted() {
        return accepted;
    }

    public long rejected() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public long count(RejectRule rule) {
        return counts.getOrDefault(rule, 0L);
    }

    public Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (RejectRule r : RejectRule.values()) out.put(r.name(), counts.getOrDefault(r, 0L));
        return out;
    }

    public List<Sample> samples() {
        return samples;
    }
}
