package org.outdial.engine.pacing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.outdial.sip.trunk.TrunkSettings;

/**
 * One trunk's lines ({@code max-calls}) and call rate ({@code max-cps}), shared by every campaign
 * that dials through it, so that together they never ask for more than the trunk allows. Thread-safe;
 * time is handed in, never read.
 *
 * <p>Calls per second is a <em>sliding</em> one-second window: a call may start at {@code now} when
 * fewer than {@code maxCps} calls started in {@code (now - 1 s, now]}. A fixed window (per
 * wall-clock second) would let {@code 2 × maxCps} calls through across a second boundary, which a
 * carrier policing with a token bucket (capacity and rate {@code maxCps}, the usual way) refuses
 * with 503, and the number would wrongly become BUSYOUT. Any sequence the sliding window lets
 * through fits that bucket: a closed span of length L holds at most {@code maxCps × (⌊L⌋ + 1)}
 * starts, and the bucket allows {@code maxCps × (1 + L)}. The dispatcher is its only user: the
 * engine admits calls and sip-stack trusts it (docs/DIALER.md, "The dispatcher").
 */
public final class TrunkCapacity {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final TrunkSettings settings;
    /** Start times (epoch nanoseconds) of the calls inside the window, oldest first, as a ring. */
    private final long[] starts;
    private int head;
    private int size;
    private int inFlight;

    public TrunkCapacity(TrunkSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.starts = new long[settings.maxCps()];
    }

    /** One capacity per configured trunk, by trunk name, in configuration order. */
    public static Map<String, TrunkCapacity> of(List<TrunkSettings> trunks) {
        Map<String, TrunkCapacity> byName = new LinkedHashMap<>();
        for (TrunkSettings trunk : trunks) {
            if (byName.putIfAbsent(trunk.name(), new TrunkCapacity(trunk)) != null) {
                throw new IllegalArgumentException("trunks[].name must be unique, " + trunk.name() + " repeats");
            }
        }
        return Map.copyOf(byName);
    }

    public TrunkSettings settings() {
        return settings;
    }

    /** {@code max-calls} minus the calls in flight on this trunk, from every campaign. */
    public synchronized int freeLines() {
        return settings.maxCalls() - inFlight;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    /** How many calls may start at {@code now} by {@code max-cps} alone (lines not counted). */
    public synchronized int callsAllowedNow(Instant now) {
        expire(nanos(now));
        return starts.length - size;
    }

    /**
     * When the next call may start by {@code max-cps}: {@code now} when the budget is not spent,
     * else when the oldest start in the window leaves it.
     */
    public synchronized Instant nextCallAllowedAt(Instant now) {
        expire(nanos(now));
        if (size < starts.length) {
            return now;
        }
        long at = starts[head] + NANOS_PER_SECOND;
        return Instant.ofEpochSecond(Math.floorDiv(at, NANOS_PER_SECOND), Math.floorMod(at, NANOS_PER_SECOND));
    }

    /**
     * Takes a line and a cps slot together, or neither: false when all lines are busy or
     * {@code max-cps} calls already started in the last second. A call that got one must
     * {@link #release()} its line when it ends.
     */
    public synchronized boolean tryAcquire(Instant now) {
        long t = nanos(now);
        expire(t);
        if (inFlight >= settings.maxCalls() || size >= starts.length) {
            return false;
        }
        starts[(head + size) % starts.length] = t;
        size++;
        inFlight++;
        return true;
    }

    /** Gives back the line of a call that ended. Campaigns waiting for a line should be woken after this. */
    public synchronized void release() {
        if (inFlight == 0) {
            throw new IllegalStateException("trunk " + settings.name() + ": release without a call in flight");
        }
        inFlight--;
    }

    /** Drops the starts that are a full second or more before {@code t}: the window is {@code (t - 1 s, t]}. */
    private void expire(long t) {
        while (size > 0 && starts[head] <= t - NANOS_PER_SECOND) {
            head = (head + 1) % starts.length;
            size--;
        }
    }

    private static long nanos(Instant now) {
        Objects.requireNonNull(now, "now");
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), NANOS_PER_SECOND), now.getNano());
    }
}
