package org.outdial.media.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Synthesized test audio at 8 kHz, built up piece by piece. */
final class Signals {

    private short[] samples = new short[0];
    private final SplittableRandom random = new SplittableRandom(14);

    Signals silence(int millis) {
        grow(millis);
        return this;
    }

    /** Speech-like: noise (broad spectrum, no tone) of mean absolute value about {@code level}. */
    Signals speech(int millis, int level) {
        int start = grow(millis);
        for (int i = start; i < samples.length; i++) {
            // A uniform variable on [-a, a] has mean absolute value a/2.
            samples[i] = (short) Math.round((random.nextDouble() * 2 - 1) * 2 * level);
        }
        return this;
    }

    Signals tone(double hz, int millis, double amplitude) {
        return tones(new double[] {hz}, millis, amplitude);
    }

    Signals tones(double[] hz, int millis, double amplitude) {
        int start = grow(millis);
        for (int i = start; i < samples.length; i++) {
            double value = 0;
            for (double f : hz) {
                value += Math.sin(2 * Math.PI * f * (i - start) / 8000) / hz.length;
            }
            samples[i] = (short) Math.round(value * amplitude * 32767);
        }
        return this;
    }

    /** Adds noise of mean absolute value {@code level} to everything so far. */
    Signals noise(int level) {
        for (int i = 0; i < samples.length; i++) {
            int value = samples[i] + (int) Math.round((random.nextDouble() * 2 - 1) * 2 * level);
            samples[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
        }
        return this;
    }

    short[] samples() {
        return samples;
    }

    /** Feeds whole 20 ms frames (the last one padded with silence). */
    void feed(java.util.function.Consumer<short[]> detector) {
        for (int offset = 0; offset < samples.length; offset += 160) {
            short[] frame = new short[160];
            System.arraycopy(samples, offset, frame, 0, Math.min(160, samples.length - offset));
            detector.accept(frame);
        }
    }

    private int grow(int millis) {
        int start = samples.length;
        samples = Arrays.copyOf(samples, start + millis * 8);
        return start;
    }
}
