package org.outdial.sip.call;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.media.dtmf.DtmfEvent;
import org.outdial.media.rtp.RelayStats;
import org.outdial.media.rtp.RtpStats;

/**
 * The RTP side of one call as signalling needs it: a local port to offer, a remote to connect
 * once the answer names it, and the operations {@link Call} passes through. {@link RtpMediaLegs}
 * backs it with the media module; tests back it with fakes.
 */
public interface MediaLeg extends AutoCloseable {

    /** The local address to put in SDP. */
    String localAddress();

    int localPort();

    /**
     * Starts sending to and accepting from {@code remote}; may be called again when a re-INVITE
     * moves the far end.
     *
     * @param dtmfPayloadType the telephone-event payload type, or -1 when the peer has none
     */
    void connect(InetSocketAddress remote, Codec codec, int dtmfPayloadType);

    CompletableFuture<Void> play(AudioSource audio);

    void stopPlayback();

    CompletableFuture<Void> sendDtmf(String digits);

    void onDtmf(Consumer<DtmfEvent> listener);

    void onAudio(Consumer<short[]> listener);

    /** Sets the listener for every frame sent, decoded (see {@code RtpSession.onSentAudio}). */
    void onSentAudio(Consumer<short[]> listener);

    /**
     * Sends what {@code other} receives from now on (one direction of a bridge), replacing what
     * was playing: audio transcoded between the G.711 laws, RFC 4733 events under this leg's
     * telephone-event type. Stops on {@link #stopRelay()}, a later {@code play}, or when either
     * leg closes; this leg then sends silence.
     *
     * @throws IllegalArgumentException when {@code other} is this leg or another kind of leg
     */
    void relayFrom(MediaLeg other);

    /** Stops the relay {@link #relayFrom} started, if it runs; silence follows. Idempotent. */
    void stopRelay();

    /** Counters of the last relay this leg ran (frames, underruns, drops, events); NONE if none. */
    RelayStats relayStats();

    /** Packet counters and send timing; after {@link #close()}, the final values. */
    RtpStats stats();

    /** Releases the socket; idempotent. */
    @Override
    void close();
}
