package org.outdial.media.codec;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/**
 * The audio codecs Outdial speaks on RTP, with their static payload types from RFC 3551 §6
 * (table 4): PCMU is 0, PCMA is 8, both 8000 Hz, one byte per sample.
 */
public enum Codec {
    PCMU(0, "PCMU") {
        @Override
        public void encode(short[] pcm, int offset, int length, byte[] out, int outOffset) {
            for (int i = 0; i < length; i++) {
                out[outOffset + i] = G711.linearToUlaw(pcm[offset + i]);
            }
        }

        @Override
        public void decode(byte[] payload, int offset, int length, short[] out, int outOffset) {
            for (int i = 0; i < length; i++) {
                out[outOffset + i] = G711.ulawToLinear(payload[offset + i]);
            }
        }
    },
    PCMA(8, "PCMA") {
        @Override
        public void encode(short[] pcm, int offset, int length, byte[] out, int outOffset) {
            for (int i = 0; i < length; i++) {
                out[outOffset + i] = G711.linearToAlaw(pcm[offset + i]);
            }
        }

        @Override
        public void decode(byte[] payload, int offset, int length, short[] out, int outOffset) {
            for (int i = 0; i < length; i++) {
                out[outOffset + i] = G711.alawToLinear(payload[offset + i]);
            }
        }
    };

    /** RFC 3551 §4.5.14: G.711 is sampled at 8000 Hz. */
    public static final int CLOCK_RATE = 8000;

    private final int payloadType;
    private final String encodingName;

    Codec(int payloadType, String encodingName) {
        this.payloadType = payloadType;
        this.encodingName = encodingName;
    }

    /** The static RTP payload type (RFC 3551 table 4). */
    public int payloadType() {
        return payloadType;
    }

    /** The encoding name as it appears in an SDP {@code a=rtpmap} line. */
    public String encodingName() {
        return encodingName;
    }

    /** Encodes {@code length} 16-bit samples into as many bytes. */
    public abstract void encode(short[] pcm, int offset, int length, byte[] out, int outOffset);

    /** Decodes {@code length} bytes into as many 16-bit samples. */
    public abstract void decode(byte[] payload, int offset, int length, short[] out, int outOffset);

    /**
     * Decodes {@code length} bytes of {@code buf} from {@code offset} into {@code out} from 0,
     * leaving the buffer's indices as they are: a received payload or a packet about to be sent.
     */
    public void decode(ByteBuf buf, int offset, int length, short[] out) {
        boolean ulaw = this == PCMU;
        for (int i = 0; i < length; i++) {
            byte b = buf.getByte(offset + i);
            out[i] = ulaw ? G711.ulawToLinear(b) : G711.alawToLinear(b);
        }
    }

    /** The encoded byte of digital silence: 0xFF for µ-law, 0xD5 for A-law. */
    public byte silenceByte() {
        return switch (this) {
            case PCMU -> G711.linearToUlaw((short) 0);
            case PCMA -> G711.linearToAlaw((short) 0);
        };
    }

    /** The codec with this static payload type, if Outdial supports it. */
    public static Optional<Codec> forPayloadType(int payloadType) {
        for (Codec codec : values()) {
            if (codec.payloadType == payloadType) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }
}
