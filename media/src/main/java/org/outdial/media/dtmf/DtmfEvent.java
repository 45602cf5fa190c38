package org.outdial.media.dtmf;

/**
 * A DTMF digit received from the far end as RFC 4733 telephone-events.
 *
 * @param digit        0-9, *, #, A-D
 * @param rtpTimestamp the event's RTP timestamp, which identifies it among retransmissions
 */
public record DtmfEvent(char digit, long rtpTimestamp) {

    public DtmfEvent {
        if (!DtmfDigits.isDigit(digit)) {
            throw new IllegalArgumentException("DTMF digit must be one of 0-9*#A-D, was '" + digit + "'");
        }
        if (rtpTimestamp < 0 || rtpTimestamp > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("rtpTimestamp must be 0..2^32-1, was " + rtpTimestamp);
        }
    }
}
