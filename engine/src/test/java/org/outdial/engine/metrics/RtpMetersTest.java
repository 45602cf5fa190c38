package org.outdial.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.outdial.media.rtp.RtpStats;

class RtpMetersTest {

    @Test
    void eachClosedSessionAddsItsPacketsBytesAndLossAndItsIntervalError() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RtpMeters meters = new RtpMeters(registry);
        // 10 s of 20 ms frames out (500 packets of 172 bytes), 498 in with 2 lost, p99 error 350 us.
        meters.accept(new RtpStats(500, 86_000, 498, 85_656, 2, 1.5, 40, 350, 900, 500, 1_200));
        meters.accept(new RtpStats(50, 8_600, 0, 0, 0, 0, 30, 250, 400, 300, 600));

        assertEquals(2, registry.find("outdial.rtp.sessions").counter().count());
        assertEquals(550, registry.find("outdial.rtp.packets").tag("direction", "sent").counter().count());
        assertEquals(498, registry.find("outdial.rtp.packets").tag("direction", "received").counter().count());
        assertEquals(94_600, registry.find("outdial.rtp").tag("direction", "sent").counter().count());
        assertEquals(2, registry.find("outdial.rtp.packets.lost").counter().count());
        DistributionSummary error = registry.find("outdial.rtp.send.interval.error").summary();
        assertEquals(2, error.count());
        assertEquals(0.000350, error.max(), 1e-9);
        assertEquals(1, registry.find("outdial.rtp.jitter").summary().count(), "a session that received nothing has no jitter");
    }
}
