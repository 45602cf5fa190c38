package org.outdial.sip.sdp;

import java.util.Locale;

/**
 * One {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<channels>]} (RFC 4566 §6).
 *
 * @param payloadType 0..127 (RFC 3550 §5.1: seven bits)
 * @param encoding    the encoding name as written, for example {@code PCMU} or {@code telephone-event}
 * @param clockRate   the RTP clock rate in Hz
 * @param channels    the number of audio channels, 1 when absent
 */
public record RtpMap(int payloadType, String encoding, int clockRate, int channels) {

    public RtpMap {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("rtpmap payload type must be 0..127, was " + payloadType);
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("rtpmap clock rate must be positive, was " + clockRate);
        }
    }

    /** Encoding names are case-insensitive (RFC 4855 §3). */
    public boolean is(String name, int rate) {
        return encoding.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)) && clockRate == rate;
    }

    String value() {
        return payloadType + " " + encoding + "/" + clockRate + (channels != 1 ? "/" + channels : "");
    }

    /**
     * The mapping RFC 3551 §6 gives a static payload type, used when an answer lists 0 or 8
     * without an rtpmap line (allowed: static types need none).
     */
    static RtpMap staticMapping(int payloadType) {
        return switch (payloadType) {
            case 0 -> new RtpMap(0, "PCMU", 8000, 1);
            case 3 -> new RtpMap(3, "GSM", 8000, 1);
            case 4 -> new RtpMap(4, "G723", 8000, 1);
            case 8 -> new RtpMap(8, "PCMA", 8000, 1);
            case 9 -> new RtpMap(9, "G722", 8000, 1);
            case 13 -> new RtpMap(13, "CN", 8000, 1);
            case 18 -> new RtpMap(18, "G729", 8000, 1);
            default -> null;
        };
    }
}
