package org.outdial.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SendStatisticsTest {

    private static final long PERIOD = MediaPacer.PERIOD_NANOS;
    private final SendStatistics stats = new SendStatistics();

    @Test
    void packetsAndBytesAreCounted() {
        stats.onSent(0, 0, 172, 0);
        stats.onSent(1, PERIOD, 16, PERIOD);

        assertEquals(2, stats.packetsSent());
        assertEquals(188, stats.bytesSent());
    }

    @Test
    void theIntervalErrorIsTheDistanceFromTwentyMillisecondsEitherWay() {
        stats.onSent(0, 0, 172, 0);
        stats.onSent(1, PERIOD, 172, PERIOD + 500_000);   // 20.5 ms after the first
        stats.onSent(2, 2 * PERIOD, 172, 2 * PERIOD + 100_000); // 19.6 ms after that

        assertEquals(500, stats.intervalErrorMaxMicros());
        assertEquals(410, stats.intervalErrorP50Micros(), "the smaller of 500 and 400 µs, as its 10 µs bucket's upper bound");
    }

    @Test
    void ticksSkippedByAStalledPacerAreNotIntervalError() {
        stats.onSent(7, 7 * PERIOD, 172, 7 * PERIOD);
        stats.onSent(10, 10 * PERIOD, 172, 10 * PERIOD + 30_000);

        assertEquals(30, stats.intervalErrorMaxMicros(), "60 ms apart, three periods: 30 µs off");
    }

    @Test
    void latenessIsMeasuredAgainstEachPacketsAbsoluteDeadlineAndNeverNegative() {
        stats.onSent(0, 1_000_000, 172, 1_250_000);
        stats.onSent(1, 1_000_000 + PERIOD, 172, PERIOD);   // early: counted as 0

        assertEquals(250, stats.latenessMaxMicros());
        assertEquals(250, stats.latenessP99Micros());
    }

    @Test
    void theFirstPacketHasNoIntervalEvenWhenSentAtTimeZero() {
        stats.onSent(0, 0, 172, 0);

        assertEquals(0, stats.intervalErrorMaxMicros());
        stats.onSent(1, PERIOD, 172, PERIOD + 40_000);
        assertEquals(40, stats.intervalErrorMaxMicros());
    }
}
