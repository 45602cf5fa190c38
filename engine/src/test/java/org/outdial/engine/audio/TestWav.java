package org.outdial.engine.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** WAV files written by tests: 16-bit PCM sine at any rate and channel count. */
final class TestWav {

    private TestWav() {
    }

    static byte[] sine(int sampleRate, int channels, double seconds, double frequency, double amplitude) {
        int frames = (int) (sampleRate * seconds);
        int dataBytes = frames * channels * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1)                          // PCM
                .putShort((short) channels)
                .putInt(sampleRate)
                .putInt(sampleRate * channels * 2)            // byte rate
                .putShort((short) (channels * 2))             // block align
                .putShort((short) 16);                        // bits per sample
        b.put("data".getBytes()).putInt(dataBytes);
        for (int i = 0; i < frames; i++) {
            short s = (short) Math.round(amplitude * Short.MAX_VALUE * Math.sin(2 * Math.PI * frequency * i / sampleRate));
            for (int c = 0; c < channels; c++) {
                b.putShort(s);
            }
        }
        return b.array();
    }
}
