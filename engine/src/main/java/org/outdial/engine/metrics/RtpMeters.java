package org.outdial.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.outdial.media.rtp.RtpStats;

/**
 * RTP's meters (docs/METRICS.md, "RTP"), fed with each session's final figures as it closes
 * ({@code MediaEngine.onSessionClosed}): packets and bytes each way, packets lost, and each
 * session's send-interval error and jitter as distributions. A call's packets therefore show
 * when its leg closes, not while it talks. No labels: one process, one media engine.
 */
public final class RtpMeters implements Consumer<RtpStats> {

    /** Send-interval error buckets, in seconds: 20 ms frames, so anything past a few ms is audible. */
    private static final double[] INTERVAL_BUCKETS = {0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02};
    /** Jitter buckets, in seconds (RFC 3550 interarrival jitter). */
    private static final double[] JITTER_BUCKETS = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1};

    private final Counter sessions;
    private final Counter packetsSent;
    private final Counter packetsReceived;
    private final Counter bytesSent;
    private final Counter bytesReceived;
    private final Counter lost;
    private final DistributionSummary intervalErrorP99;
    private final DistributionSummary jitter;

    public RtpMeters(MeterRegistry registry) {
        sessions = Counter.builder("outdial.rtp.sessions").description("RTP sessions closed (one per call leg)")
                .register(registry);
        packetsSent = packets(registry, "sent");
        packetsReceived = packets(registry, "received");
        bytesSent = bytes(registry, "sent");
        bytesReceived = bytes(registry, "received");
        lost = Counter.builder("outdial.rtp.packets.lost")
                .description("Received RTP packets lost, expected minus received (RFC 3550 A.3)").register(registry);
        intervalErrorP99 = DistributionSummary.builder("outdial.rtp.send.interval.error").baseUnit("seconds")
                .description("Each session's 99th percentile of |interval between two sends - 20 ms|")
                .serviceLevelObjectives(INTERVAL_BUCKETS).register(registry);
        jitter = DistributionSummary.builder("outdial.rtp.jitter").baseUnit("seconds")
                .description("Each session's interarrival jitter of received audio at its end (RFC 3550 A.8)")
                .serviceLevelObjectives(JITTER_BUCKETS).register(registry);
    }

    @Override
    public void accept(RtpStats s) {
        sessions.increment();
        packetsSent.increment(s.packetsSent());
        packetsReceived.increment(s.packetsReceived());
        bytesSent.increment(s.bytesSent());
        bytesReceived.increment(s.bytesReceived());
        lost.increment(s.packetsLost());
        if (s.packetsSent() > 1) {
            intervalErrorP99.record(s.sendIntervalErrorP99Micros() / 1e6);
        }
        if (s.packetsReceived() > 1) {
            jitter.record(s.jitterMillis() / 1e3);
        }
    }

    private static Counter packets(MeterRegistry registry, String direction) {
        return Counter.builder("outdial.rtp.packets").description("RTP packets sent and received")
                .tag("direction", direction).register(registry);
    }

    private static Counter bytes(MeterRegistry registry, String direction) {
        return Counter.builder("outdial.rtp").baseUnit("bytes").description("RTP bytes (header and payload)")
                .tag("direction", direction).register(registry);
    }
}
