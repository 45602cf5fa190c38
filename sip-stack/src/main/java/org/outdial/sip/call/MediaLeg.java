package org.outdial.sip.call;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.media.dtmf.DtmfEvent;
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

    /** Packet counters and send timing; after {@link #close()}, the final values. */
    RtpStats stats();

    /** Releases the socket; idempotent. */
    @Override
    void close();
}
