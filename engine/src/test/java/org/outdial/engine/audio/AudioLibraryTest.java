package org.outdial.engine.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.outdial.engine.catalog.TestStores.assertRefused;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outdial.engine.catalog.TestStores;
import org.outdial.engine.error.EngineException;
import org.outdial.testing.ManualClock;

class AudioLibraryTest {

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at(Instant.parse("2024-05-01T10:00:00Z"));

    private AudioLibrary library() {
        return new AudioLibrary(TestStores.freshDatabase(), clock, dir);
    }

    @Test
    void stereo16kHzUploadIsStoredAs8kHzMonoNormalizedWav() throws IOException {
        AudioLibrary library = library();
        long id = library.upload("greeting", AudioType.AUTODIAL, TestWav.sine(16000, 2, 2.0, 440, 0.25), false);

        AudioFile file = library.find(id).orElseThrow();
        assertEquals("greeting", file.name());
        assertEquals(AudioType.AUTODIAL, file.type());
        assertEquals(2000, file.durationMs());
        assertFalse(file.temp());
        byte[] stored = Files.readAllBytes(file.path());
        assertEquals(44 + 2 * 16000, stored.length);
        // fmt chunk: PCM, 1 channel, 8000 Hz, 16 bits (bytes 20..35 of the header).
        assertArrayEquals(new byte[] {1, 0, 1, 0, 0x40, 0x1F, 0, 0}, Arrays.copyOfRange(stored, 20, 28));
        assertEquals(16, stored[34]);
        int peak = 0;
        for (int i = 44; i < stored.length; i += 2) {
            peak = Math.max(peak, Math.abs((short) ((stored[i] & 0xFF) | (stored[i + 1] << 8))));
        }
        assertTrue(peak > 32000, "normalized to a 0 dBFS peak, peak was " + peak);
    }

    @Test
    void longFilesAreCutToTheirTypesMaximum() {
        AudioLibrary library = library();
        long general = library.upload("long general", AudioType.GENERAL, TestWav.sine(8000, 1, 31.5, 440, 0.5), false);
        long ivr = library.upload("long ivr", AudioType.IVR, TestWav.sine(8000, 1, 31.5, 440, 0.5), false);
        assertEquals(30_000, library.find(general).orElseThrow().durationMs());
        assertEquals(31_500, library.find(ivr).orElseThrow().durationMs());
        assertEquals(Duration.ofSeconds(90), AudioType.IVR.maxDuration());
        assertEquals(Duration.ofSeconds(300), AudioType.MELODY.maxDuration());
    }

    @Test
    void uploadRefusalsNameTheProblemAndWriteNothing() throws IOException {
        AudioLibrary library = library();
        byte[] wav = TestWav.sine(8000, 1, 0.5, 440, 0.5);
        assertRefused("Name is empty", () -> library.upload(null, AudioType.API, wav, false));
        assertRefused("Name length more than 200 chars", () -> library.upload("n".repeat(201), AudioType.API, wav, false));
        assertRefused("type is null", () -> library.upload("a", null, wav, false));
        assertRefused("file is empty", () -> library.upload("a", AudioType.API, new byte[0], false));
        EngineException tooLarge = assertRefused("File is larger than 15mb",
                () -> library.upload("a", AudioType.API, new byte[AudioLibrary.MAX_FILE_BYTES + 1], false));
        assertEquals(EngineException.Kind.TOO_LARGE, tooLarge.kind());
        EngineException notWav = assertThrowsEngine(() -> library.upload("a", AudioType.API, "not audio".getBytes(), false));
        assertTrue(notWav.getMessage().startsWith("Wrong audio file: "), notWav.getMessage());

        library.upload("a", AudioType.API, wav, false);
        assertRefused("Same name already present", () -> library.upload("a", AudioType.GENERAL, wav, false));
        assertEquals(1, library.list(null).size());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void listsAndNamesAreByTypeInIdOrder() {
        AudioLibrary library = library();
        byte[] wav = TestWav.sine(8000, 1, 0.1, 440, 0.5);
        long a = library.upload("a", AudioType.AUTODIAL, wav, false);
        long m = library.upload("moh", AudioType.MELODY, wav, false);
        long b = library.upload("b", AudioType.AUTODIAL, wav, false);
        assertEquals(List.of(a, b), library.list(AudioType.AUTODIAL).stream().map(AudioFile::id).toList());
        assertEquals(Map.of(m, "moh"), library.names(AudioType.MELODY));
        assertEquals(List.of(a, m, b), List.copyOf(library.names(null).keySet()));
    }

    @Test
    void removeDeletesTheRowAndTheFile() {
        AudioLibrary library = library();
        long id = library.upload("a", AudioType.AUTODIAL, TestWav.sine(8000, 1, 0.1, 440, 0.5), false);
        Path path = library.find(id).orElseThrow().path();
        library.remove(id);
        assertTrue(library.find(id).isEmpty());
        assertFalse(Files.exists(path));
        assertRefused("Audio not found", () -> library.remove(id));
    }

    @Test
    void nightlyCleanupRemovesOnlyTemporaryFilesCreatedBeforeIt() {
        AudioLibrary library = library();
        byte[] wav = TestWav.sine(8000, 1, 0.1, 440, 0.5);
        long temp = library.upload("temp", AudioType.API, wav, true);
        long kept = library.upload("kept", AudioType.API, wav, false);
        Instant cleanup = clock.instant().plus(Duration.ofHours(18));
        clock.advance(Duration.ofHours(19));
        long later = library.upload("temp after cleanup", AudioType.API, wav, true);

        assertEquals(1, library.removeTemporary(cleanup));
        assertTrue(library.find(temp).isEmpty());
        assertTrue(library.find(kept).isPresent());
        assertTrue(library.find(later).isPresent());
    }

    private static EngineException assertThrowsEngine(org.junit.jupiter.api.function.Executable call) {
        return org.junit.jupiter.api.Assertions.assertThrows(EngineException.class, call);
    }
}
