package org.outdial.testbed.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.rtp.MediaPacer;
import org.outdial.media.rtp.MediaSettings;
import org.outdial.media.rtp.RtpStats;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.call.RtpMediaLegs;
import org.outdial.sip.call.SipTelephony;
import org.outdial.sip.stack.SipSettings;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testbed.sipp.CalleeNumbers;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.sipp.Sipp;
import org.outdial.testbed.sipp.SippProcess;

/**
 * Concurrent calls with media: N answered calls to a SIPp UAS (which echoes RTP), all playing
 * audio for the hold time. Reports this process's CPU and RSS, the machine's CPU (SIPp included),
 * each call's RTP send-interval error (|actual − 20 ms| between consecutive packets, measured by
 * the media module), packets sent against the 50/s expected, and loss on the echoed stream.
 * Goal (issue 3): 2,000 calls on a 2-core machine with send-interval error p99 ≤ 2 ms.
 *
 * <pre>./outdial bench concurrent-calls [--calls 500,1000,2000] [--hold 60] [--ramp-cps 200] [--io-threads CORES] [--no-echo]</pre>
 *
 * <p>{@code --no-echo}: SIPp answers but does not echo RTP, so nothing comes back (no loss
 * figure) and the echo's CPU is not on the machine: Outdial's sending alone.
 */
public final class ConcurrentCallsBench {

    private List<Integer> levels = List.of(500, 1000, 2000);
    private int holdSeconds = 60;
    private int rampCps = 200;
    private int ioThreads = Runtime.getRuntime().availableProcessors();
    private boolean echo = true;

