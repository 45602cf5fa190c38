package org.outdial.media.dtmf;

import java.util.Optional;

/**
 * Turns received RFC 4733 packets into digits, each reported once.
 *
 * <p>An event arrives as many packets (updates, then three end packets) that share one RTP
 * timestamp (RFC 4733 §2.2.1), so the timestamp identifies the event. A digit is reported when
 * the first packet of its event arrives, not when the end arrives: a call flow waiting for a key
 * press reacts 100 ms sooner, and a digit whose end packets are all lost is still reported. The
 * last few timestamps are remembered so a late retransmission of an earlier event is not reported
 * twice. Not thread-safe; one event loop drives it.
 */
public final class DtmfReceiver {

    private static final int REMEMBERED = 8;
    private final long[] recent = new long[REMEMBERED];
    private int count;
    private int next;

    /** The digit to report for this packet, or empty for a repeat or a non-DTMF event. */
    public Optional<DtmfEvent> onPacket(long rtpTimestamp, TelephoneEvent event) {
        if (!DtmfDigits.isDtmfEvent(event.event())) {
            return Optional.empty();
        }
        for (int i = 0; i < count; i++) {
            if (recent[i] == rtpTimestamp) {
                return Optional.empty();
            }
        }
        recent[next] = rtpTimestamp;
        next = (next + 1) % REMEMBERED;
        count = Math.min(count + 1, REMEMBERED);
        return Optional.of(new DtmfEvent(DtmfDigits.digit(event.event()), rtpTimestamp));
    }
}
