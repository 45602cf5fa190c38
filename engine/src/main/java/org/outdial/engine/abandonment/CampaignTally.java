package org.outdial.engine.abandonment;

import org.outdial.engine.pacing.Outlook;

/**
 * One campaign's live-answered and abandoned calls per quarter-hour, in a ring that holds the
 * rolling window (and at least a day and a bit, for "today"), with running sums over the window
 * so that the window's tally costs nothing per pacing decision; "today" adds up at most 100
 * buckets (a 25-hour day). Not thread-safe: {@link AbandonmentLedger} guards it.
 *
 * <p>The window moves in quarter-hour steps: at {@code now} it holds the buckets
 * {@code (bucket(now) − windowBuckets, bucket(now)]}, so a call answered at {@code t} is counted
 * until {@code start(bucket(t)) + window}: at most the window after {@code t}, and at least the
 * window less 15 minutes.
 */
final class CampaignTally {

    /** A 25-hour day (the fall-back day of daylight saving) in buckets, plus the current one. */
    static final int DAY_BUCKETS = 25 * 4 + 1;
    private static final long EMPTY = Long.MIN_VALUE;

    private final int windowBuckets;
    private final int size;
    private final long[] stamp;
    private final long[] live;
    private final long[] abandoned;
    /** The newest bucket seen (by a record or a query); the window's sums are as of it. */
    private long newest = EMPTY;
    private long liveInWindow;
    private long abandonedInWindow;

    CampaignTally(int windowBuckets) {
        if (windowBuckets < 1) {
            throw new IllegalArgumentException("windowBuckets must be >= 1, was " + windowBuckets);
        }
        this.windowBuckets = windowBuckets;
        this.size = Math.max(windowBuckets, DAY_BUCKETS);
        this.stamp = new long[size];
        this.live = new long[size];
        this.abandoned = new long[size];
        java.util.Arrays.fill(stamp, EMPTY);
    }

    /** Counts {@code calls} live-answered calls in {@code bucket}, {@code ofThemAbandoned} of them abandoned. */
    void add(long bucket, long calls, long ofThemAbandoned) {
        if (calls < 0 || ofThemAbandoned < 0 || ofThemAbandoned > calls) {
            throw new IllegalArgumentException("must be 0 <= abandoned <= calls, was " + ofThemAbandoned + ", " + calls);
        }
        advance(bucket);
        if (bucket <= newest - size) {
            return; // older than anything kept: in no window
        }
        int slot = slot(bucket);
        if (stamp[slot] != bucket) { // what the slot held is older than the window (size >= windowBuckets)
            stamp[slot] = bucket;
            live[slot] = 0;
            abandoned[slot] = 0;
        }
        live[slot] += calls;
        abandoned[slot] += ofThemAbandoned;
        if (bucket > newest - windowBuckets) {
            liveInWindow += calls;
            abandonedInWindow += ofThemAbandoned;
        }
    }

    /** The rolling window ending in {@code nowBucket}. */
    Outlook.Tally window(long nowBucket) {
        advance(nowBucket);
        return new Outlook.Tally(liveInWindow, abandonedInWindow);
    }

    /** The buckets from {@code fromBucket} to {@code nowBucket}, both included (the current day). */
    Outlook.Tally since(long fromBucket, long nowBucket) {
        advance(nowBucket);
        long l = 0;
        long a = 0;
        for (long b = Math.max(fromBucket, newest - size + 1); b <= nowBucket; b++) {
            int slot = slot(b);
            if (stamp[slot] == b) {
                l += live[slot];
                a += abandoned[slot];
            }
        }
        return new Outlook.Tally(l, a);
    }

    /** Moves the window's end to {@code bucket}, taking out of the sums the buckets that leave it. */
    private void advance(long bucket) {
        if (newest == EMPTY) {
            newest = bucket;
            return;
        }
        if (bucket <= newest) {
            return;
        }
        long leaving = Math.min(bucket - newest, windowBuckets);
        for (long b = newest - windowBuckets + 1, end = b + leaving; b < end; b++) {
            int slot = slot(b);
            if (stamp[slot] == b) {
                liveInWindow -= live[slot];
                abandonedInWindow -= abandoned[slot];
            }
        }
        newest = bucket;
    }

    private int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) size);
    }
}
