package org.outdial.testbed.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./outdial bench NAME [ARGS]}: runs one benchmark program. Benchmarks are programs, not
 * tests: each prints its figures and how they were taken; docs/BENCHMARKS.md records the latest run.
 */
public final class BenchCommand {

    /** A benchmark's entry point. */
    @FunctionalInterface
    interface Benchmark {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("campaign-api", CampaignApiBench::main);
        BENCHMARKS.put("bridged-calls", BridgedCallsBench::main);
        BENCHMARKS.put("call-setup", CallSetupBench::main);
        BENCHMARKS.put("concurrent-calls", ConcurrentCallsBench::main);
        BENCHMARKS.put("dead-air", DeadAirBench::main);
        BENCHMARKS.put("dialer", DialerBench::main);
        BENCHMARKS.put("metrics", MetricsBench::main);
        BENCHMARKS.put("mixed-load", MixedLoadBench::main);
        BENCHMARKS.put("pacing-grid", PacingGridBench::main);
        BENCHMARKS.put("webhooks", WebhooksBench::main);
        BENCHMARKS.put("smart-run", SmartRunBench::main);
    }

    private BenchCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !BENCHMARKS.containsKey(args[0])) {
            System.err.println("usage: ./outdial bench NAME [ARGS]; benchmarks: " + String.join(", ", BENCHMARKS.keySet()));
            System.exit(2);
        }
        BENCHMARKS.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
    }
}
