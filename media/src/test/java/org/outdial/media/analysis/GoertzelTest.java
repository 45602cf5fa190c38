package org.outdial.media.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.outdial.media.audio.AudioSource;

class GoertzelTest {

    private static short[] tone(double hz, int millis, double amplitude) {
        return AudioSource.tone(hz, Duration.ofMillis(millis), amplitude).samples();
    }

    @Test
    void aSineAtTheTargetFrequencyHasAQuarterOfItsSquaredAmplitude() {
        short[] samples = tone(1000, 100, 0.5);

        double power = new Goertzel(1000, 8000).power(samples, 0, samples.length);

        double amplitude = 0.5 * 32767;
        assertEquals(amplitude * amplitude / 4, power, amplitude * amplitude / 4 * 0.02);
    }

    @Test
    void aSineFarFromTheTargetHasAlmostNoPower() {
        short[] samples = tone(1000, 100, 0.5);

        double on = new Goertzel(1000, 8000).power(samples, 0, 800);
        double off = new Goertzel(1500, 8000).power(samples, 0, 800);

        assertTrue(off < on / 10_000, "1500 Hz power " + off + " vs 1000 Hz " + on);
    }

    @Test
    void theDominantCandidateIsFoundPerTwentyMillisecondBlock() {
        ToneDetector detector = new ToneDetector(new double[] {697, 770, 852, 941}, 8000, 0.5);
        short[] samples = tone(852, 20, 0.3);

        assertEquals(OptionalDouble.of(852), detector.dominant(samples, 0, 160));
    }

    @Test
    void silenceAndNoiseHaveNoDominantTone() {
        ToneDetector detector = new ToneDetector(new double[] {500, 1000}, 8000, 0.5);
        short[] noise = new short[160];
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) random.nextInt(-8000, 8000);
        }

        assertTrue(detector.dominant(new short[160], 0, 160).isEmpty());
        assertTrue(detector.dominant(noise, 0, 160).isEmpty());
    }

    @Test
    void aToneSequenceIsReadBackInOrderIgnoringGapsAndRepeats() {
        short[] samples = AudioSource.sequence(
                AudioSource.silence(Duration.ofMillis(100)),
                AudioSource.tone(500, Duration.ofMillis(200), 0.4),
                AudioSource.tone(1500, Duration.ofMillis(200), 0.4),
                AudioSource.silence(Duration.ofMillis(60)),
                AudioSource.tone(1000, Duration.ofMillis(200), 0.4),
                AudioSource.tone(500, Duration.ofMillis(200), 0.4)).samples();
        ToneDetector detector = new ToneDetector(new double[] {500, 1000, 1500, 2000}, 8000, 0.5);

        assertEquals(List.of(500.0, 1500.0, 1000.0, 500.0), detector.sequence(samples, 160, 3));
    }

    @Test
    void energyOfAFullScaleSineIsMinusThreeDbfs() {
        short[] samples = tone(1000, 100, 1.0);

        assertEquals(-3.01, EnergyMeter.dbfs(samples, 0, samples.length), 0.05);
        assertEquals(Double.NEGATIVE_INFINITY, EnergyMeter.dbfs(new short[10], 0, 10));
    }
}
