package org.outdial.media.rtp;

/**
 * Counters and send timing of one outgoing RTP stream: how many packets and bytes left, how far
 * each interval between two sends was from the ideal one (a callee hears that as jitter), and
 * how late each packet left after its absolute deadline. Times are handed in, so tests drive it
 * with made-up ones. Not thread-safe: the session's event loop owns it.
 */
final class SendStatistics {

    private final MicrosHistogram intervalError = new MicrosHistogram();
    private final MicrosHistogram lateness = new MicrosHistogram();
    private long packetsSent;
    private long bytesSent;
    private long lastTick;
    private long lastSentNanos;

    /**
     * Accounts for one packet.
     *
     * @param tick          the pacer's 20 ms period it was sent for
     * @param deadlineNanos when it was due
     * @param sentNanos     when it was handed to the socket
     */
    void onSent(long tick, long deadlineNanos, int bytes, long sentNanos) {
        if (packetsSent > 0) {
            // Ticks a stalled pacer skipped are not interval error: the ideal interval spans them.
            long ideal = (tick - lastTick) * MediaPacer.PERIOD_NANOS;
            intervalError.record(Math.abs(sentNanos - lastSentNanos - ideal) / 1_000);
        }
        lateness.record((sentNanos - deadlineNanos) / 1_000);
        packetsSent++;
        bytesSent += bytes;
        lastTick = tick;
        lastSentNanos = sentNanos;
    }

    /** A tick's second packet (a relay's catch-up): counted, but no interval or lateness of its own. */
    void onCatchUp(int bytes) {
        packetsSent++;
        bytesSent += bytes;
    }

    long packetsSent() {
        return packetsSent;
    }

    long bytesSent() {
        return bytesSent;
    }

    long intervalErrorP50Micros() {
        return intervalError.percentile(0.50);
    }

    long intervalErrorP99Micros() {
        return intervalError.percentile(0.99);
    }

    long intervalErrorMaxMicros() {
        return intervalError.max();
    }

    long latenessP99Micros() {
        return lateness.percentile(0.99);
    }

    long latenessMaxMicros() {
        return lateness.max();
    }
}
