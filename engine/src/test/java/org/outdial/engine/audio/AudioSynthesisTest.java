package org.outdial.engine.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.outdial.engine.catalog.TestStores.assertRefused;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outdial.engine.catalog.TestStores;
import org.outdial.engine.tts.TtsProfile;
import org.outdial.engine.tts.TtsProfiles;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.tts.EspeakSynthesizer;
import org.outdial.media.tts.SpeechSynthesizer;
import org.outdial.media.tts.TtsException;
import org.outdial.testing.ManualClock;

class AudioSynthesisTest {

    @TempDir
    Path dir;

    private final DataSource db = TestStores.freshDatabase();
    private final ManualClock clock = ManualClock.at(Instant.parse("2024-05-01T10:00:00Z"));
    private final TtsProfiles profiles = new TtsProfiles(db, clock);

    /** Records what it was asked to say and answers with a short tone. */
    private static final class RecordingSynthesizer implements SpeechSynthesizer {
        final List<String> texts = Collections.synchronizedList(new ArrayList<>());

        @Override
        public AudioSource synthesize(String text, org.outdial.media.tts.TtsProfile profile) {
            texts.add(text);
            if (text.contains("explode")) {
                throw new TtsException("espeak-ng exited with 1");
            }
            if (text.contains("bug")) {
                throw new IllegalStateException("unexpected");
            }
            return AudioSource.tone(440, Duration.ofMillis(500), 0.5);
        }
    }

    private static TtsRequestItem item(String name, String type, String text, String ssml, Long settingsId) {
        return new TtsRequestItem(name, type, new TtsRequestItem.Tts(text, ssml, settingsId));
    }

    @Test
    void everyElementGetsItsIdOrTheSeedsErrorText() {
        long profile = profiles.add(new TtsProfile(0, "Voice", "en", 175, 50));
        RecordingSynthesizer synth = new RecordingSynthesizer();
        AudioLibrary library = new AudioLibrary(db, clock, dir);
        library.upload("taken", AudioType.API, TestWav.sine(8000, 1, 0.1, 440, 0.5), false);
        AudioSynthesis synthesis = new AudioSynthesis(library, profiles, synth);

        List<TtsResult> first = synthesis.synthesize(List.of(
                item("audio for calling", "AUTODIAL", "text for voiceover", null, profile),
                item("x", null, "t", null, profile),
                item(" ", "API", "t", null, profile),
                item("n".repeat(201), "API", "t", null, profile),
                item("taken", "API", "t", null, profile)));
        List<TtsResult> second = synthesis.synthesize(List.of(
                new TtsRequestItem("no tts", "API", null),
                item("neither", "API", null, null, profile),
                item("long text", "API", "t".repeat(4961), null, profile),
                item("bad ssml", "API", null, "text for voiceover", profile),
                item("no settings", "API", "t", null, null)));
        List<TtsResult> third = synthesis.synthesize(List.of(
                item("unknown settings", "API", "t", null, 999L),
                item("failing", "API", "please explode", null, profile),
                item("buggy", "API", "a bug", null, profile),
                item("audio for calling", "API", "again", null, profile)));

        assertNotNull(first.get(0).id());
        assertNull(first.get(0).error());
        assertEquals(AudioType.AUTODIAL, library.find(first.get(0).id()).orElseThrow().type());
        assertEquals(List.of(
                "type is null", "Name is empty", "Name length more than 200 chars", "Same name already present",
                "tts is null", "Text to speech \u2018text\u2019 and \u2018ssml\u2019 is null",
                "Text to speech \u2018text\u2019 not valid", "Text to speech \u2018ssml\u2019 not valid",
                "Text to speech \u2018settingsId\u2019 is null", "Text to speech settings not found by id",
                "Text to speech failed", "Internal error", "Same name already present"),
                errors(first.subList(1, 5), second, third));
        assertEquals("no tts", second.get(0).name());
        assertNull(second.get(0).id());
        assertEquals(List.of("text for voiceover", "please explode", "a bug"), synth.texts);
        assertEquals(2, library.list(null).size());
    }

    @Test
    void ssmlIsSpokenAsItsText() {
        long profile = profiles.add(new TtsProfile(0, "Voice", "en", 175, 50));
        RecordingSynthesizer synth = new RecordingSynthesizer();
        AudioSynthesis synthesis = new AudioSynthesis(new AudioLibrary(db, clock, dir), profiles, synth);
        List<TtsResult> results = synthesis.synthesize(List.of(item("s", "IVR", "ignored text",
                "<speak>Hello <break time=\"1s\"/> world &amp; you</speak>", profile)));
        assertNotNull(results.getFirst().id());
        assertEquals(List.of("Hello world & you"), synth.texts);
    }

    @Test
    void requestLevelErrors() {
        AudioSynthesis synthesis = new AudioSynthesis(new AudioLibrary(db, clock, dir), profiles, new RecordingSynthesizer());
        assertRefused("data is null", () -> synthesis.synthesize(null));
        assertRefused("data is empty", () -> synthesis.synthesize(List.of()));
        List<TtsRequestItem> six = Collections.nCopies(6, item("a", "API", "t", null, 1L));
        assertRefused("Too many elements in data", () -> synthesis.synthesize(six));
    }

    @Test
    void secondSimultaneousRequestIsRefused() throws Exception {
        long profile = profiles.add(new TtsProfile(0, "Voice", "en", 175, 50));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SpeechSynthesizer slow = (text, p) -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return AudioSource.tone(440, Duration.ofMillis(100), 0.5);
        };
        AudioSynthesis synthesis = new AudioSynthesis(new AudioLibrary(db, clock, dir), profiles, slow);
        CompletableFuture<List<TtsResult>> first = CompletableFuture.supplyAsync(
                () -> synthesis.synthesize(List.of(item("a", "API", "t", null, profile))));
        assertTrue(inside.await(10, TimeUnit.SECONDS), () -> "first request never reached the synthesizer: " + first);
        assertRefused("Allowed only one simultaneous text to speech request per project",
                () -> synthesis.synthesize(List.of(item("b", "API", "t", null, profile))));
        release.countDown();
        assertNotNull(first.get().getFirst().id());
    }

    @Test
    void realEspeakNgSpeaksTheText() {
        long profile = profiles.add(new TtsProfile(0, "Voice", "en-us", 175, 50));
        AudioLibrary library = new AudioLibrary(db, clock, dir);
        AudioSynthesis synthesis = new AudioSynthesis(library, profiles, new EspeakSynthesizer());
        List<TtsResult> results = synthesis.synthesize(List.of(item("hello", "AUTODIAL", "Hello, this is Outdial.", null, profile)));
        assertNull(results.getFirst().error(), "espeak-ng must be installed: " + results.getFirst().error());
        AudioFile file = library.find(results.getFirst().id()).orElseThrow();
        assertTrue(file.durationMs() > 500, "speech lasts " + file.durationMs() + " ms");
    }

    @SafeVarargs
    private static List<String> errors(List<TtsResult>... lists) {
        List<String> out = new ArrayList<>();
        for (List<TtsResult> l : lists) {
            l.forEach(r -> out.add(r.error()));
        }
        return out;
    }
}
