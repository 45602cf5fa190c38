package org.outdial.media.analysis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Hears a special information tone ({@link SitTone}) in received audio, early media or after
 * answer, and classifies it during its third segment, under 1 s from its start.
 *
 * <p>Five Goertzel filters, one per SIT frequency, run over a 20 ms window every 10 ms (the last
 * half of the previous frame and the current one, then the current one), so a segment's length
 * is measured to about 10 ms: enough to tell 274 ms from 380 ms (±5 % each) with the boundary at
 * 327 ms. A window belongs to a segment when that segment's frequency holds at least half the
 * window's energy, which a frame of speech never does for a quarter of a second. A tone is: a
 * first-segment frequency for at least 200 ms, at most 30 ms of gap, a second-segment frequency
 * for at least 200 ms, at most 30 ms of gap, and 1776.7 Hz for {@link #THIRD_CONFIRM_MS}.
 *
 * <p>Clockless and allocation-free per frame, like {@link AnsweringMachineDetector}; one
 * instance per call, fed from one thread.
 */
public final class SitDetector {

    /** How much of the third segment confirms the tone (of its 380 ms). */
    static final int THIRD_CONFIRM_MS = 100;
    private static final int HOP_MS = 10;
    private static final int MIN_SEGMENT_MS = 200;
    private static final int MAX_GAP_MS = 30;
    private static final int LONG_FROM_MS = (SitTone.SHORT_MS + SitTone.LONG_MS) / 2;
    private static final double MIN_SHARE = 0.5;
    private static final double[] FREQUENCIES = {SitTone.FIRST_LOW_HZ, SitTone.FIRST_HIGH_HZ,
        SitTone.SECOND_LOW_HZ, SitTone.SECOND_HIGH_HZ, SitTone.THIRD_HZ};

    private final Goertzel[] filters = new Goertzel[FREQUENCIES.length];
    private final short[] window = new short[320];
    private final CompletableFuture<SitDetection> detected = new CompletableFuture<>();
    private boolean havePrevious;
    private int elapsedMs;

    // The segment being heard: which filter, since when, how long; and the gap after it.
    private int runFilter = -1;
    private int runStartMs;
    private int runMs;
    private int gapMs;
    // Segments accepted so far: 0, 1 (first) or 2 (first and second).
    private int segments;
    private int sitStartMs;
    private boolean firstHigh;
    private boolean firstLong;
    private boolean secondHigh;
    private boolean secondLong;

    private SitDetector() {
        for (int i = 0; i < FREQUENCIES.length; i++) {
            filters[i] = new Goertzel(FREQUENCIES[i], 8000);
        }
    }

    public static SitDetector start() {
        return new SitDetector();
    }

    /** Completes when a tone is classified; stays pending otherwise (the flow awaits it with the answer or a timeout). */
    public CompletableFuture<SitDetection> detected() {
        return detected;
    }

    public Duration elapsed() {
        return Duration.ofMillis(elapsedMs);
    }

    /** Feeds one 20 ms frame of 160 samples. */
    public void accept(short[] frame) {
        if (frame.length != 160) {
            throw new IllegalArgumentException("SIT detector frames must be 160 samples (20 ms at 8 kHz), was " + frame.length);
        }
        if (detected.isDone()) {
            return;
        }
        System.arraycopy(frame, 0, window, 160, 160);
        if (havePrevious) {
            hop(80);
        } else {
            elapsedMs += HOP_MS;
        }
        hop(160);
        System.arraycopy(frame, 0, window, 0, 160);
        havePrevious = true;
    }

    /** One 10 ms step: the 20 ms window at {@code offset} of the buffer ends at the step's end. */
    private void hop(int offset) {
        elapsedMs += HOP_MS;
        int filter = dominant(offset);
        if (filter >= 0 && filter == runFilter) {
            runMs += HOP_MS + gapMs;
            gapMs = 0;
            if (segments == 2 && filter == 4 && runMs >= THIRD_CONFIRM_MS) {
                detected.complete(new SitDetection(SitTone.of(firstHigh, firstLong, secondHigh, secondLong),
                        Duration.ofMillis(sitStartMs), Duration.ofMillis(elapsedMs)));
            }
            return;
        }
        if (filter < 0 && runFilter >= 0 && gapMs + HOP_MS <= MAX_GAP_MS) {
            gapMs += HOP_MS;
            return;
        }
        // The run ended (another frequency, or a gap too long): was it the next segment?
        endRun(filter >= 0 ? 0 : gapMs + HOP_MS);
        if (filter >= 0) {
            runFilter = filter;
            runStartMs = elapsedMs - 20;
            runMs = 20;
        }
    }

    private void endRun(int gapAfter) {
        // A window is 20 ms and overlaps the previous hop: a run of n hops covered n·10 + 10 ms.
        int lengthMs = runMs - 10;
        boolean segment = runFilter >= 0 && lengthMs >= MIN_SEGMENT_MS;
        if (segment && runFilter <= 1) {
            segments = 1;
            sitStartMs = runStartMs;
            firstHigh = runFilter == 1;
            firstLong = lengthMs >= LONG_FROM_MS;
        } else if (segment && segments == 1 && (runFilter == 2 || runFilter == 3) && gapAfter <= MAX_GAP_MS) {
            segments = 2;
            secondHigh = runFilter == 3;
            secondLong = lengthMs >= LONG_FROM_MS;
        } else {
            segments = 0;
        }
        if (gapAfter > MAX_GAP_MS) {
            segments = 0;
        }
        runFilter = -1;
        runMs = 0;
        gapMs = 0;
    }

    /** The filter holding at least half the window's energy, or -1. */
    private int dominant(int offset) {
        double meanSquare = EnergyMeter.meanSquare(window, offset, 160);
        // Below about -60 dBFS is line noise, not a tone.
        if (meanSquare < 1000) {
            return -1;
        }
        int best = -1;
        double bestPower = 0;
        for (int i = 0; i < filters.length; i++) {
            double power = filters[i].power(window, offset, 160);
            if (power > bestPower) {
                bestPower = power;
                best = i;
            }
        }
        return 2 * bestPower >= MIN_SHARE * meanSquare ? best : -1;
    }
}
