package org.outdial.media.analysis;

/**
 * The Goertzel algorithm: the power of one frequency over a block of samples, for a handful of
 * frequencies far cheaper than an FFT (G. Goertzel, 1958; the classic DTMF detector).
 *
 * <p>Power is normalised so that a full-scale sine exactly at the target frequency gives about
 * 0.25·(32767)² whatever the block length, which makes powers from different blocks comparable.
 */
public final class Goertzel {

    private final double frequencyHz;
    private final int sampleRate;
    private final double coefficient;

    public Goertzel(double frequencyHz, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
        }
        if (!(frequencyHz > 0 && frequencyHz < sampleRate / 2.0)) {
            throw new IllegalArgumentException("Goertzel frequency must be 0.." + sampleRate / 2 + " Hz (exclusive), was " + frequencyHz);
        }
        this.frequencyHz = frequencyHz;
        this.sampleRate = sampleRate;
        this.coefficient = 2 * Math.cos(2 * Math.PI * frequencyHz / sampleRate);
    }

    public double frequencyHz() {
        return frequencyHz;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Normalised power of the target frequency in {@code samples[offset, offset+length)}. */
    public double power(short[] samples, int offset, int length) {
        if (length <= 0) {
            return 0;
        }
        double s1 = 0;
        double s2 = 0;
        for (int i = offset; i < offset + length; i++) {
            double s0 = samples[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return power / ((double) length * length);
    }
}
