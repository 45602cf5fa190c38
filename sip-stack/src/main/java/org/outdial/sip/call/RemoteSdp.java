package org.outdial.sip.call;

import org.outdial.sip.sdp.NegotiatedAudio;
import org.outdial.sip.sdp.SdpFormatException;
import org.outdial.sip.sdp.SdpParser;

/** What the peer's SDP in a response says about the call's audio, parsed before it reaches the state machine. */
sealed interface RemoteSdp {

    /** The message had no SDP body. */
    record None() implements RemoteSdp {
    }

    /** An answer Outdial can use. */
    record Usable(NegotiatedAudio audio) implements RemoteSdp {
    }

    /** An SDP body Outdial cannot use: malformed, no G.711, no address. */
    record Unusable(String why) implements RemoteSdp {
    }

    RemoteSdp NONE = new None();

    /** Parses a body; null means no body. */
    static RemoteSdp of(String body) {
        if (body == null) {
            return NONE;
        }
        try {
            return new Usable(NegotiatedAudio.fromAnswer(SdpParser.parse(body)));
        } catch (SdpFormatException e) {
            return new Unusable(e.getMessage());
        }
    }
}
