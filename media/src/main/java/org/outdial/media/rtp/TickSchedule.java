package org.outdial.media.rtp;

/**
 * The pacer's clock arithmetic, apart from any real clock. Deadlines are absolute: tick n is due at
 * {@code start + n × period}, so a late tick does not push the ones after it (no drift), and ticks
 * that are due run back to back until the schedule is caught up. Only when the pacer is hopelessly
 * late (a stalled VM, a suspended laptop) does it skip ahead instead of bursting seconds of audio.
 */
final class TickSchedule {

    private final long startNanos;
    private final long periodNanos;
    private final long maxLagTicks;
    private long tick;
    private long skipped;

    /** @param maxLagTicks how many periods late a tick may be before the schedule skips ahead */
    TickSchedule(long startNanos, long periodNanos, long maxLagTicks) {
        if (periodNanos <= 0 || maxLagTicks < 1) {
            throw new IllegalArgumentException("period and max lag must be positive");
        }
        this.startNanos = startNanos;
        this.periodNanos = periodNanos;
        this.maxLagTicks = maxLagTicks;
    }

    /** The index of the next tick to run. */
    long tick() {
        return tick;
    }

    /** When the next tick is due. */
    long deadline() {
        return startNanos + tick * periodNanos;
    }

    /**
     * Called when the next tick is about to run at {@code now}: skips the ticks that are more than
     * the allowed lag behind and returns how many were skipped.
     */
    long skipIfHopelesslyLate(long now) {
        long lateTicks = (now - deadline()) / periodNanos;
        if (lateTicks <= maxLagTicks) {
            return 0;
        }
        tick += lateTicks;
        skipped += lateTicks;
        return lateTicks;
    }

    /** Marks the next tick as run. */
    void advance() {
        tick++;
    }

    long skippedTicks() {
        return skipped;
    }
}
