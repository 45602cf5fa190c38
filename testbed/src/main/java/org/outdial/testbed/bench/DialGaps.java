package org.outdial.testbed.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.outdial.engine.dialer.Dialer;
import org.outdial.testbed.carrier.SimulatedCarrier;
import org.outdial.testbed.phones.OperatorPhones;

/**
 * Looks at a SMART run every 100 ms: the carrier's INVITE count and how many operator phones are
 * on a call, and how long a task waits for the dialer's one thread ({@link Dialer#flush}: the
 * campaign looks and the timers, wrap-up ends included, share it). A stretch with no new INVITE while operators sit idle is the
 * dialer not dialing (a stall: the database, a collection, the machine), which the simulator,
 * deciding at every event, never has; a burst of dials after it answers in a burst.
 */
final class DialGaps {

    private static final long STEP_MS = 100;
    /** Stretches without a dial at least this long are listed. */
    private static final long LISTED_MS = 1500;

    private record Gap(Instant from, long millis, int minBusy) {
    }

    private final SimulatedCarrier carrier;
    private final OperatorPhones phones;
    private final Dialer dialer;
    private final List<Long> dialerLag = new ArrayList<>();
    private final List<Gap> gaps = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;

    private DialGaps(SimulatedCarrier carrier, OperatorPhones phones, Dialer dialer) {
        this.carrier = carrier;
        this.phones = phones;
        this.dialer = dialer;
        this.thread = Thread.ofPlatform().daemon().name("dial-gaps").unstarted(this::watch);
    }

    static DialGaps start(SimulatedCarrier carrier, OperatorPhones phones, Dialer dialer) {
        DialGaps g = new DialGaps(carrier, phones, dialer);
        g.thread.start();
        return g;
    }

    private void watch() {
        long last = carrier.invites();
        Instant since = Instant.now();
        int minBusy = Integer.MAX_VALUE;
        while (!stopped) {
            try {
                Thread.sleep(STEP_MS);
            } catch (InterruptedException e) {
                return;
            }
            long asked = System.nanoTime();
            try {
                dialer.flush().get(10, java.util.concurrent.TimeUnit.SECONDS);
                synchronized (dialerLag) {
                    dialerLag.add((System.nanoTime() - asked) / 1_000_000);
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                synchronized (dialerLag) {
                    dialerLag.add(10_000L);
                }
            } catch (InterruptedException e) {
                return;
            }
            long now = carrier.invites();
            int busy = phones.callsInProgress();
            if (now != last) {
                long gap = Duration.between(since, Instant.now()).toMillis();
                if (gap >= LISTED_MS) {
                    synchronized (gaps) {
                        gaps.add(new Gap(since, gap, minBusy));
                    }
                }
                last = now;
                since = Instant.now();
                minBusy = Integer.MAX_VALUE;
            } else {
                minBusy = Math.min(minBusy, busy);
            }
        }
    }

    void stop() throws InterruptedException {
        stopped = true;
        thread.join(1000);
    }

    String describe(Instant from) {
        StringBuilder out = new StringBuilder("stretches with no dial >= " + LISTED_MS + " ms (at +s: length, fewest "
                + "operators on a call meanwhile): ");
        synchronized (gaps) {
            out.append(gaps.size()).append(gaps.isEmpty() ? "" : ": ");
            for (Gap g : gaps) {
                out.append(String.format(Locale.ROOT, "+%.0f: %.1f s, %d; ", Duration.between(from, g.from).toMillis()
                        / 1000.0, g.millis / 1000.0, g.minBusy == Integer.MAX_VALUE ? -1 : g.minBusy));
            }
        }
        synchronized (dialerLag) {
            long[] lag = dialerLag.stream().mapToLong(Long::longValue).sorted().toArray();
            out.append(String.format(Locale.ROOT, "%n  a task's wait for the dialer's thread (sampled every %d ms, n %d): "
                    + "p50 %.0f ms, p99 %.0f ms, max %d ms, over 100 ms %d times", STEP_MS, lag.length,
                    BenchMachine.percentile(lag, 50), BenchMachine.percentile(lag, 99),
                    lag.length == 0 ? 0 : lag[lag.length - 1], java.util.Arrays.stream(lag).filter(l -> l > 100).count()));
        }
        return out.toString();
    }
}
