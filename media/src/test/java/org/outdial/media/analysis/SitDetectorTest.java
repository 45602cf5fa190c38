package org.outdial.media.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SitDetectorTest {

    /** A SIT as sent: the segments back to back, durations and frequencies scaled by the given factors. */
    private static Signals sit(Signals signals, SitTone tone, double durationFactor, double frequencyFactor) {
        return signals.tone(tone.firstHz() * frequencyFactor, (int) Math.round(tone.firstMs() * durationFactor), 0.2)
                .tone(tone.secondHz() * frequencyFactor, (int) Math.round(tone.secondMs() * durationFactor), 0.2)
                .tone(SitTone.THIRD_HZ * frequencyFactor, (int) Math.round(SitTone.LONG_MS * durationFactor), 0.2);
    }

    private static SitDetector run(Signals signals) {
        SitDetector detector = SitDetector.start();
        signals.feed(detector::accept);
        return detector;
    }

    @ParameterizedTest
    @EnumSource(SitTone.class)
    void eachOfTheEightTonesIsClassifiedWithinASecondOfItsStart(SitTone tone) {
        SitDetector detector = run(sit(new Signals().silence(330), tone, 1, 1).silence(500));

        assertTrue(detector.detected().isDone(), tone + " not detected");
        SitDetection detection = detector.detected().join();
        assertEquals(tone, detection.tone());
        assertEquals(330, detection.startedAt().toMillis(), 20);
        assertTrue(detection.detectionTime().compareTo(Duration.ofSeconds(1)) < 0, "took " + detection.detectionTime());
    }

    @ParameterizedTest
    @EnumSource(SitTone.class)
    void theStandardsToleranceOfFivePercentInLengthIsClassifiedRight(SitTone tone) {
        assertEquals(tone, run(sit(new Signals().silence(200), tone, 1.05, 1.002).silence(400)).detected().join().tone());
        assertEquals(tone, run(sit(new Signals().silence(200), tone, 0.95, 0.998).silence(400)).detected().join().tone());
    }

    @Test
    void aToneInNoiseAfterSpeechIsStillHeardAndMapsToItsNumberState() {
        Signals signals = new Signals().speech(800, 1500).silence(100);
        SitDetector detector = run(sit(signals, SitTone.VACANT_CODE, 1, 1).speech(1000, 1500).noise(300));

        SitDetection detection = detector.detected().join();
        assertEquals(SitTone.VACANT_CODE, detection.tone());
        assertEquals(SitOutcome.NOT_EXIST, detection.outcome());
    }

    @Test
    void ringbackBeepsAndSpeechAreNoSit() {
        Signals signals = new Signals().tones(new double[] {440, 480}, 2000, 0.3).silence(500).tone(1000, 500, 0.3)
                .speech(2000, 2000).tone(1400, 400, 0.3).tone(1776.7, 400, 0.3);

        assertFalse(run(signals).detected().isDone());
    }

    @Test
    void theSegmentsOutOfOrderAreNoSit() {
        Signals signals = new Signals().tone(SitTone.SECOND_LOW_HZ, 274, 0.2).tone(SitTone.FIRST_LOW_HZ, 274, 0.2)
                .tone(SitTone.THIRD_HZ, 380, 0.2).silence(300);

        assertFalse(run(signals).detected().isDone());
    }
}
