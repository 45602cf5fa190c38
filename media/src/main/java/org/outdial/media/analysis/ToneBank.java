package org.outdial.media.analysis;

/**
 * Whether one 20 ms frame is a tone rather than speech: a bank of Goertzel filters 50 Hz apart
 * over 300..2200 Hz, and the share of the frame's energy the strongest one or two narrow bands
 * hold.
 *
 * <p>A tone holds nearly all of it: ringback (425 Hz, 440+480 Hz, 400+450 Hz), a voicemail beep,
 * a fax's 1100 or 2100 Hz. Speech spreads its energy over harmonics and formants and never holds
 * most of it in 100 Hz for long. The answering-machine detector counts tone frames as silence
 * (ringback is not somebody talking) and looks for the beep and the fax tone among them.
 *
 * <p>A 160-sample Goertzel filter's main lobe is ±50 Hz, so a tone between two filters shows in
 * both: a band here is a filter and its stronger neighbour, which holds at least 81 % of a pure
 * tone's power wherever it falls. Cost: 39 filters × 160 samples per analysed frame, and only
 * frames above the silence threshold are analysed. One instance per call; not thread-safe.
 */
final class ToneBank {

    /** What {@link #analyse} found in the last frame. */
    enum Kind { NONE, SINGLE, DUAL }

    static final double LOWEST_HZ = 300;
    static final double STEP_HZ = 50;
    static final int FILTERS = 39;
    /** A frame is a single tone when its strongest band holds this share of its energy. */
    static final double SINGLE_SHARE = 0.7;
    /** A frame is a dual tone when its two strongest separate bands hold this share. */
    static final double DUAL_SHARE = 0.75;

    private final Goertzel[] filters = new Goertzel[FILTERS];
    private final double[] power = new double[FILTERS];
    private Kind kind = Kind.NONE;
    private double frequencyHz = Double.NaN;

    ToneBank() {
        for (int i = 0; i < FILTERS; i++) {
            filters[i] = new Goertzel(LOWEST_HZ + i * STEP_HZ, 8000);
        }
    }

    /** Analyses one frame; read the outcome from {@link #kind()} and {@link #frequencyHz()}. */
    Kind analyse(short[] frame, int offset, int length) {
        kind = Kind.NONE;
        frequencyHz = Double.NaN;
        double meanSquare = EnergyMeter.meanSquare(frame, offset, length);
        if (meanSquare == 0) {
            return kind;
        }
        for (int i = 0; i < FILTERS; i++) {
            power[i] = filters[i].power(frame, offset, length);
        }
        int best = strongest(-10);
        double bestBand = band(best);
        // A sine of mean square m has Goertzel power m/2, hence the factor 2 in every share.
        if (2 * bestBand >= SINGLE_SHARE * meanSquare) {
            kind = Kind.SINGLE;
            frequencyHz = centre(best);
            return kind;
        }
        int second = strongest(best);
        if (second >= 0 && 2 * (bestBand + band(second)) >= DUAL_SHARE * meanSquare
                && band(second) >= 0.2 * bestBand) {
            kind = Kind.DUAL;
            frequencyHz = centre(best);
        }
        return kind;
    }

    Kind kind() {
        return kind;
    }

    /** The single tone's frequency, or the stronger of a dual tone's, within about ±15 Hz. */
    double frequencyHz() {
        return frequencyHz;
    }

    /** The strongest filter at least two filters away from {@code excluded}, or -1. */
    private int strongest(int excluded) {
        int best = -1;
        for (int i = 0; i < FILTERS; i++) {
            if (Math.abs(i - excluded) >= 2 && (best < 0 || power[i] > power[best])) {
                best = i;
            }
        }
        return best;
    }

    private double band(int i) {
        return power[i] + neighbour(i);
    }

    private double neighbour(int i) {
        double left = i > 0 ? power[i - 1] : 0;
        double right = i < FILTERS - 1 ? power[i + 1] : 0;
        return Math.max(left, right);
    }

    /** The power-weighted centre of filter {@code i} and its stronger neighbour. */
    private double centre(int i) {
        double left = i > 0 ? power[i - 1] : 0;
        double right = i < FILTERS - 1 ? power[i + 1] : 0;
        int j = left > right ? i - 1 : i + 1;
        double pj = Math.max(left, right);
        double fi = LOWEST_HZ + i * STEP_HZ;
        double fj = LOWEST_HZ + j * STEP_HZ;
        // Amplitudes, not powers, interpolate close to linearly across a Goertzel main lobe.
        double ai = Math.sqrt(power[i]);
        double aj = Math.sqrt(pj);
        return (fi * ai + fj * aj) / (ai + aj);
    }
}
