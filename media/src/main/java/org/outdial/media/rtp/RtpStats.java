package org.outdial.media.rtp;

/**
 * Statistics of one RTP session, a snapshot.
 *
 * @param packetsSent               RTP packets written (audio, silence and telephone-events)
 * @param bytesSent                 RTP bytes written (header and payload, not UDP/IP)
 * @param packetsReceived           valid RTP packets received with a negotiated payload type
 * @param bytesReceived             their RTP bytes
 * @param packetsLost               expected minus received, from the extended highest sequence
 *                                  number (RFC 3550 §A.3), never negative
 * @param jitterMillis              interarrival jitter of received audio (RFC 3550 §A.8), in ms
 * @param sendIntervalErrorP50Micros median of |actual interval between two sends − ideal interval|
 * @param sendIntervalErrorP99Micros 99th percentile of the same
 * @param sendIntervalErrorMaxMicros largest of the same
 * @param sendLatenessP99Micros     99th percentile of how late each packet left after its
 *                                  absolute 20 ms deadline
 * @param sendLatenessMaxMicros     largest of the same
 */
public record RtpStats(
        long packetsSent,
        long bytesSent,
        long packetsReceived,
        long bytesReceived,
        long packetsLost,
        double jitterMillis,
        long sendIntervalErrorP50Micros,
        long sendIntervalErrorP99Micros,
        long sendIntervalErrorMaxMicros,
        long sendLatenessP99Micros,
        long sendLatenessMaxMicros) {

    public static final RtpStats EMPTY = new RtpStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public RtpStats {
        if (packetsSent < 0 || bytesSent < 0 || packetsReceived < 0 || bytesReceived < 0 || packetsLost < 0) {
            throw new IllegalArgumentException("RTP counters must not be negative");
        }
    }

    /** The figures of one session's two halves, read on its event loop. */
    static RtpStats of(SendStatistics sent, RtpReceiver received) {
        ReceiveStatistics stream = received.statistics();
        return new RtpStats(sent.packetsSent(), sent.bytesSent(), received.packetsReceived(), received.bytesReceived(),
                stream.lost(), stream.jitterMillis(), sent.intervalErrorP50Micros(), sent.intervalErrorP99Micros(),
                sent.intervalErrorMaxMicros(), sent.latenessP99Micros(), sent.latenessMaxMicros());
    }
}
