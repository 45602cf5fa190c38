package org.outdial.media.dtmf;

/**
 * Turns a digit string into RFC 4733 telephone-event packets, one decision per 20 ms tick.
 *
 * <p>Each digit is a 100 ms event: five update packets whose duration grows by 160 timestamp units
 * (§2.5.1.2), the last of them with the E bit, and that end packet sent twice more on the following
 * ticks, three in all (§2.5.1.4). All packets of an event carry the timestamp of its first tick
 * (§2.2.1) and only the first has the RTP marker bit (§2.2.2). Between digits come 100 ms of
 * audio, so the receiver sees distinct events. A ',' or '.' is one second without events, the
 * pause of the JSON-RPC seed's {@code dtmf_string} (".12.1..4").
 *
 * <p>Time is the caller's: {@link #tick(long)} is called once per pacer tick with that tick's RTP
 * timestamp. Not thread-safe; one event loop drives it.
 */
public final class DtmfSender {

    /** Samples per 20 ms packet at 8 kHz. */
    public static final int TICK_DURATION = 160;
    /** 100 ms of tone: ITU-T Q.24 asks receivers to accept 40 ms, so this is comfortably long. */
    static final int TONE_TICKS = 5;
    static final int END_RETRANSMISSIONS = 2;
    static final int GAP_TICKS = 5;
    static final int PAUSE_TICKS = 50;
    /** -10 dBm0, a typical DTMF level (§2.3.4 gives the scale). */
    static final int VOLUME = 10;

    private final String digits;
    private int index;
    private int phaseTick;
    private long eventTimestamp;

    private boolean sending;
    private int event;
    private boolean end;
    private boolean marker;
    private int duration;

    /**
     * @param digits 0-9, *, #, A-D, and ',' or '.' for a one-second pause
     */
    public DtmfSender(String digits) {
        if (digits == null || digits.isEmpty()) {
            throw new IllegalArgumentException("DTMF digits must not be empty");
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (!DtmfDigits.isDigit(c) && !isPause(c)) {
                throw new IllegalArgumentException("DTMF string may hold 0-9 * # A-D , . only, had '" + c + "' in \"" + digits + "\"");
            }
        }
        this.digits = digits;
    }

    private static boolean isPause(char c) {
        return c == ',' || c == '.';
    }

    /**
     * Advances one tick.
     *
     * @param tickTimestamp the RTP timestamp this tick's packet would carry as audio
     * @return true when this tick sends a telephone-event packet (read it from the accessors), false
     *         when it sends audio as usual
     */
    public boolean tick(long tickTimestamp) {
        sending = false;
        while (index < digits.length()) {
            char c = digits.charAt(index);
            if (isPause(c)) {
                if (phaseTick++ < PAUSE_TICKS - 1) {
                    return false;
                }
                nextCharacter();
                return false;
            }
            int t = phaseTick++;
            if (t == 0) {
                eventTimestamp = tickTimestamp;
            }
            if (t < TONE_TICKS + END_RETRANSMISSIONS) {
                sending = true;
                event = DtmfDigits.eventCode(c);
                marker = t == 0;
                end = t >= TONE_TICKS - 1;
                duration = Math.min(t + 1, TONE_TICKS) * TICK_DURATION;
                if (t == TONE_TICKS + END_RETRANSMISSIONS - 1 && index == digits.length() - 1) {
                    nextCharacter();
                }
                return true;
            }
            if (t < TONE_TICKS + END_RETRANSMISSIONS + GAP_TICKS - 1) {
                return false;
            }
            nextCharacter();
            return false;
        }
        return false;
    }

    private void nextCharacter() {
        index++;
        phaseTick = 0;
    }

    /** Whether every digit and pause has been sent. */
    public boolean finished() {
        return index >= digits.length();
    }

    public int event() {
        return event;
    }

    public boolean end() {
        return end;
    }

    public boolean marker() {
        return marker;
    }

    /** In timestamp units since {@link #eventTimestamp()}. */
    public int duration() {
        return duration;
    }

    public int volume() {
        return VOLUME;
    }

    /** The RTP timestamp of the current event: that of its first packet. */
    public long eventTimestamp() {
        return eventTimestamp;
    }

    /** Whether the last {@link #tick(long)} produced an event packet. */
    public boolean sending() {
        return sending;
    }
}
