package org.outdial.engine.pacing;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * When a talking operator will be free again, as SMART predicts it from a campaign's recent talk
 * times: the talk's remaining length given how long it has lasted (the empirical distribution of
 * talks longer than that, once there are enough of them), plus the fixed wrap-up. Few samples, or a
 * talk longer than nearly all of them, fall back to an exponential remainder with the mean talk
 * pulled toward a prior of {@link #PRIOR_MEAN}: memoryless, so a long talk is not assumed to be
 * about to end.
 */
final class TalkTimes {

    static final double PRIOR_MEAN = 120;
    static final double PRIOR_SAMPLES = 10;
    /** Below this many samples the empirical distribution is not used. */
    static final int MIN_SAMPLES = 30;
    /** Talks longer than the elapsed time needed to use the empirical remainder. */
    static final int MIN_TAIL = 10;

    /** The last talk list seen and its sorted seconds: pacing asks every second with the same list. */
    private static volatile Sorted last = new Sorted(List.of(), new double[0], 0, new java.util.concurrent.ConcurrentHashMap<>());
    /** At most this many rows are kept per sample list (an hour of distinct talk seconds). */
    private static final int MAX_ROWS = 3600;

    private final double[] sorted;
    private final double mean;
    private final double wrapUp;
    /** freeWithin rows by whole seconds talked, for {@link #row}: filled as asked. */
    private final java.util.Map<Integer, double[]> rows;

    private TalkTimes(double[] sorted, double wrapUp, java.util.Map<Integer, double[]> rows) {
        this.sorted = sorted;
        this.rows = rows;
        double sum = 0;
        for (double t : sorted) {
            sum += t;
        }
        this.mean = (sum + PRIOR_MEAN * PRIOR_SAMPLES) / (sorted.length + PRIOR_SAMPLES);
        this.wrapUp = wrapUp;
    }

    static TalkTimes of(Outlook.Measured m) {
        Sorted cached = sorted(m.talk(), AnswerTimes.seconds(m.wrapUp()));
        return new TalkTimes(cached.seconds, cached.wrapUp, cached.rows);
    }

    /**
     * {@code freeWithin(talked, offset + j)} for j = 0..steps-1, with {@code talked} rounded down to
     * a whole second (half a second of error on a talk of minutes); rows are kept with the sample
     * list they came from, since pacing asks every second with the same one.
     */
    double[] row(double talking, double offset, int steps) {
        int second = (int) Math.min(Integer.MAX_VALUE - 1, Math.floor(talking));
        double[] row = rows.get(second);
        if (row == null || row.length < steps || offsetOf(row) != offset) {
            row = new double[steps + 1];
            for (int j = 0; j < steps; j++) {
                row[j] = freeWithin(second, offset + j);
            }
            row[steps] = offset;
            if (rows.size() < MAX_ROWS) {
                rows.put(second, row);
            }
        }
        return row;
    }

    private static double offsetOf(double[] row) {
        return row[row.length - 1];
    }

    /** The wrap-up after a talk, seconds. */
    double wrapUp() {
        return wrapUp;
    }

    /**
     * The probability that an operator talking for {@code talking} seconds is free (talk ended and
     * wrap-up over) within {@code within} seconds.
     */
    double freeWithin(double talking, double within) {
        double talkLeft = within - wrapUp;
        if (talkLeft <= 0) {
            return 0;
        }
        if (sorted.length >= MIN_SAMPLES) {
            int longer = sorted.length - above(talking);
            if (longer >= MIN_TAIL) {
                int endingBy = above(talking + talkLeft) - above(talking);
                return (double) endingBy / longer;
            }
        }
        return 1 - Math.exp(-talkLeft / mean);
    }

    /** How many samples are <= t. */
    private int above(double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static Sorted sorted(List<Duration> talks, double wrapUp) {
        Sorted cached = last;
        if (cached.talks == talks && cached.wrapUp == wrapUp) {
            return cached;
        }
        double[] seconds = new double[talks.size()];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = AnswerTimes.seconds(talks.get(i));
        }
        Arrays.sort(seconds);
        Sorted sorted = new Sorted(talks, seconds, wrapUp, new java.util.concurrent.ConcurrentHashMap<>());
        last = sorted;
        return sorted;
    }

    private record Sorted(List<Duration> talks, double[] seconds, double wrapUp, java.util.Map<Integer, double[]> rows) {
    }
}
