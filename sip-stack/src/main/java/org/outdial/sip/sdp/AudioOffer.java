package org.outdial.sip.sdp;

import java.util.List;
import java.util.Map;

/**
 * Outdial's one SDP offer: G.711 µ-law and A-law plus RFC 4733 telephone-events, 20 ms packets.
 *
 * <p>Why these: PCMU (0) and PCMA (8) are the two codecs every carrier and PBX accepts (RFC 3551
 * §4.5.14), need no transcoding licence, and are what the media module encodes. µ-law is listed
 * first because North American trunks prefer it and European ones accept it. Payload type 101
 * for telephone-event is the de-facto value Asterisk, FreeSWITCH and most SBCs use; events 0-16
 * are DTMF 0-9, *, #, A-D and flash (RFC 4733 §3.2). ptime 20 matches the media pacer's tick.
 */
public final class AudioOffer {

    public static final int PCMU = 0;
    public static final int PCMA = 8;
    public static final int TELEPHONE_EVENT = 101;
    public static final int PTIME_MS = 20;
    /** RFC 4733 §3.2: DTMF 0-9, *, #, A-D and flash. */
    public static final String TELEPHONE_EVENTS = "0-16";

    private AudioOffer() {
    }

    /**
     * The offer for one call leg.
     *
     * @param sessionId an id unique per call (RFC 4566 §5.2 suggests an NTP timestamp)
     * @param address   the local RTP address, an IP literal
     * @param port      the local RTP port
     */
    public static SessionDescription create(long sessionId, String address, int port) {
        String addressType = address.indexOf(':') >= 0 ? "IP6" : "IP4";
        MediaDescription audio = new MediaDescription("audio", port, "RTP/AVP",
                List.of(PCMU, PCMA, TELEPHONE_EVENT), null,
                Map.of(PCMU, new RtpMap(PCMU, "PCMU", 8000, 1),
                        PCMA, new RtpMap(PCMA, "PCMA", 8000, 1),
                        TELEPHONE_EVENT, new RtpMap(TELEPHONE_EVENT, "telephone-event", 8000, 1)),
                Map.of(TELEPHONE_EVENT, TELEPHONE_EVENTS), PTIME_MS, MediaDirection.SENDRECV);
        return new SessionDescription(new Origin("outdial", sessionId, 1, addressType, address),
                "outdial", address, List.of(audio));
    }
}
