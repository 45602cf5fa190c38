package org.outdial.media.rtp;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.outdial.media.codec.Codec;

/**
 * The far end of a connected session, as negotiated in SDP.
 *
 * @param remote          where packets go: the SDP's address until the first received packet
 *                        says otherwise (symmetric RTP, see {@link RtpRoute})
 * @param codec           the audio codec, sent and accepted
 * @param dtmfPayloadType the negotiated telephone-event payload type (RFC 4733; a dynamic type,
 *                        96..127), or -1 when the far end did not offer it
 * @param latched         whether a received packet has already decided {@code remote}
 */
record RtpPeer(InetSocketAddress remote, Codec codec, int dtmfPayloadType, boolean latched) {

    RtpPeer {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(codec, "codec");
        if (remote.isUnresolved()) {
            throw new IllegalArgumentException("RTP remote address must be resolved, was " + remote);
        }
        if (dtmfPayloadType != -1 && (dtmfPayloadType < 96 || dtmfPayloadType > 127)) {
            throw new IllegalArgumentException("telephone-event payload type must be 96..127 or -1, was " + dtmfPayloadType);
        }
    }

    /** A peer as {@code connect} names it, not latched yet. */
    static RtpPeer negotiated(InetSocketAddress remote, Codec codec, int dtmfPayloadType) {
        return new RtpPeer(remote, codec, dtmfPayloadType, false);
    }

    /** The same peer, sending to {@code source} from now on. */
    RtpPeer latchedTo(InetSocketAddress source) {
        return new RtpPeer(source, codec, dtmfPayloadType, true);
    }

    boolean carriesDtmf() {
        return dtmfPayloadType >= 0;
    }

    boolean isAudio(int payloadType) {
        return payloadType == codec.payloadType();
    }

    boolean isDtmf(int payloadType) {
        return carriesDtmf() && payloadType == dtmfPayloadType;
    }
}
