package org.outdial.testbed.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.outdial.testbed.carrier.SimulatedCarrier;
import org.outdial.testbed.phones.OperatorPhones;

/**
 * Looks at a SMART run every 100 ms from the outside: the carrier's INVITE count and how many
 * operator phones are on a call. A stretch with no new INVITE while operators sit idle is the
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
    private final List<Gap> gaps = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;

    private DialGaps(SimulatedCarrier carrier, OperatorPhones phones) {
        this.carrier = carrier;
        this.phones = phones;
        this.thread = Thread.ofPlatform().daemon().name("dial-gaps").unstarted(this::watch);
    }

    static DialGaps start(SimulatedCarrier carrier, OperatorPhones phones) {
        DialGaps g = new DialGaps(carrier, phones);
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
        return out.toString();
    }
}
