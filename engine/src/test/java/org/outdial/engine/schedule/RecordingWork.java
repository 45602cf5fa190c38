package org.outdial.engine.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records every call Quartz makes, for tests to await and inspect. */
class RecordingWork implements ScheduledWork {

    enum Kind { TICK, WINDOW_EVENT, CLEANUP }

    /** {@code campaignId} is 0 except for window events; {@code arrivedNanos} is when the call came. */
    record Call(Kind kind, long campaignId, Instant now, long arrivedNanos) {
    }

    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();

    @Override
    public void tick(Instant now) {
        calls.add(new Call(Kind.TICK, 0, now, System.nanoTime()));
    }

    @Override
    public void windowEvent(long campaignId, Instant now) {
        calls.add(new Call(Kind.WINDOW_EVENT, campaignId, now, System.nanoTime()));
    }

    @Override
    public void cleanup(Instant now) {
        calls.add(new Call(Kind.CLEANUP, 0, now, System.nanoTime()));
    }

    /** The next call of {@code kind} within {@code timeout}, or null; other calls are dropped. */
    Call next(Kind kind, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Call call = calls.poll(left, TimeUnit.NANOSECONDS);
            if (call != null && call.kind() == kind) {
                return call;
            }
        }
        return null;
    }

    /** Every call of {@code kind} that arrives within {@code period} from now. */
    List<Call> during(Kind kind, Duration period) throws InterruptedException {
        long deadline = System.nanoTime() + period.toNanos();
        List<Call> seen = new ArrayList<>();
        for (long left = period.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Call call = next(kind, Duration.ofNanos(left));
            if (call != null) {
                seen.add(call);
            }
        }
        return seen;
    }
}
