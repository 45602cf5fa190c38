package org.outdial.media.rtp;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;

/**
 * G.711 digital silence, what a session sends while nothing else is chosen. Not RFC 3389 comfort
 * noise, which the SDP offer does not include: a steady stream opens NAT bindings, lets a far end
 * that does symmetric RTP latch on before the first prompt, and an echoing peer (SIPp) needs our
 * packets to answer with its own. Never ends; stateless, one instance.
 */
final class Silence implements OutboundAudio {

    static final Silence INSTANCE = new Silence();
    private static final byte[] PCMU = filled(Codec.PCMU.silenceByte());
    private static final byte[] PCMA = filled(Codec.PCMA.silenceByte());

    private Silence() {
    }

    /** Appends one frame of silence in {@code codec}. */
    static void write(Codec codec, ByteBuf out) {
        out.writeBytes(codec == Codec.PCMU ? PCMU : PCMA);
    }

    @Override
    public boolean writeFrame(Codec codec, ByteBuf out) {
        write(codec, out);
        return true;
    }

    @Override
    public void ended() {
    }

    @Override
    public void cancel() {
    }

    private static byte[] filled(byte value) {
        byte[] bytes = new byte[AudioSource.FRAME_SAMPLES];
        Arrays.fill(bytes, value);
        return bytes;
    }

    @Override
    public String toString() {
        return "silence";
    }
}
