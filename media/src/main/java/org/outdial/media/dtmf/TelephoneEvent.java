package org.outdial.media.dtmf;

/**
 * One RFC 4733 telephone-event payload (§2.3):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param event    event code 0..255; DTMF digits are 0..15 (RFC 4733 §3.2)
 * @param end      the E bit: this packet ends the event
 * @param volume   power level as -dBm0, 0..63 (§2.3.4); larger is quieter
 * @param duration in RTP timestamp units since the event's timestamp, 0..65535 (§2.3.5)
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

    /** §2.3: four bytes per event. */
    public static final int LENGTH = 4;

    public TelephoneEvent {
        if (event < 0 || event > 255) {
            throw new IllegalArgumentException("telephone-event code must be 0..255, was " + event);
        }
        if (volume < 0 || volume > 63) {
            throw new IllegalArgumentException("telephone-event volume must be 0..63, was " + volume);
        }
        if (duration < 0 || duration > 0xFFFF) {
            throw new IllegalArgumentException("telephone-event duration must be 0..65535, was " + duration);
        }
    }
}
