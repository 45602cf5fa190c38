package org.outdial.sip.call;

import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.media.rtp.RtpStats;
import org.outdial.sip.sdp.AudioAnswer;
import org.outdial.sip.sdp.AudioOffer;
import org.outdial.sip.sdp.NegotiatedAudio;
import org.outdial.sip.sdp.SdpFormatException;
import org.outdial.sip.sdp.SdpParser;
import org.outdial.sip.sdp.SessionDescription;

/**
 * Media negotiation for one call: its RTP leg, our SDP as last sent (the offer, then each answer
 * to a re-INVITE) and the far end the leg points at. Only touched under the call's lock, except
 * the bridge: {@link #bridge} and {@link #unbridge} touch two calls' media, so they take neither
 * call's lock (two locks taken in either order could deadlock) and use only the legs, which are
 * thread-safe, and the volatile {@code bridgedTo}.
 */
final class CallMedia {

    private final MediaLeg leg;
    private SessionDescription local;
    private NegotiatedAudio remote;
    private boolean connected;
    private volatile CallMedia bridgedTo;

    /** @param sessionId the o= session id, unique per call (RFC 4566 §5.2) */
    CallMedia(MediaLeg leg, long sessionId) {
        this.leg = leg;
        this.local = AudioOffer.create(sessionId, leg.localAddress(), leg.localPort());
    }

    /** The offer for the INVITE. */
    SessionDescription offer() {
        return local;
    }

    /** Points the leg at what an answer (or a re-offer) names; a repeat of the same is a no-op. */
    void connect(NegotiatedAudio audio) {
        if (audio.equals(remote)) {
            return;
        }
        remote = audio;
        Codec codec = Codec.forPayloadType(audio.payloadType()).orElseThrow();
        leg.connect(audio.remote(), codec, audio.dtmfPayloadType());
        connected = true;
    }

    /** The leg, while it is connected to a far end; null before the answer and once closed. */
    /** The leg, connected or not. */
    MediaLeg leg() {
        return leg;
    }

    MediaLeg connectedLeg() {
        return connected ? leg : null;
    }

    /**
     * Relays this call's media and {@code other}'s both ways, after ending any bridge either was
     * in. Each direction stops when either leg closes (the RTP sessions see to that).
     */
    void bridge(CallMedia other) {
        unbridge();
        other.unbridge();
        leg.relayFrom(other.leg);
        other.leg.relayFrom(leg);
        bridgedTo = other;
        other.bridgedTo = this;
    }

    /**
     * As {@link #bridge}, but this leg first sends {@code cue} (an always-connected operator's beep,
     * docs/TELEPHONY.md "Always-connected operators") and relays {@code other} only once the cue has
     * been sent; {@code other} relays this leg at once, so the far end of {@code other} hears this
     * side from the first frame. A bridge ended (or replaced) before the cue is over stays ended.
     */
    void bridgeAfterCue(CallMedia other, AudioSource cue) {
        unbridge();
        other.unbridge();
        other.leg.relayFrom(leg);
        bridgedTo = other;
        other.bridgedTo = this;
        leg.play(cue).whenComplete((done, failed) -> {
            if (failed == null && bridgedTo == other && other.bridgedTo == this) {
                leg.relayFrom(other.leg);
            }
        });
    }

    /** Stops both directions of this call's bridge, if any; both legs send silence. Idempotent. */
    void unbridge() {
        CallMedia other = bridgedTo;
        if (other == null) {
            return;
        }
        bridgedTo = null;
        if (other.bridgedTo == this) {
            other.bridgedTo = null;
        }
        leg.stopRelay();
        other.leg.stopRelay();
    }

    RtpStats stats() {
        return leg.stats();
    }

    /** Releases the RTP socket; idempotent. */
    void close() {
        connected = false;
        bridgedTo = null;
        leg.close();
    }

    /**
     * Our SDP for the 200 to a re-INVITE (RFC 3261 §14.2). With an offer in it: the
     * {@link AudioAnswer} to that offer (a hold, sendonly or inactive, is answered recvonly or
     * inactive, RFC 3264 §8.4), and the leg follows a far end that moved; the o= version goes up
     * by one when the answer differs from what we last sent and stays when it does not (§8).
     * Without an offer: our current SDP, which the 200 then offers (§14.2).
     *
     * @param offerBody the re-INVITE's SDP, or null
     * @throws SdpFormatException when the offer is malformed or has no audio we take (answer 488)
     */
    SessionDescription answerReInvite(String offerBody) throws SdpFormatException {
        if (offerBody == null) {
            return local;
        }
        SessionDescription offer = SdpParser.parse(offerBody);
        NegotiatedAudio audio = NegotiatedAudio.fromAnswer(offer);
        SessionDescription answer = AudioAnswer.to(offer, local.origin(), local.sessionName(), leg.localPort())
                .orElseThrow(() -> new SdpFormatException("re-INVITE offers no PCMU or PCMA"));
        if (!answer.equals(local)) {
            answer = answer.withOrigin(local.origin().nextVersion());
        }
        connect(audio);
        local = answer;
        return answer;
    }
}
