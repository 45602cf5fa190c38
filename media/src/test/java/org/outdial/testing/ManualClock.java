package org.outdial.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * A clock a test moves forward (Caffeine's {@code FakeTicker}): the code under test takes an
 * {@link InstantSource}, the test hands it this one and calls {@link #advance} instead of
 * sleeping. Safe to read from other threads while the test moves it.
 */
public final class ManualClock implements InstantSource {

    private final InstantSource base;
    private volatile Duration offset = Duration.ZERO;

    private ManualClock(InstantSource base) {
        this.base = base;
    }

    /** A clock that stands at {@code start} until the test moves it. */
    public static ManualClock at(Instant start) {
        return new ManualClock(InstantSource.fixed(Objects.requireNonNull(start, "start")));
    }

    /**
     * A clock that runs with the system clock, ahead of it by what the test advanced: for code
     * that also waits on real time (a SIP peer, Quartz) while the test skips, say, a retry
     * interval.
     */
    public static ManualClock followingSystemTime() {
        return new ManualClock(InstantSource.system());
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    /** Moves the clock forward by {@code by}, which must not be negative. */
    public synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock moves forward, not by " + by);
        }
        offset = offset.plus(by);
    }

    @Override
    public String toString() {
        return "ManualClock at " + instant();
    }
}
