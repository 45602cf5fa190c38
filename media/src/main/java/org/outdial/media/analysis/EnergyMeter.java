package org.outdial.media.analysis;

/** Signal level of a block of 16-bit samples: mean square, RMS and dBFS. */
public final class EnergyMeter {

    private EnergyMeter() {
    }

    public static double meanSquare(short[] samples, int offset, int length) {
        if (length <= 0) {
            return 0;
        }
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return sum / length;
    }

    public static double rms(short[] samples, int offset, int length) {
        return Math.sqrt(meanSquare(samples, offset, length));
    }

    /**
     * Level relative to a full-scale square wave (0 dBFS); digital silence is negative infinity.
     * A full-scale sine is about -3 dBFS.
     */
    public static double dbfs(short[] samples, int offset, int length) {
        double rms = rms(samples, offset, length);
        return rms == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(rms / 32768.0);
    }
}
