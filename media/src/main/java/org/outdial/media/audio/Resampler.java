package org.outdial.media.audio;

/**
 * Band-limited sample-rate conversion with a Kaiser-windowed sinc filter.
 *
 * <p>Dropping or repeating samples folds everything above the new Nyquist frequency back into the
 * telephone band as audible aliasing: a 6 kHz component of a 44.1 kHz prompt would come out of a
 * naive 8 kHz decimator as a 2 kHz whistle. Here every output sample is the input convolved with a
 * low-pass kernel whose cutoff sits just below the lower of the two Nyquist frequencies
 * (J. O. Smith, "Digital Audio Resampling Home Page", bandlimited interpolation). The kernel is
 * tabulated once and linearly interpolated between table points.
 */
public final class Resampler {

    /** Cutoff as a fraction of the lower Nyquist frequency: 3680 Hz when the output is 8 kHz. */
    private static final double ROLLOFF = 0.92;
    /** Zero crossings of the sinc on each side; 24 gives a transition band under 1 kHz at 44.1 kHz. */
    private static final int ZERO_CROSSINGS = 24;
    /** Kaiser beta 9: stop band about 90 dB down, below the 16-bit noise floor of G.711's input. */
    private static final double KAISER_BETA = 9.0;
    private static final int TABLE_STEPS_PER_CROSSING = 512;
    private static final float[] KERNEL = buildKernel();

    private Resampler() {
    }

    /**
     * Converts mono samples from {@code inputRate} to {@code outputRate}.
     *
     * @param input samples in 16-bit scale (-32768..32767), any precision
     * @return the converted samples, rounded and clipped to 16 bits
     */
    public static short[] resample(float[] input, int inputRate, int outputRate) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, were " + inputRate + " and " + outputRate);
        }
        if (inputRate == outputRate) {
            short[] out = new short[input.length];
            for (int i = 0; i < input.length; i++) {
                out[i] = clip(input[i]);
            }
            return out;
        }
        double ratio = (double) inputRate / outputRate;
        // Normalised cutoff in cycles per input sample, times two: the sinc's zero-crossing rate.
        double bandwidth = ROLLOFF * Math.min(1.0, (double) outputRate / inputRate);
        double halfWidth = ZERO_CROSSINGS / bandwidth;
        double tableScale = bandwidth * TABLE_STEPS_PER_CROSSING;
        int outputLength = (int) ((long) input.length * outputRate / inputRate);
        short[] out = new short[outputLength];
        for (int n = 0; n < outputLength; n++) {
            double center = n * ratio;
            int first = Math.max(0, (int) Math.ceil(center - halfWidth));
            int last = Math.min(input.length - 1, (int) Math.floor(center + halfWidth));
            double sum = 0;
            for (int k = first; k <= last; k++) {
                double position = Math.abs(center - k) * tableScale;
                int index = (int) position;
                if (index >= KERNEL.length - 1) {
                    continue;
                }
                double fraction = position - index;
                double weight = KERNEL[index] + fraction * (KERNEL[index + 1] - KERNEL[index]);
                sum += input[k] * weight;
            }
            out[n] = clip(sum * bandwidth);
        }
        return out;
    }

    private static short clip(double value) {
        long rounded = Math.round(value);
        if (rounded > Short.MAX_VALUE) {
            return Short.MAX_VALUE;
        }
        if (rounded < Short.MIN_VALUE) {
            return Short.MIN_VALUE;
        }
        return (short) rounded;
    }

    /** sinc(u) times a Kaiser window, for u from 0 to ZERO_CROSSINGS in table steps. */
    private static float[] buildKernel() {
        int size = ZERO_CROSSINGS * TABLE_STEPS_PER_CROSSING + 2;
        float[] table = new float[size];
        double i0Beta = besselI0(KAISER_BETA);
        for (int i = 0; i < size; i++) {
            double u = (double) i / TABLE_STEPS_PER_CROSSING;
            if (u >= ZERO_CROSSINGS) {
                table[i] = 0;
                continue;
            }
            double sinc = u == 0 ? 1.0 : Math.sin(Math.PI * u) / (Math.PI * u);
            double r = u / ZERO_CROSSINGS;
            double window = besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0Beta;
            table[i] = (float) (sinc * window);
        }
        return table;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double halfX = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
            if (term < sum * 1e-12) {
                break;
            }
        }
        return sum;
    }
}
