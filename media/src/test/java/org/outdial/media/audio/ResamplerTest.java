package org.outdial.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.outdial.media.analysis.EnergyMeter;
import org.outdial.media.analysis.Goertzel;

class ResamplerTest {

    private static float[] sine(double frequencyHz, int sampleRate, double seconds, double amplitude) {
        float[] samples = new float[(int) (sampleRate * seconds)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (amplitude * 32767 * Math.sin(2 * Math.PI * frequencyHz * i / sampleRate));
        }
        return samples;
    }

    /** RMS of the middle of the output, away from the filter's start-up at the edges. */
    private static double middleRms(short[] samples) {
        int quarter = samples.length / 4;
        return EnergyMeter.rms(samples, quarter, samples.length / 2);
    }

    @Test
    void threeKilohertzSurvivesDownsamplingFrom44100To8000() {
        short[] out = Resampler.resample(sine(3000, 44100, 1.0, 0.5), 44100, 8000);

        assertEquals(8000, out.length);
        double expectedRms = 0.5 * 32767 / Math.sqrt(2);
        double gainDb = 20 * Math.log10(middleRms(out) / expectedRms);
        assertTrue(Math.abs(gainDb) < 1.0, "3 kHz should pass within 1 dB, gain was " + gainDb + " dB");
        // And it is still 3 kHz, not something else.
        int quarter = out.length / 4;
        double at3k = new Goertzel(3000, 8000).power(out, quarter, 800);
        double at1k = new Goertzel(1000, 8000).power(out, quarter, 800);
        assertTrue(at3k > 1000 * at1k, "3 kHz should dominate");
    }

    @Test
    void sixKilohertzIsRemovedInsteadOfAliasingToTwoKilohertz() {
        short[] out = Resampler.resample(sine(6000, 44100, 1.0, 0.5), 44100, 8000);

        double inputRms = 0.5 * 32767 / Math.sqrt(2);
        double attenuationDb = 20 * Math.log10(middleRms(out) / inputRms);
        // Naive decimation would fold 6 kHz to 2 kHz at full level (0 dB).
        assertTrue(attenuationDb < -60, "6 kHz should be at least 60 dB down, was " + attenuationDb + " dB");
    }

    @Test
    void fourPointFiveKilohertzJustAboveTheNewNyquistIsAlsoRemoved() {
        short[] out = Resampler.resample(sine(4500, 48000, 1.0, 0.5), 48000, 8000);

        double attenuationDb = 20 * Math.log10(middleRms(out) / (0.5 * 32767 / Math.sqrt(2)));
        assertTrue(attenuationDb < -40, "4.5 kHz should be at least 40 dB down, was " + attenuationDb + " dB");
    }

    @Test
    void upsamplingFrom6000KeepsAToneAndItsLevel() {
        short[] out = Resampler.resample(sine(1000, 6000, 1.0, 0.5), 6000, 8000);

        assertEquals(8000, out.length);
        double gainDb = 20 * Math.log10(middleRms(out) / (0.5 * 32767 / Math.sqrt(2)));
        assertTrue(Math.abs(gainDb) < 0.5, "gain was " + gainDb + " dB");
    }

    @Test
    void sameRateOnlyRoundsAndClips() {
        short[] out = Resampler.resample(new float[] {1.4f, -2.6f, 40000f, -40000f}, 8000, 8000);

        assertEquals(1, out[0]);
        assertEquals(-3, out[1]);
        assertEquals(Short.MAX_VALUE, out[2]);
        assertEquals(Short.MIN_VALUE, out[3]);
    }

    @Test
    void aConstantLevelStaysConstantAwayFromTheEdges() {
        float[] dc = new float[22050];
        java.util.Arrays.fill(dc, 10000f);
        short[] out = Resampler.resample(dc, 22050, 8000);

        for (int i = 200; i < out.length - 200; i++) {
            assertTrue(Math.abs(out[i] - 10000) <= 20, "sample " + i + " was " + out[i]);
        }
    }
}
