package org.outdial.media.rtp;

/**
 * A 32-bit RTP timestamp (RFC 3550 §5.1), which wraps from 2^32-1 to 0; at 8000 Hz that happens
 * every 149 hours, and a random initial value can put the wrap in any call. Ordering is serial
 * number arithmetic (RFC 1982).
 */
public record RtpTimestamp(long value) {

    public static final long MODULUS = 1L << 32;

    public RtpTimestamp {
        if (value < 0 || value >= MODULUS) {
            throw new IllegalArgumentException("RTP timestamp must be 0..2^32-1, was " + value);
        }
    }

    public RtpTimestamp plus(long delta) {
        return new RtpTimestamp(Math.floorMod(value + delta, MODULUS));
    }

    /** Signed distance from {@code other} to this, in -2^31..2^31-1: positive when this is newer. */
    public long minus(RtpTimestamp other) {
        return (int) (value - other.value);
    }

    public boolean isNewerThan(RtpTimestamp other) {
        return minus(other) > 0;
    }
}
