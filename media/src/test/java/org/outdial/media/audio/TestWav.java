package org.outdial.media.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds WAV files byte by byte for the decoder tests, so each test states its own format; public
 * for the tests of the modules above (media's test-jar), which need a WAV file to play.
 */
public final class TestWav {

    private TestWav() {
    }

    /** A canonical 44-byte-header WAV: RIFF, fmt (16 bytes), data. */
    public static byte[] wav(int formatTag, int channels, int sampleRate, int bitsPerSample, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        int blockAlign = channels * bitsPerSample / 8;
        header.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
        header.put("fmt ".getBytes()).putInt(16)
                .putShort((short) formatTag).putShort((short) channels)
                .putInt(sampleRate).putInt(sampleRate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bitsPerSample);
        header.put("data".getBytes()).putInt(data.length);
        out.writeBytes(header.array());
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** 16-bit little-endian samples. */
    public static byte[] pcm16(short[] samples) {
        ByteBuffer buffer = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            buffer.putShort(s);
        }
        return buffer.array();
    }

    static short[] sine(double frequencyHz, int sampleRate, int count, double amplitude) {
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            samples[i] = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * frequencyHz * i / sampleRate));
        }
        return samples;
    }
}
