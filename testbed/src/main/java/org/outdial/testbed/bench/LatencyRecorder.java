package org.outdial.testbed.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link MixedLoadBench}'s latencies per action (nanoseconds), failures and skipped writer slots. */
final class LatencyRecorder {
    private final List<String> actions;
    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();

    LatencyRecorder(List<String> actions) {
        this.actions = List.copyOf(actions);
    }

    void add(String action, long nanos) {
        latencies.computeIfAbsent(action, a -> Collections.synchronizedList(new ArrayList<>())).add(nanos);
    }

    void addAll(LatencyRecorder other) {
        other.latencies.forEach((action, list) -> list.forEach(n -> add(action, n)));
        failed.addAndGet(other.failed.get());
        skipped.addAndGet(other.skipped.get());
    }

    List<String> report(String prefix) {
        List<String> lines = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        for (String action : actions) {
            List<Long> list = latencies.getOrDefault(action, List.of());
            all.addAll(list);
            lines.add(prefix + line(action, list));
        }
        lines.add(prefix + line("all", all) + String.format(Locale.ROOT, "; %d failed, %d ADD_NUMBERS slots skipped "
                + "(writer busy)", failed.get(), skipped.get()));
        return lines;
    }

    private static String line(String action, List<Long> list) {
        long[] sorted;
        synchronized (list) {
            sorted = list.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        if (sorted.length == 0) {
            return String.format(Locale.ROOT, "%-17s no requests", action);
        }
        return String.format(Locale.ROOT, "%-17s %6d requests: p50 %6.1f  p95 %6.1f  p99 %6.1f  max %6.1f ms", action,
                sorted.length, ms(BenchMachine.percentile(sorted, 50)), ms(BenchMachine.percentile(sorted, 95)),
                ms(BenchMachine.percentile(sorted, 99)), ms(sorted[sorted.length - 1]));
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }
}
