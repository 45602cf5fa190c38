package org.outdial.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MicrosHistogramTest {

    @Test
    void percentilesAreBucketUpperBoundsAndTheMaximumIsExact() {
        MicrosHistogram histogram = new MicrosHistogram();
        for (int i = 0; i < 98; i++) {
            histogram.record(15);
        }
        histogram.record(1_234);
        histogram.record(45_678);

        assertEquals(100, histogram.count());
        assertEquals(20, histogram.percentile(0.50));
        assertEquals(1_300, histogram.percentile(0.99));
        assertEquals(45_678, histogram.percentile(1.0));
        assertEquals(45_678, histogram.max());
    }

    @Test
    void anEmptyHistogramReportsZero() {
        assertEquals(0, new MicrosHistogram().percentile(0.99));
    }

    @Test
    void valuesBeyondTheLastBucketKeepTheirExactMaximum() {
        MicrosHistogram histogram = new MicrosHistogram();
        histogram.record(5_000_000);

        assertEquals(5_000_000, histogram.percentile(0.5));
    }
}
