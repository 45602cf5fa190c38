package org.outdial.media.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Which of a few known frequencies a block of audio holds, if any: the answer to "did the far end
 * hear 697 Hz, then 1209 Hz?" in echo tests, and the base of tone and SIT detection.
 */
public final class ToneDetector {

    private final Goertzel[] filters;
    private final double minShareOfEnergy;

    /**
     * @param candidatesHz      the frequencies to look for
     * @param sampleRate        of the audio that will be analysed
     * @param minShareOfEnergy  0..1: how much of the block's energy the winning frequency must hold
     *                          to count as present (0.5 suits clean tones; lower for noisy lines)
     */
    public ToneDetector(double[] candidatesHz, int sampleRate, double minShareOfEnergy) {
        if (candidatesHz.length == 0) {
            throw new IllegalArgumentException("tone detector needs at least one candidate frequency");
        }
        if (!(minShareOfEnergy >= 0 && minShareOfEnergy <= 1)) {
            throw new IllegalArgumentException("minShareOfEnergy must be 0..1, was " + minShareOfEnergy);
        }
        this.filters = new Goertzel[candidatesHz.length];
        for (int i = 0; i < candidatesHz.length; i++) {
            filters[i] = new Goertzel(candidatesHz[i], sampleRate);
        }
        this.minShareOfEnergy = minShareOfEnergy;
    }

    /**
     * The candidate with the most power in the block, if it holds at least the required share of
     * the block's energy. A pure sine of amplitude A has mean square A²/2 and Goertzel power A²/4,
     * hence the factor 2 below.
     */
    public OptionalDouble dominant(short[] samples, int offset, int length) {
        double meanSquare = EnergyMeter.meanSquare(samples, offset, length);
        if (meanSquare == 0) {
            return OptionalDouble.empty();
        }
        int best = -1;
        double bestPower = 0;
        for (int i = 0; i < filters.length; i++) {
            double power = filters[i].power(samples, offset, length);
            if (power > bestPower) {
                bestPower = power;
                best = i;
            }
        }
        if (best < 0 || 2 * bestPower < minShareOfEnergy * meanSquare) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(filters[best].frequencyHz());
    }

    /**
     * The sequence of tones in {@code samples}, analysed in blocks of {@code blockLength}: each
     * block's dominant frequency, with consecutive repeats and tone-less blocks collapsed, and a
     * tone counted only when it holds for at least {@code minBlocks} blocks in a row.
     */
    public List<Double> sequence(short[] samples, int blockLength, int minBlocks) {
        List<Double> tones = new ArrayList<>();
        double current = Double.NaN;
        int run = 0;
        for (int offset = 0; offset + blockLength <= samples.length; offset += blockLength) {
            OptionalDouble tone = dominant(samples, offset, blockLength);
            double frequency = tone.orElse(Double.NaN);
            if (Double.compare(frequency, current) == 0) {
                run++;
            } else {
                current = frequency;
                run = 1;
            }
            if (run == minBlocks && !Double.isNaN(current)
                    && (tones.isEmpty() || tones.getLast() != current)) {
                tones.add(current);
            }
        }
        return tones;
    }
}
