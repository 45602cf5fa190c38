package org.outdial.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReceiveStatisticsTest {

    private static final long MS = 1_000_000;

    @Test
    void anUnbrokenStreamAcrossTheSequenceWrapLosesNothing() {
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        int seq = 65530;
        for (int i = 0; i < 20; i++) {
            stats.onPacket(7, seq, i * 160L, i * 20 * MS, true);
            seq = (seq + 1) & 0xFFFF;
        }

        assertEquals(20, stats.expected());
        assertEquals(20, stats.received());
        assertEquals(0, stats.lost());
    }

    @Test
    void missingSequenceNumbersAcrossTheWrapCountAsLost() {
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        int[] arrived = {65533, 65534, /* 65535 and 0 lost */ 1, 2, /* 3 lost */ 4};
        for (int i = 0; i < arrived.length; i++) {
            stats.onPacket(7, arrived[i], i * 160L, i * 20 * MS, true);
        }

        assertEquals(8, stats.expected());
        assertEquals(3, stats.lost());
    }

    @Test
    void aReorderedPacketIsNotLost() {
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        int[] arrived = {10, 12, 11, 13};
        for (int i = 0; i < arrived.length; i++) {
            stats.onPacket(7, arrived[i], arrived[i] * 160L, i * 20 * MS, true);
        }

        assertEquals(0, stats.lost());
    }

    @Test
    void perfectlyTimedPacketsHaveNoJitter() {
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        for (int i = 0; i < 100; i++) {
            stats.onPacket(7, i, 1000 + i * 160L, 5 * MS + i * 20 * MS, true);
        }

        assertEquals(0.0, stats.jitter(), 1e-6);
    }

    @Test
    void alternatingArrivalDelaysConvergeToTheRfcEstimate() {
        // Every other packet arrives 4 ms late: |D| alternates 32 timestamp units, and
        // J += (|D| - J)/16 converges to 32.
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        for (int i = 0; i < 1000; i++) {
            long arrival = i * 20 * MS + (i % 2 == 1 ? 4 * MS : 0);
            stats.onPacket(7, i, i * 160L, arrival, true);
        }

        assertEquals(32.0, stats.jitter(), 0.5);
        assertEquals(4.0, stats.jitterMillis(), 0.1);
    }

    @Test
    void telephoneEventsCountButDoNotDisturbJitter() {
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        for (int i = 0; i < 50; i++) {
            // Event packets repeat the event's start timestamp while time moves on.
            boolean event = i >= 20 && i < 27;
            long timestamp = event ? 20 * 160L : i * 160L;
            stats.onPacket(7, i, timestamp, i * 20 * MS, !event);
        }

        assertEquals(50, stats.received());
        assertEquals(0.0, stats.jitter(), 1e-6);
    }

    @Test
    void aNewSsrcStartsItsOwnCount() {
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        stats.onPacket(1, 100, 0, 0, true);
        stats.onPacket(1, 150, 160, 20 * MS, true); // 49 lost in the first stream

        stats.onPacket(2, 5000, 0, 40 * MS, true);
        stats.onPacket(2, 5001, 160, 60 * MS, true);

        assertEquals(0, stats.lost());
        assertEquals(2, stats.received());
    }
}
