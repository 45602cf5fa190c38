package org.outdial.testbed.phones;

import java.util.List;
import java.util.OptionalDouble;
import org.outdial.media.analysis.ToneDetector;

/**
 * Listens to one call's received audio, frame by frame, for a steady tone on a 50 Hz grid from
 * 300 to 3400 Hz (the G.711 telephone band, ITU-T G.712). A 160-sample frame makes each Goertzel
 * filter 50 Hz wide with its nulls on the neighbouring grid lines, so a grid tone shows in one
 * filter only. A tone counts as heard once it is dominant in {@link #STEADY_FRAMES} frames in a
 * row (100 ms: longer than a burst of speech holds one pitch, shorter than any test tone).
 *
 * <p>Fed on the RTP session's event loop; read from any thread. {@link #tonesIn} applies the
 * same rule to a recording (the baresip driver's received-audio dump).
 */
public final class ToneHearing {

    static final int LOWEST_HZ = 300;
    static final int HIGHEST_HZ = 3400;
    static final int STEADY_FRAMES = 5;
    private static final double[] GRID = grid();

    private final ToneDetector detector = new ToneDetector(GRID, 8000, 0.5);
    private double current = Double.NaN;
    private int run;
    private volatile double firstHeard = Double.NaN;
    private volatile double lastHeard = Double.NaN;

    private static double[] grid() {
        double[] grid = new double[(HIGHEST_HZ - LOWEST_HZ) / PhonesSettings.TONE_STEP_HZ + 1];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = LOWEST_HZ + i * PhonesSettings.TONE_STEP_HZ;
        }
        return grid;
    }

    /** The steady grid tones in 8 kHz {@code samples}, in order, repeats collapsed. */
    public static List<Double> tonesIn(short[] samples) {
        return new ToneDetector(GRID, 8000, 0.5).sequence(samples, 160, STEADY_FRAMES);
    }

    public void frame(short[] samples) {
        OptionalDouble tone = detector.dominant(samples, 0, samples.length);
        double f = tone.orElse(Double.NaN);
        if (Double.compare(f, current) == 0) {
            run++;
        } else {
            current = f;
            run = 1;
        }
        if (run == STEADY_FRAMES && !Double.isNaN(f)) {
            if (Double.isNaN(firstHeard)) {
                firstHeard = f;
            }
            lastHeard = f;
        }
    }

    /** The first steady tone heard, if any. */
    public OptionalDouble first() {
        double f = firstHeard;
        return Double.isNaN(f) ? OptionalDouble.empty() : OptionalDouble.of(f);
    }

    /** The latest steady tone heard, if any. */
    public OptionalDouble last() {
        double f = lastHeard;
        return Double.isNaN(f) ? OptionalDouble.empty() : OptionalDouble.of(f);
    }
}
