package org.outdial.engine.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes the stored form of every audio file: RIFF WAVE, PCM 16-bit little-endian, mono, 8 kHz. */
final class Wav {

    static final int SAMPLE_RATE = 8000;
    /** RIFF header (12) + "fmt " chunk (8 + 16) + "data" chunk header (8). */
    private static final int HEADER = 44;

    private Wav() {
    }

    static byte[] encode(short[] samples) {
        int dataBytes = samples.length * 2;
        ByteBuffer out = ByteBuffer.allocate(HEADER + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 'R').put((byte) 'I').put((byte) 'F').put((byte) 'F');
        out.putInt(36 + dataBytes);                     // RIFF chunk size: everything after this field
        out.put((byte) 'W').put((byte) 'A').put((byte) 'V').put((byte) 'E');
        out.put((byte) 'f').put((byte) 'm').put((byte) 't').put((byte) ' ');
        out.putInt(16);                                 // fmt chunk size for WAVE_FORMAT_PCM
        out.putShort((short) 1);                        // format tag 1: linear PCM
        out.putShort((short) 1);                        // channels
        out.putInt(SAMPLE_RATE);                        // samples per second
        out.putInt(SAMPLE_RATE * 2);                    // bytes per second
        out.putShort((short) 2);                        // block align: bytes per sample frame
        out.putShort((short) 16);                       // bits per sample
        out.put((byte) 'd').put((byte) 'a').put((byte) 't').put((byte) 'a');
        out.putInt(dataBytes);
        for (short s : samples) {
            out.putShort(s);
        }
        return out.array();
    }
}
