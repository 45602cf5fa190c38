package org.outdial.media.rtp;

/**
 * A fixed-size histogram of microsecond values, cheap enough to record every packet of thousands
 * of calls: 10 µs buckets below 1 ms, 100 µs below 10 ms, 1 ms below 100 ms, then one overflow
 * bucket. Percentiles are the upper bound of the bucket they fall in; the maximum is exact.
 * Not thread-safe: one event loop records and reads it.
 */
final class MicrosHistogram {

    private static final int FINE = 100;     // 0..999 µs in 10 µs steps
    private static final int MEDIUM = 90;    // 1000..9999 µs in 100 µs steps
    private static final int COARSE = 90;    // 10000..99999 µs in 1 ms steps
    private final int[] counts = new int[FINE + MEDIUM + COARSE + 1];
    private long total;
    private long max;

    void record(long micros) {
        long value = Math.max(0, micros);
        counts[bucket(value)]++;
        total++;
        if (value > max) {
            max = value;
        }
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    /** @param quantile 0..1 */
    long percentile(double quantile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), max);
            }
        }
        return max;
    }

    private static int bucket(long micros) {
        if (micros < 1_000) {
            return (int) (micros / 10);
        }
        if (micros < 10_000) {
            return FINE + (int) ((micros - 1_000) / 100);
        }
        if (micros < 100_000) {
            return FINE + MEDIUM + (int) ((micros - 10_000) / 1_000);
        }
        return FINE + MEDIUM + COARSE;
    }

    private static long upperBound(int bucket) {
        if (bucket < FINE) {
            return (bucket + 1) * 10L;
        }
        if (bucket < FINE + MEDIUM) {
            return 1_000 + (bucket - FINE + 1) * 100L;
        }
        if (bucket < FINE + MEDIUM + COARSE) {
            return 10_000 + (bucket - FINE - MEDIUM + 1) * 1_000L;
        }
        return Long.MAX_VALUE;
    }
}
