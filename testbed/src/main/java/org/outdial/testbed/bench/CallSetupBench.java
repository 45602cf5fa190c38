package org.outdial.testbed.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.rtp.MediaSettings;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.call.RtpMediaLegs;
import org.outdial.sip.call.SipTelephony;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.stack.SipSettings;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testbed.sipp.CalleeNumbers;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.sipp.Sipp;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testbed.sipp.SippReport;

/**
 * Call-setup throughput: short answered calls (answer, 1 s of audio, BYE) against one SIPp UAS on
 * loopback, the rate stepped up until calls fail; then the best rate is held for the full
 * duration, stepping down until it holds with zero failures. The same search is run with SIPp's
 * own UAC ({@code -sn uac}, INVITE / 1 s pause / BYE, no RTP) against the same UAS as the
 * reference. Goal (issue 3): at least 300 calls per second and at least half SIPp's rate.
 *
 * <pre>./outdial bench call-setup [--from 200] [--step 200] [--max 4000] [--probe 10] [--hold 60]
 *                              [--talk-ms 1000] [--skip-sipp] [--skip-outdial]</pre>
 */
public final class CallSetupBench {

    private int from = 200;
    private int step = 200;
    private int max = 4000;
    private int probeSeconds = 10;
    private int holdSeconds = 60;
    private int talkMillis = 1000;
    private boolean runSipp = true;
    private boolean runOutdial = true;

