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

    /**
     * Writes this tick's packet, header and payload, when the source has something other than
     * audio to send in its place: a relayed RFC 4733 telephone-event ({@link RelayedAudio}).
     * Asked before {@link #writeFrame}, after the session's own digits ({@link OutboundDtmf}).
     *
     * @param timestamp the RTP timestamp this tick's audio would carry
     * @return false (the default) when the tick carries audio
     */
    default boolean writeEvent(RtpPeer peer, int sequence, long timestamp, long ssrc, ByteBuf packet) {
        return false;
    }

    /**
     * Whether this tick should send a second audio packet ({@link #writeCatchUp}): a relay whose
     * FIFO a burst left a frame too deep sends that frame early instead of dropping it.
     */
    default boolean catchUpReady() {
        return false;
    }

    /**
     * Appends the extra frame of this tick, as {@link #writeFrame} does; false when there is none
     * after all. The sender gives it the next RTP timestamp and keeps later packets a frame ahead.
     */
    default boolean writeCatchUp(Codec codec, ByteBuf out) {
        return false;
    }

    /** The last frame has been sent. */
    void ended();

    /** Replaced by another source, stopped, or the session closed, before the end. */
    void cancel();
}
