package org.outdial.media.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outdial.media.analysis.EnergyMeter;
import org.outdial.media.audio.AudioSource;

/** Runs the real espeak-ng: `./outdial test` installs it, and these tests fail without it. */
class EspeakSynthesizerTest {

    @TempDir
    Path dir;

    @Test
    void speechComesBackAsAudibleEightKilohertzAudio() {
        EspeakSynthesizer tts = new EspeakSynthesizer();

        AudioSource speech = tts.synthesize("Hello, your order number is 42.", TtsProfile.DEFAULT);

        double seconds = speech.duration().toMillis() / 1000.0;
        assertTrue(seconds > 1 && seconds < 6, "duration was " + seconds + " s");
        short[] samples = speech.samples();
        assertTrue(EnergyMeter.dbfs(samples, 0, samples.length) > -40, "speech should be audible");
    }

    @Test
    void theSamePhraseAndProfileIsSynthesizedOnce() {
        EspeakSynthesizer tts = new EspeakSynthesizer();

        AudioSource first = tts.synthesize("one two three", TtsProfile.DEFAULT);
        AudioSource second = tts.synthesize("one two three", TtsProfile.DEFAULT);
        AudioSource faster = tts.synthesize("one two three", new TtsProfile("en", 300, 50));

        assertSame(first, second);
        assertEquals(2, tts.cachedCount());
        assertTrue(faster.duration().compareTo(first.duration()) < 0, "300 wpm should be shorter than 175 wpm");
    }

    @Test
    void textThatLooksLikeAnOptionIsSpokenNotObeyed() {
        AudioSource speech = new EspeakSynthesizer().synthesize("--version", TtsProfile.DEFAULT);

        assertTrue(speech.frameCount() > 10);
    }

    @Test
    void aMissingProgramFailsWithTheSeedMessageAndAReason() {
        EspeakSynthesizer tts = new EspeakSynthesizer("espeak-ng-that-is-not-installed", Duration.ofSeconds(5), 10);

        TtsException e = assertThrows(TtsException.class, () -> tts.synthesize("hello", TtsProfile.DEFAULT));

        assertEquals("Text to speech failed", e.getMessage());
        assertEquals("espeak-ng-that-is-not-installed not found on PATH", e.reason());
    }

    @Test
    void anUnknownVoiceFailsWithEspeaksOwnExplanation() {
        EspeakSynthesizer tts = new EspeakSynthesizer();

        TtsException e = assertThrows(TtsException.class,
                () -> tts.synthesize("hello", new TtsProfile("xx9nosuchvoice", 175, 50)));

        assertEquals("Text to speech failed", e.getMessage());
        assertTrue(e.reason().contains("exited with") && e.reason().contains("voice"), e.reason());
    }

    @Test
    void aProgramThatHangsIsKilledAfterTheTimeout() throws IOException {
        Path hanging = dir.resolve("slow-tts");
        Files.writeString(hanging, "#!/bin/sh\nexec sleep 30\n");
        Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwx------"));
        EspeakSynthesizer tts = new EspeakSynthesizer(hanging.toString(), Duration.ofMillis(300), 10);

        long start = System.nanoTime();
        TtsException e = assertThrows(TtsException.class, () -> tts.synthesize("hello", TtsProfile.DEFAULT));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(e.reason().contains("did not finish within 300 ms"), e.reason());
        assertTrue(millis < 5_000, "took " + millis + " ms");
    }

    @Test
    void profilesOutsideEspeaksRangesAreRejectedNamingTheKey() {
        assertEquals("tts speed must be 80..450 words per minute, was 79",
                assertThrows(IllegalArgumentException.class, () -> new TtsProfile("en", 79, 50)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TtsProfile("en", 175, 100));
        assertThrows(IllegalArgumentException.class, () -> new TtsProfile("-w", 175, 50));
    }

    @Test
    void concurrentRequestsForOnePhraseRunEspeakOnce() throws Exception {
        // A recording wrapper around the real program: one line per run.
        Path runs = dir.resolve("runs.txt");
        Path wrapper = dir.resolve("counting-espeak");
        Files.writeString(wrapper, "#!/bin/sh\necho run >> '" + runs + "'\nexec espeak-ng \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        EspeakSynthesizer tts = new EspeakSynthesizer(wrapper.toString(), Duration.ofSeconds(10), 10);

        java.util.List<java.util.concurrent.Future<AudioSource>> results = new java.util.ArrayList<>();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4; i++) {
                results.add(executor.submit(() -> tts.synthesize("press one for sales", TtsProfile.DEFAULT)));
            }
        }

        AudioSource first = results.getFirst().get();
        for (var result : results) {
            assertSame(first, result.get());
        }
        assertEquals(1, Files.readAllLines(runs).size());
    }

    @Test
    void aFailedSynthesisIsNotCachedSoTheNextRequestTriesAgain() {
        EspeakSynthesizer tts = new EspeakSynthesizer("espeak-ng-that-is-not-installed", Duration.ofSeconds(5), 10);

        assertThrows(TtsException.class, () -> tts.synthesize("hello", TtsProfile.DEFAULT));
        assertThrows(TtsException.class, () -> tts.synthesize("hello", TtsProfile.DEFAULT));

        assertEquals(0, tts.cachedCount());
    }

    @Test
    void anUnavailableSynthesizerFailsEveryRequestWithItsReason() {
        SpeechSynthesizer none = SpeechSynthesizer.unavailable("tts disabled in outdial.yaml");

        TtsException e = assertThrows(TtsException.class, () -> none.synthesize("hello", TtsProfile.DEFAULT));

        assertEquals("Text to speech failed", e.getMessage());
        assertEquals("tts disabled in outdial.yaml", e.reason());
    }
}
