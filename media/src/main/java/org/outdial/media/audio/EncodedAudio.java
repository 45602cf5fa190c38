package org.outdial.media.audio;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.outdial.media.codec.Codec;

/**
 * The G.711 payloads of an {@link AudioSource}, one 160-byte payload per 20 ms frame, kept in one
 * array. Immutable; the pacer copies a frame straight into an outgoing packet buffer.
 */
public final class EncodedAudio {

    private final Codec codec;
    private final byte[] payloads;

    private EncodedAudio(Codec codec, byte[] payloads) {
        this.codec = codec;
        this.payloads = payloads;
    }

    static EncodedAudio encode(Codec codec, short[] paddedSamples) {
        byte[] out = new byte[paddedSamples.length];
        codec.encode(paddedSamples, 0, paddedSamples.length, out, 0);
        return new EncodedAudio(codec, out);
    }

    public Codec codec() {
        return codec;
    }

    public int frameCount() {
        return payloads.length / AudioSource.FRAME_SAMPLES;
    }

    /** Writes the 160-byte payload of frame {@code index} at the writer index of {@code out}. */
    public void writeFrame(int index, ByteBuf out) {
        Objects.checkIndex(index, frameCount());
        out.writeBytes(payloads, index * AudioSource.FRAME_SAMPLES, AudioSource.FRAME_SAMPLES);
    }

    /** Copies the payload of frame {@code index} into {@code out}. */
    public void copyFrame(int index, byte[] out, int offset) {
        Objects.checkIndex(index, frameCount());
        System.arraycopy(payloads, index * AudioSource.FRAME_SAMPLES, out, offset, AudioSource.FRAME_SAMPLES);
    }
}
