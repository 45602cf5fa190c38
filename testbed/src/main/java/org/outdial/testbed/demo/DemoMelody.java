package org.outdial.testbed.demo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The demo campaign's audio: a short chime (an arpeggio of four notes), written as a WAV file so
 * it goes through the same upload and conversion as any customer's recording. No speech engine
 * needed.
 */
final class DemoMelody {

    private static final int RATE = 8000;
    /** C5, E5, G5, C6: a major arpeggio, pleasant and obviously synthetic. */
    private static final double[] NOTES_HZ = {523.25, 659.25, 783.99, 1046.50};
    private static final int NOTE_MS = 300;
    private static final int GAP_MS = 60;
    private static final int FADE_MS = 15;

    private DemoMelody() {
    }

    /** About 1.5 s of 8 kHz 16-bit mono PCM in a RIFF/WAVE container. */
    static byte[] wav() {
        int noteSamples = RATE * NOTE_MS / 1000;
        int gapSamples = RATE * GAP_MS / 1000;
        int fade = RATE * FADE_MS / 1000;
        short[] samples = new short[NOTES_HZ.length * (noteSamples + gapSamples)];
        int at = 0;
        for (double hz : NOTES_HZ) {
            for (int i = 0; i < noteSamples; i++) {
                // A short fade at both ends of each note avoids clicks.
                double envelope = Math.min(1.0, Math.min(i, noteSamples - 1 - i) / (double) fade);
                samples[at++] = (short) Math.round(12_000 * envelope * Math.sin(2 * Math.PI * hz * i / RATE));
            }
            at += gapSamples;
        }
        return riff(samples);
    }

    /** The canonical 44-byte WAVE header (format 1, PCM) and the samples, little-endian. */
    private static byte[] riff(short[] samples) {
        int dataBytes = samples.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE)
                .putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
        b.put(ascii("data")).putInt(dataBytes);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    private static byte[] ascii(String chunkId) {
        return chunkId.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
