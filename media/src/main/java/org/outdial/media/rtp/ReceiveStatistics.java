package org.outdial.media.rtp;

/**
 * Loss and jitter of one incoming RTP stream, by the algorithms of RFC 3550 appendix A.1 (sequence
 * number tracking with wrap-around), A.3 (expected and lost packets) and A.8 (interarrival jitter).
 * Arrival times are handed in, so tests drive it with made-up times. Not thread-safe: the session's
 * event loop owns it.
 */
final class ReceiveStatistics {

    /** RFC 3550 §A.1: a jump of less than this many sequence numbers is a gap, not a restart. */
    static final int MAX_DROPOUT = 3000;
    /** RFC 3550 §A.1: packets this far behind are late arrivals, not a restart. */
    static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = RtpSequenceNumber.MODULUS;

    private final int clockRate;
    private boolean started;
    private long ssrc;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq;
    private long received;

    private boolean haveTransit;
    private double lastTransit;
    private double jitter;
    private long firstArrivalNanos;

    ReceiveStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    /**
     * Accounts for one packet.
     *
     * @param timingPacket whether its timestamp is a sampling instant (audio), so that it counts for
     *                     jitter; RFC 4733 events carry the event's start instead
     */
    void onPacket(long packetSsrc, int seq, long rtpTimestamp, long arrivalNanos, boolean timingPacket) {
        if (!started || packetSsrc != ssrc) {
            // A new source (or the first packet): RFC 3550 keeps statistics per source (§A.1).
            restart(packetSsrc, seq, arrivalNanos);
        } else if (!updateSequence(seq)) {
            return;
        }
        received++;
        if (timingPacket) {
            updateJitter(rtpTimestamp, arrivalNanos);
        }
    }

    private void restart(long packetSsrc, int seq, long arrivalNanos) {
        started = true;
        ssrc = packetSsrc;
        maxSeq = seq;
        baseSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        haveTransit = false;
        jitter = 0;
        firstArrivalNanos = arrivalNanos;
    }

    /** RFC 3550 §A.1 {@code update_seq}, without the probation of a brand-new source. */
    private boolean updateSequence(int seq) {
        int delta = (seq - maxSeq) & 0xFFFF;
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                // Two packets in sequence after a big jump: the sender restarted; follow it.
                long keepJitterFrom = firstArrivalNanos;
                double keepJitter = jitter;
                restart(ssrc, seq, keepJitterFrom);
                jitter = keepJitter;
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        }
        // Otherwise a duplicate or a reordered packet: counted as received.
        return true;
    }

    /** RFC 3550 §A.8: J += (|D| - J) / 16, in timestamp units. */
    private void updateJitter(long rtpTimestamp, long arrivalNanos) {
        double arrival = (arrivalNanos - firstArrivalNanos) * (clockRate / 1e9);
        double transit = arrival - rtpTimestamp;
        if (haveTransit) {
            double d = transit - lastTransit;
            // Timestamps wrap at 2^32: a transit difference near 2^32 is a wrap, not a delay.
            if (d > RtpTimestamp.MODULUS / 2.0) {
                d -= RtpTimestamp.MODULUS;
            } else if (d < -RtpTimestamp.MODULUS / 2.0) {
                d += RtpTimestamp.MODULUS;
            }
            jitter += (Math.abs(d) - jitter) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    long received() {
        return received;
    }

    /** RFC 3550 §A.3: extended highest sequence number − base + 1. */
    long expected() {
        return started ? cycles + maxSeq - baseSeq + 1 : 0;
    }

    /** Expected minus received; duplicates can make that negative, which is reported as zero. */
    long lost() {
        return Math.max(0, expected() - received);
    }

    /** Interarrival jitter in timestamp units. */
    double jitter() {
        return jitter;
    }

    double jitterMillis() {
        return jitter * 1000.0 / clockRate;
    }
}