    private record StepResult(int rate, int seconds, int calls, int answered, int failed, double achievedRate,
                              double setupP50Ms, double setupP99Ms, double cpuCores, String failures) {
        boolean clean() {
            return failed == 0 && answered == calls;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%4d cps x %2d s: %6d calls, %6d answered, %4d failed, achieved %.1f cps, "
                            + "setup p50 %.1f ms p99 %.1f ms, Outdial CPU %.2f cores%s", rate, seconds, calls, answered,
                    failed, achievedRate, setupP50Ms, setupP99Ms, cpuCores, failures.isEmpty() ? "" : " [" + failures + "]");
        }
    }

    public static void main(String[] args) throws Exception {
        CallSetupBench bench = new CallSetupBench();
        bench.parse(args);
        bench.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--from" -> from = Integer.parseInt(args[++i]);
                case "--step" -> step = Integer.parseInt(args[++i]);
                case "--max" -> max = Integer.parseInt(args[++i]);
                case "--probe" -> probeSeconds = Integer.parseInt(args[++i]);
                case "--hold" -> holdSeconds = Integer.parseInt(args[++i]);
                case "--talk-ms" -> talkMillis = Integer.parseInt(args[++i]);
                case "--skip-sipp" -> runSipp = false;
                case "--skip-outdial" -> runOutdial = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see the class javadoc");
            }
        }
    }

    private void run() throws Exception {
        System.out.println("call-setup benchmark: " + BenchMachine.describe());
        System.out.println("peer: one " + Sipp.version() + " UAS (testbed/sipp/callee.xml, number 7000: 100, 180, 200, "
                + "RTP echo, waits for BYE) on 127.0.0.1");
        System.out.printf(Locale.ROOT, "method: each call = INVITE, answer, %d ms of audio, BYE; rate stepped from %d by %d "
                + "for %d s per step until a call fails, then the best rate held %d s (stepping down until it holds)%n",
                talkMillis, from, step, probeSeconds, holdSeconds);
        // Each side gets a fresh UAS process (same scenario and options): a UAS that has just been
        // overloaded by one side's failing step carries half-finished calls into the other's.
        int outdialBest = -1;
        if (runOutdial) {
            try (SippProcess uas = SippProcess.callee(Duration.ofHours(3))) {
                outdialBest = search("Outdial", rate -> outdialStep(uas, rate, probeSeconds),
                        rate -> outdialStep(uas, rate, holdSeconds));
            }
        }
        int sippBest = -1;
        if (runSipp) {
            try (SippProcess uas = SippProcess.callee(Duration.ofHours(3))) {
                sippBest = search("SIPp UAC", rate -> sippStep(uas, rate, probeSeconds),
                        rate -> sippStep(uas, rate, holdSeconds));
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "RESULT: Outdial sustained %d cps for %d s with zero failures; SIPp UAC %d cps; "
                + "ratio %.2f (goals: >= 300 cps, >= 0.5)%n", outdialBest, holdSeconds, sippBest,
                sippBest > 0 && outdialBest > 0 ? (double) outdialBest / sippBest : Double.NaN);
    }

    @FunctionalInterface
    private interface Step {
        StepResult run(int rate) throws Exception;
    }

    private int search(String who, Step probe, Step hold) throws Exception {
        System.out.println();
        System.out.println("== " + who + ": probing");
        int lastClean = -1;
        for (int rate = from; rate <= max; rate += step) {
            StepResult r = probe.run(rate);
            System.out.println(who + " probe  " + r + ", load " + BenchMachine.loadAverage());
            if (!r.clean()) {
                break;
            }
            lastClean = rate;
        }
        if (lastClean < 0) {
            System.out.println(who + ": even " + from + " cps failed");
            return -1;
        }
        System.out.println("== " + who + ": holding");
        for (int rate = lastClean; rate >= from; rate -= step / 2 > 0 ? step / 2 : 1) {
            StepResult r = hold.run(rate);
            System.out.println(who + " hold   " + r + ", load " + BenchMachine.loadAverage());
            if (r.clean()) {
                return rate;
            }
        }
        return -1;
    }

    private StepResult outdialStep(SippProcess uas, int rate, int seconds) throws Exception {
        int rtpBase = LoopbackPorts.evenRange(Math.min(20000, rate * 8 + 200));
        int rtpCount = Math.min(20000, rate * 8 + 200);
        TrunkSettings trunk = new TrunkSettings("sipp", "127.0.0.1", uas.sipPort(), "udp", null, null, "15550001", "",
                100_000, 10_000);
        AudioSource audio = AudioSource.tone(440, Duration.ofMillis(talkMillis), 0.3);
        int total = rate * seconds;
        ConcurrentLinkedQueue<CallOutcome> outcomes = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        long cpuBefore;
        long started;
        long lastStart;
        try (MediaEngine media = MediaEngine.start(new MediaSettings("127.0.0.1", rtpBase, rtpBase + rtpCount - 1));
             SipTelephony telephony = SipTelephony.start(new SipSettings("127.0.0.1", LoopbackPorts.sipPort(), 8),
                     List.of(trunk), new RtpMediaLegs(media));
             ExecutorService flows = Executors.newVirtualThreadPerTaskExecutor()) {
            warmUp(telephony);
            cpuBefore = BenchMachine.processCpu().toNanos();
            long period = 1_000_000_000L / rate;
            started = System.nanoTime();
            lastStart = started;
            for (int i = 0; i < total; i++) {
                long due = started + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                lastStart = System.nanoTime();
                String number = CalleeNumbers.withSerial(100_000 + i, CalleeNumbers.ANSWER);
                flows.submit(() -> {
                    try {
                        Call call = telephony.dial(DialRequest.of("sipp", number, Duration.ofSeconds(10)));
                        if (call.answered().get(15, TimeUnit.SECONDS)) {
                            call.play(audio).get(talkMillis + 5000L, TimeUnit.MILLISECONDS);
                            call.hangup();
                        }
                        outcomes.add(call.outcome().get(45, TimeUnit.SECONDS));
                    } catch (Exception e) {
                        errors.add(e.toString());
                    } finally {
                        done.incrementAndGet();
                    }
                    return null;
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (done.get() < total && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        long cpu = BenchMachine.processCpu().toNanos() - cpuBefore;
        double wall = (System.nanoTime() - started) / 1e9;
        double achieved = total > 1 ? (total - 1) / ((lastStart - started) / 1e9) : total;
        int answered = 0;
        List<Long> setups = new ArrayList<>();
        StringBuilder failures = new StringBuilder();
        for (CallOutcome o : outcomes) {
            if (o.outcome() == Outcome.ANSWERED) {
                answered++;
                o.timings().dialToAnswer().ifPresent(d -> setups.add(d.toNanos()));
            } else if (failures.length() < 200) {
                failures.append(o.outcome()).append(' ').append(o.sipCode()).append(' ').append(o.reason()).append("; ");
            }
        }
        errors.stream().limit(3).forEach(e -> failures.append(e).append("; "));
        int failed = total - answered;
        long[] sorted = setups.stream().mapToLong(Long::longValue).sorted().toArray();
        return new StepResult(rate, seconds, total, answered, failed, achieved,
                BenchMachine.percentile(sorted, 50) / 1e6, BenchMachine.percentile(sorted, 99) / 1e6, cpu / 1e9 / wall,
                failures.toString());
    }

    /** A few calls first, so class loading and JIT do not count against the first step. */
    private static void warmUp(SipTelephony telephony) throws Exception {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(telephony.dial(DialRequest.of("sipp", CalleeNumbers.finalResponse(486), Duration.ofSeconds(5))));
        }
        for (Call c : calls) {
            c.outcome().get(40, TimeUnit.SECONDS);
        }
    }

    private StepResult sippStep(SippProcess uas, int rate, int seconds) {
        int total = rate * seconds;
        long started = System.nanoTime();
        try (SippProcess uac = SippProcess.uac("127.0.0.1:" + uas.sipPort(), Duration.ofSeconds(seconds + 120),
                List.of("-sn", "uac", "-s", CalleeNumbers.ANSWER, "-d", Integer.toString(talkMillis),
                        "-r", Integer.toString(rate), "-m", Integer.toString(total),
                        "-l", Integer.toString(Math.max(100, rate * 10))))) {
            SippReport report = uac.awaitExit(Duration.ofSeconds(seconds + 90));
            double wall = (System.nanoTime() - started) / 1e9;
            long ok = Math.max(0, report.successfulCalls());
            long failed = total - ok;
            String why = report.exitCode() == 0 ? "" : "exit " + report.exitCode();
            return new StepResult(rate, seconds, total, (int) ok, (int) failed,
                    total / Math.max(1e-9, wall - talkMillis / 1000.0), Double.NaN, Double.NaN, Double.NaN, why);
        }
    }
}
