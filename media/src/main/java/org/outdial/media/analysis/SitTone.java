package org.outdial.media.analysis;

/**
 * The eight North American special information tones (Telcordia GR-1162, ANSI T1.401; ITU-T
 * E.180 leaves the encoding to the operator): three segments, the first two each low or high in
 * frequency and short (274 ms) or long (380 ms), the third always 1776.7 Hz and long.
 *
 * <pre>
 *   segment 1: low 913.8 Hz,  high 985.2 Hz
 *   segment 2: low 1370.6 Hz, high 1428.5 Hz
 *   segment 3: 1776.7 Hz
 * </pre>
 * Each constant is named by its code and lists (first frequency high?, first long?, second
 * frequency high?, second long?).
 */
public enum SitTone {
    /** IC: number changed or disconnected. Short low, short low. */
    INTERCEPT(false, false, false, false, SitOutcome.NOT_EXIST),
    /** VC: unassigned number or code. Long high, short low. */
    VACANT_CODE(true, true, false, false, SitOutcome.NOT_EXIST),
    /** RO': system busy inside the local network. Short low, long high. */
    REORDER_INTRA_LATA(false, false, true, true, SitOutcome.UNREACHABLE),
    /** RO'': system busy at the long-distance carrier. Short high, long low. */
    REORDER_INTER_LATA(true, false, false, true, SitOutcome.UNREACHABLE),
    /** NC': all circuits busy inside the local network. Long high, long high. */
    NO_CIRCUIT_INTRA_LATA(true, true, true, true, SitOutcome.BUSYOUT),
    /** NC'': all circuits busy at the long-distance carrier. Long low, long low. */
    NO_CIRCUIT_INTER_LATA(false, true, false, true, SitOutcome.BUSYOUT),
    /** IO: ineffective other (a general failure). Long low, short high. */
    INEFFECTIVE_OTHER(false, true, true, false, SitOutcome.UNREACHABLE),
    /** Reserved for future use. Short high, short high. */
    RESERVED(true, false, true, false, SitOutcome.UNREACHABLE);

    public static final double FIRST_LOW_HZ = 913.8;
    public static final double FIRST_HIGH_HZ = 985.2;
    public static final double SECOND_LOW_HZ = 1370.6;
    public static final double SECOND_HIGH_HZ = 1428.5;
    public static final double THIRD_HZ = 1776.7;
    public static final int SHORT_MS = 274;
    public static final int LONG_MS = 380;

    private final boolean firstHigh;
    private final boolean firstLong;
    private final boolean secondHigh;
    private final boolean secondLong;
    private final SitOutcome outcome;

    SitTone(boolean firstHigh, boolean firstLong, boolean secondHigh, boolean secondLong, SitOutcome outcome) {
        this.firstHigh = firstHigh;
        this.firstLong = firstLong;
        this.secondHigh = secondHigh;
        this.secondLong = secondLong;
        this.outcome = outcome;
    }

    /** The tone with these two first segments (every combination is one of the eight). */
    public static SitTone of(boolean firstHigh, boolean firstLong, boolean secondHigh, boolean secondLong) {
        for (SitTone tone : values()) {
            if (tone.firstHigh == firstHigh && tone.firstLong == firstLong && tone.secondHigh == secondHigh
                    && tone.secondLong == secondLong) {
                return tone;
            }
        }
        throw new IllegalStateException("no SIT for " + firstHigh + firstLong + secondHigh + secondLong);
    }

    public SitOutcome outcome() {
        return outcome;
    }

    public double firstHz() {
        return firstHigh ? FIRST_HIGH_HZ : FIRST_LOW_HZ;
    }

    public int firstMs() {
        return firstLong ? LONG_MS : SHORT_MS;
    }

    public double secondHz() {
        return secondHigh ? SECOND_HIGH_HZ : SECOND_LOW_HZ;
    }

    public int secondMs() {
        return secondLong ? LONG_MS : SHORT_MS;
    }
}
