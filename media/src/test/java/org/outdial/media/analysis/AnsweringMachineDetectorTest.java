package org.outdial.media.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class AnsweringMachineDetectorTest {

    private static AnsweringMachineDetector run(Signals signals) {
        AnsweringMachineDetector detector = AnsweringMachineDetector.start(AmdSettings.DEFAULTS);
        signals.feed(detector::accept);
        return detector;
    }

    private static AmdVerdict verdictOf(Signals signals) {
        AnsweringMachineDetector detector = run(signals);
        assertTrue(detector.verdict().isDone(), "no verdict after " + detector.elapsed());
        return detector.verdict().join();
    }

    @Test
    void aShortHelloThenSilenceIsAPersonOnceTheAfterGreetingSilenceHasPassed() {
        AmdVerdict verdict = verdictOf(new Signals().silence(300).speech(400, 2000).silence(3000));

        assertEquals(AmdResult.HUMAN, verdict.result());
        assertEquals(AmdCause.AFTER_GREETING_SILENCE, verdict.cause());
        assertEquals(Duration.ofMillis(300 + 400 + 800), verdict.after());
    }

    @Test
    void speechGoingOnForTheGreetingTimeIsAMachine() {
        AmdVerdict verdict = verdictOf(new Signals().silence(200).speech(3000, 2000));

        assertEquals(AmdResult.MACHINE, verdict.result());
        assertEquals(AmdCause.LONG_GREETING, verdict.cause());
        assertEquals(Duration.ofMillis(200 + 1500), verdict.after());
    }

    @Test
    void theFourthWordIsOneTooManyForAPerson() {
        Signals signals = new Signals().silence(200);
        for (int i = 0; i < 5; i++) {
            signals.speech(200, 2000).silence(100);
        }

        AmdVerdict verdict = verdictOf(signals);

        assertEquals(AmdResult.MACHINE, verdict.result());
        assertEquals(AmdCause.MAX_WORDS, verdict.cause());
        // The fourth word counts once it is 100 ms long: 200 + 3 × 300 + 100.
        assertEquals(Duration.ofMillis(1200), verdict.after());
    }

    @Test
    void silenceFromTheAnswerOnIsAMachineAfterTheInitialSilence() {
        AmdVerdict verdict = verdictOf(new Signals().silence(4000));

        assertEquals(new AmdVerdict(AmdResult.MACHINE, AmdCause.INITIAL_SILENCE, Duration.ofMillis(2500)), verdict);
    }

    @Test
    void ringbackIsNotTakenForWordsSoItEndsAsInitialSilence() {
        // European ringback 425 Hz, 1 s on 4 s off; and North American 440 + 480 Hz.
        AmdVerdict european = verdictOf(new Signals().silence(200).tone(425, 1000, 0.3).silence(4000));
        AmdVerdict american = verdictOf(new Signals().silence(200).tones(new double[] {440, 480}, 2000, 0.3).silence(4000));

        assertEquals(AmdCause.INITIAL_SILENCE, european.cause());
        assertEquals(AmdCause.INITIAL_SILENCE, american.cause());
    }

    @Test
    void theBeepAfterTheGreetingIsHeardWhenItHasLastedTheBeepMinimum() throws Exception {
        AnsweringMachineDetector detector = run(new Signals().silence(200).speech(3000, 2000).silence(300)
                .tone(1000, 600, 0.3).silence(2000));

        assertEquals(AmdResult.MACHINE, detector.verdict().join().result());
        assertEquals(Duration.ofMillis(200 + 3000 + 300 + 120), detector.beep().get());
    }

    @Test
    void aBeepBeforeAnyRuleDecidedMakesTheVerdictMachine() throws Exception {
        AnsweringMachineDetector detector = run(new Signals().silence(200).speech(600, 2000).silence(200)
                .tone(800, 400, 0.3).silence(2000));

        assertEquals(new AmdVerdict(AmdResult.MACHINE, AmdCause.BEEP, Duration.ofMillis(200 + 600 + 200 + 120)),
                detector.verdict().join());
        assertEquals(Duration.ofMillis(1120), detector.beep().get());
    }

    @Test
    void aToneBeforeAnySpeechIsNotABeep() {
        AnsweringMachineDetector detector = run(new Signals().silence(200).tone(1000, 600, 0.3).silence(4000));

        assertEquals(AmdCause.INITIAL_SILENCE, detector.verdict().join().cause());
        assertFalse(detector.beep().isDone(), "still listening for the beep after a MACHINE verdict");
    }

    @Test
    void aPersonsVerdictEndsTheWaitForTheBeep() {
        AnsweringMachineDetector detector = run(new Signals().silence(300).speech(400, 2000).silence(1000));

        ExecutionException e = assertThrows(ExecutionException.class, () -> detector.beep().get());
        assertInstanceOf(NoBeepException.class, e.getCause());
    }

    @Test
    void aFaxAnswerToneIsAFax() {
        AmdVerdict ced = verdictOf(new Signals().silence(200).tone(2100, 3000, 0.3));
        AmdVerdict cng = verdictOf(new Signals().silence(200).tone(1100, 500, 0.3).silence(3000));

        assertEquals(new AmdVerdict(AmdResult.FAX, AmdCause.FAX_TONE, Duration.ofMillis(600)), ced);
        assertEquals(new AmdVerdict(AmdResult.FAX, AmdCause.FAX_TONE, Duration.ofMillis(600)), cng);
    }

    @Test
    void lineNoiseAboveTheFixedThresholdIsNotSpeechThanksToTheNoiseFloor() {
        AmdVerdict verdict = verdictOf(new Signals().silence(600).speech(400, 3000).silence(3000).noise(400));

        assertEquals(AmdResult.HUMAN, verdict.result());
    }

    @Test
    void withoutTheNoiseFloorTheSameNoisyLineIsAMachine() {
        AmdSettings appAmd = new AmdSettings(2500, 1500, 800, 5000, 100, 50, 3, 256, 5000, 0, 120, 30_000, 400);
        AnsweringMachineDetector detector = AnsweringMachineDetector.start(appAmd);
        new Signals().silence(600).speech(400, 3000).silence(3000).noise(400).feed(detector::accept);

        assertEquals(AmdResult.MACHINE, detector.verdict().join().result());
    }

    @Test
    void noDecisionWithinTheTotalAnalysisTimeIsNotSure() {
        // Clicks shorter than a word with pauses shorter than the after-greeting silence.
        Signals signals = new Signals();
        for (int i = 0; i < 100; i++) {
            signals.speech(60, 2000).silence(60);
        }

        assertEquals(new AmdVerdict(AmdResult.NOT_SURE, AmdCause.TOO_LONG, Duration.ofMillis(5000)), verdictOf(signals));
    }

    @Test
    void audioEndingBeforeADecisionIsNotSureAndNoBeep() {
        AnsweringMachineDetector detector = run(new Signals().silence(300).speech(400, 2000));
        detector.finish();

        assertEquals(new AmdVerdict(AmdResult.NOT_SURE, AmdCause.AUDIO_ENDED, Duration.ofMillis(700)), detector.verdict().join());
        assertTrue(detector.beep().isCompletedExceptionally());
    }

    @Test
    void settingsComeFromAmdKeysAndRefuseWhatTheyCannotUse() {
        AmdSettings settings = AmdSettings.fromMap(Map.of("amd.greetingMs", "2000", "amd.noiseFactor", "3", "other.key", "x"));
        assertEquals(2000, settings.greetingMs());
        assertEquals(3.0, settings.noiseFactor());
        assertEquals(AmdSettings.DEFAULTS.maxWords(), settings.maxWords());

        assertEquals("amd.greetingMs must be a whole number, was 1500.5", assertThrows(IllegalArgumentException.class,
                () -> AmdSettings.fromMap(Map.of("amd.greetingMs", "1500.5"))).getMessage());
        assertEquals("amd.maxWords must be 1..100, was 0", assertThrows(IllegalArgumentException.class,
                () -> AmdSettings.fromMap(Map.of("amd.maxWords", "0"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AmdSettings.fromMap(Map.of("amd.greeting", "1")))
                .getMessage().startsWith("amd.greeting is not supported"));
    }
}
