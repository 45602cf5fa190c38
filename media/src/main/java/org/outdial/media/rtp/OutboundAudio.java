package org.outdial.media.rtp;

import io.netty.buffer.ByteBuf;
import org.outdial.media.codec.Codec;

/**
 * Where a session's outgoing audio comes from: the {@link RtpSender} pulls one 20 ms frame per
 * pacer tick from the one source it has. The sources are {@link Silence} (while nothing else is
 * chosen), {@link Playback} of an {@code AudioSource}, and {@link RelayedAudio}, another leg's
 * received audio (a bridge). RFC 4733 digits are not a source but stand in for whichever source
 * plays ({@link OutboundDtmf}), which then waits where it was.
 *
 * <p>A new kind of outgoing audio (a live TTS stream, a conference mix) is a new implementation
 * plus a {@code RtpSession} method that hands it to {@link RtpSender#replaceAudio}; the sender's
 * tick does not change. Every method runs on the session's event loop and must not block.
 */
interface OutboundAudio {

    /**
     * Appends this tick's payload, {@link org.outdial.media.audio.AudioSource#FRAME_SAMPLES}
     * bytes encoded in {@code codec}, at the writer index of {@code out}.
     *
     * @return false when that was the last frame: the sender then calls {@link #ended()} once the
     *         packet has left, and sends silence until another source is chosen
     */
    boolean writeFrame(Codec codec, ByteBuf out);

    /** What a tick sends, as {@link #writePacket} decides it. */
    enum TickPacket {
        /** An audio packet: the sender writes the header (this tick's timestamp), then {@link #writeFrame}. */
        FRAME,
        /** The source wrote the whole packet, header and payload. */
        WRITTEN,
        /** No packet this tick: its timestamp is kept for audio that is late (a relay, see {@link RelayedAudio}). */
        HOLD
    }

    /**
     * Writes this tick's packet, header and payload, when the source decides more than the
     * frame: a relayed RFC 4733 telephone-event, or a relayed frame that arrived late and goes
     * out under the timestamp of the tick it missed ({@link RelayedAudio}). Asked before
     * {@link #writeFrame}, after the session's own digits ({@link OutboundDtmf}).
     *
     * @param timestamp the RTP timestamp this tick's audio would carry
     * @return {@link TickPacket#FRAME} (the default) when the tick carries audio the usual way
     */
    default TickPacket writePacket(RtpPeer peer, int sequence, long timestamp, long ssrc, ByteBuf packet) {
        return TickPacket.FRAME;
    }

    /**
     * After this tick's audio packet has left: a second packet in the same tick, when the source
     * is catching up on ticks it held ({@link TickPacket#HOLD}); at most one per tick, so a burst
     * drains at one extra frame per 20 ms.
     *
     * @param timestamp the RTP timestamp of this tick, as given to {@link #writePacket}
     * @return false (the default) when there is nothing to catch up on
     */
    default boolean writeCatchUp(RtpPeer peer, int sequence, long timestamp, long ssrc, ByteBuf packet) {
        return false;
    }

    /** The last frame has been sent. */
    void ended();

    /** Replaced by another source, stopped, or the session closed, before the end. */
    void cancel();
}