    public static void main(String[] args) throws Exception {
        ConcurrentCallsBench bench = new ConcurrentCallsBench();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--calls" -> bench.levels = java.util.Arrays.stream(args[++i].split(",")).map(String::strip)
                        .map(Integer::parseInt).toList();
                case "--hold" -> bench.holdSeconds = Integer.parseInt(args[++i]);
                case "--ramp-cps" -> bench.rampCps = Integer.parseInt(args[++i]);
                case "--io-threads" -> bench.ioThreads = Integer.parseInt(args[++i]);
                case "--no-echo" -> bench.echo = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see the class javadoc");
            }
        }
        System.out.println("concurrent-calls benchmark: " + BenchMachine.describe());
        System.out.println("peer: " + Sipp.version() + " UAS (testbed/sipp/callee.xml, number 7000) "
                + (bench.echo ? "with -rtp_echo" : "without RTP echo (--no-echo)") + ", on 127.0.0.1, sharing the machine");
        System.out.printf(Locale.ROOT, "method: calls started at %d cps, each plays a %d s tone (PCMU, 20 ms packets "
                + "on the shared pacer); measured over the %d s hold after the last call was answered%n",
                bench.rampCps, bench.holdSeconds + 30, bench.holdSeconds);
        for (int calls : bench.levels) {
            bench.level(calls);
        }
    }

    private void level(int calls) throws Exception {
        System.out.println();
        System.out.println("machine noise before " + calls + " calls: " + BenchMachine.stallProbe(Duration.ofSeconds(10)));
        int rtpCount = calls * 2 + 200;
        int rtpBase = LoopbackPorts.evenRange(rtpCount);
        AudioSource tone = AudioSource.tone(440, Duration.ofSeconds(holdSeconds + 30L + calls / rampCps), 0.3);
        try (SippProcess uas = echo ? SippProcess.callee(Duration.ofMinutes(30))
                : SippProcess.calleeWithoutEcho(Duration.ofMinutes(30));
             MediaEngine media = MediaEngine.start(new MediaSettings("127.0.0.1", rtpBase, rtpBase + rtpCount - 1),
                     ioThreads);
             SipTelephony telephony = SipTelephony.start(new SipSettings("127.0.0.1", LoopbackPorts.sipPort(), 8),
                     List.of(new TrunkSettings("sipp", "127.0.0.1", uas.sipPort(), "udp", null, null, "15550001", "",
                             100_000, 10_000)), new RtpMediaLegs(media));
             ExecutorService flows = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Call> up = new ArrayList<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch answered = new CountDownLatch(calls);
            long period = 1_000_000_000L / rampCps;
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                LockSupport.parkNanos(start + i * period - System.nanoTime());
                Call call = telephony.dial(new DialRequest("sipp", CalleeNumbers.withSerial(200_000 + i,
                        CalleeNumbers.ANSWER), null, Duration.ofSeconds(10), Duration.ofHours(1)));
                synchronized (up) {
                    up.add(call);
                }
                flows.submit(() -> {
                    try {
                        if (call.answered().get(20, TimeUnit.SECONDS)) {
                            call.play(tone);
                        } else {
                            failures.add(call.outcome().get().toString());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    } finally {
                        answered.countDown();
                    }
                    return null;
                });
            }
            answered.await(60, TimeUnit.SECONDS);
            long[] sysBefore = BenchMachine.systemCpuJiffies();
            long cpuBefore = BenchMachine.processCpu().toNanos();
            long holdStart = System.nanoTime();
            long ticksBefore = media.pacer().ticks();
            long skippedBefore = media.pacer().skippedTicks();
            Thread.sleep(holdSeconds * 1000L);
            double wall = (System.nanoTime() - holdStart) / 1e9;
            double cpuCores = (BenchMachine.processCpu().toNanos() - cpuBefore) / 1e9 / wall;
            long[] sysAfter = BenchMachine.systemCpuJiffies();
            double machineBusy = sysAfter[1] == sysBefore[1] ? Double.NaN
                    : 100.0 * (sysAfter[0] - sysBefore[0]) / (sysAfter[1] - sysBefore[1]);
            long rss = BenchMachine.rssMiB();
            long ticks = media.pacer().ticks() - ticksBefore;
            long skipped = media.pacer().skippedTicks() - skippedBefore;

            List<RtpStats> stats = new ArrayList<>();
            for (Call call : up) {
                if (call.answered().getNow(false)) {
                    stats.add(call.mediaStats());
                }
            }
            List<MediaPacer.LoopTiming> timings = media.pacer().loopTimings();
            up.forEach(Call::hangup);
            for (Call call : up) {
                call.outcome().get(45, TimeUnit.SECONDS);
            }
            report(calls, stats, failures, cpuCores, machineBusy, rss, ticks, skipped, wall);
            for (MediaPacer.LoopTiming t : timings) {
                System.out.printf(Locale.ROOT, "   event loop: %d sessions, %d tick runs; start late p50 %.2f / p99 %.2f / max %.2f ms; run p50 %.2f / p99 %.2f / max %.2f ms%n",
                        t.sessions(), t.runs(), t.lateP50Micros() / 1e3, t.lateP99Micros() / 1e3, t.lateMaxMicros() / 1e3,
                        t.runP50Micros() / 1e3, t.runP99Micros() / 1e3, t.runMaxMicros() / 1e3);
            }
        }
    }

    private void report(int calls, List<RtpStats> stats, ConcurrentLinkedQueue<String> failures, double cpuCores,
                        double machineBusyPercent, long rssMiB, long ticks, long skippedTicks, double wall) {
        long[] p50 = stats.stream().mapToLong(RtpStats::sendIntervalErrorP50Micros).sorted().toArray();
        long[] p99 = stats.stream().mapToLong(RtpStats::sendIntervalErrorP99Micros).sorted().toArray();
        long max = stats.stream().mapToLong(RtpStats::sendIntervalErrorMaxMicros).max().orElse(0);
        long sent = stats.stream().mapToLong(RtpStats::packetsSent).sum();
        long received = stats.stream().mapToLong(RtpStats::packetsReceived).sum();
        long lost = stats.stream().mapToLong(RtpStats::packetsLost).sum();
        System.out.println();
        System.out.printf(Locale.ROOT, "== %d calls: %d answered and playing, %d failed%s%n", calls, stats.size(),
                failures.size(), failures.isEmpty() ? "" : " (" + failures.peek() + ")");
        System.out.printf(Locale.ROOT, "   CPU: Outdial %.2f cores (%.0f%% of the machine); whole machine incl. SIPp %.0f%% busy%n",
                cpuCores, 100 * cpuCores / Runtime.getRuntime().availableProcessors(), machineBusyPercent);
        System.out.printf(Locale.ROOT, "   RSS: %d MiB; load average at the end %s%n", rssMiB, BenchMachine.loadAverage());
        System.out.printf(Locale.ROOT, "   send-interval error per call: p50 median %.3f ms; p99 median %.3f ms, p99 of p99s "
                        + "%.3f ms, worst p99 %.3f ms; max %.3f ms%n", BenchMachine.percentile(p50, 50) / 1000,
                BenchMachine.percentile(p99, 50) / 1000, BenchMachine.percentile(p99, 99) / 1000,
                BenchMachine.percentile(p99, 100) / 1000, max / 1000.0);
        long[] late99 = stats.stream().mapToLong(RtpStats::sendLatenessP99Micros).sorted().toArray();
        System.out.printf(Locale.ROOT, "   lateness after the 20 ms deadline per call: p99 median %.3f ms, worst p99 %.3f ms%n",
                BenchMachine.percentile(late99, 50) / 1000, BenchMachine.percentile(late99, 100) / 1000);
        System.out.printf(Locale.ROOT, "   pacer: %d ticks in %.1f s (%.1f/s), %d skipped%n", ticks, wall, ticks / wall,
                skippedTicks);
        System.out.printf(Locale.ROOT, "   packets: %d sent, %d echoed back, %d lost on the echo path (%.3f%%)%n", sent,
                received, lost, received + lost == 0 ? 0.0 : 100.0 * lost / (received + lost));
    }
}
