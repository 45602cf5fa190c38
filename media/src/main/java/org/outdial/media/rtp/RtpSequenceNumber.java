package org.outdial.media.rtp;

/**
 * A 16-bit RTP sequence number (RFC 3550 §5.1), which wraps from 65535 to 0. Ordering is serial
 * number arithmetic (RFC 1982): {@code a} is newer than {@code b} when it is less than half the
 * number space ahead of it.
 */
public record RtpSequenceNumber(int value) {

    public static final int MODULUS = 1 << 16;

    public RtpSequenceNumber {
        if (value < 0 || value >= MODULUS) {
            throw new IllegalArgumentException("RTP sequence number must be 0..65535, was " + value);
        }
    }

    public RtpSequenceNumber next() {
        return plus(1);
    }

    /**
     * The number {@code delta} packets on (back, when negative). A sender derives each packet's
     * number as its first number plus the packets sent before it, so the delta is a packet count
     * that outgrows 16 and 32 bits over a long call.
     */
    public RtpSequenceNumber plus(long delta) {
        return new RtpSequenceNumber(Math.floorMod(value + delta, MODULUS));
    }

    /** Signed distance from {@code other} to this, in -32768..32767: positive when this is newer. */
    public int minus(RtpSequenceNumber other) {
        return (short) (value - other.value);
    }

    public boolean isNewerThan(RtpSequenceNumber other) {
        return minus(other) > 0;
    }
}
