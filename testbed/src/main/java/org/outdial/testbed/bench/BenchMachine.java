package org.outdial.testbed.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** What a benchmark prints about the machine, and the process measurements it takes. */
final class BenchMachine {

    private BenchMachine() {
    }

    static String describe() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "%d cores, %.1f GiB RAM, %s %s, Java %s (%s), max heap %d MiB",
                Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    /** CPU time this process has used, all threads. */
    static Duration processCpu() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return Duration.ofNanos(os.getProcessCpuTime());
    }

    /** Resident set size of this process in MiB (Linux), or -1. */
    static long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Busy jiffies and total jiffies of the whole machine (Linux /proc/stat), for system CPU share. */
    static long[] systemCpuJiffies() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** The 1, 5 and 15 minute load averages (Linux), to show what else was running. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * How often this machine takes the CPU away from a running thread: one thread spins on the
     * clock for {@code duration} and counts the gaps between two readings over 1, 2 and 5 ms. On
     * an idle dedicated machine there are none; on a shared virtual machine the host's other
     * tenants show up here, and every pacing figure measured afterwards carries them.
     */
    static String stallProbe(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long last = System.nanoTime();
        int over1 = 0;
        int over2 = 0;
        int over5 = 0;
        long max = 0;
        for (long now = last; now < end; now = System.nanoTime()) {
            long gap = now - last;
            if (gap > 1_000_000) {
                over1++;
                over2 += gap > 2_000_000 ? 1 : 0;
                over5 += gap > 5_000_000 ? 1 : 0;
            }
            max = Math.max(max, gap);
            last = now;
        }
        return String.format(Locale.ROOT, "a thread spinning %d s alone lost the CPU %d times > 1 ms, %d > 2 ms, "
                + "%d > 5 ms, longest %.1f ms", duration.toSeconds(), over1, over2, over5, max / 1e6);
    }
}
