package org.outdial.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioCacheTest {

    @TempDir
    Path dir;

    @Test
    void theSameUnchangedFileIsDecodedOnce() throws IOException {
        Path file = dir.resolve("prompt.wav");
        Files.write(file, TestWav.wav(1, 1, 8000, 16, TestWav.pcm16(new short[] {1, 2, 3})));
        AudioCache cache = new AudioCache(1 << 20);

        AudioSource first = cache.load(file);
        AudioSource second = cache.load(dir.resolve("./prompt.wav"));

        assertSame(first, second);
        assertEquals(1, cache.size());
    }

    @Test
    void aFileReplacedOnDiskIsDecodedAgain() throws IOException {
        Path file = dir.resolve("prompt.wav");
        Files.write(file, TestWav.wav(1, 1, 8000, 16, TestWav.pcm16(new short[] {1, 2, 3})));
        AudioCache cache = new AudioCache(1 << 20);
        AudioSource before = cache.load(file);

        Files.write(file, TestWav.wav(1, 1, 8000, 16, TestWav.pcm16(new short[] {9, 9, 9, 9})));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        AudioSource after = cache.load(file);

        assertNotSame(before, after);
        assertEquals(4, after.sampleCount());
    }

    @Test
    void aMissingFileFailsWithTheFileName() {
        AudioCache cache = new AudioCache(1 << 20);
        Path missing = dir.resolve("nope.wav");

        AudioFileException e = assertThrows(AudioFileException.class, () -> cache.load(missing));

        assertEquals(missing.toString(), e.file());
    }

    @Test
    void aFileThatFailsToDecodeIsNotCachedAndWorksOnceFixed() throws IOException {
        Path file = dir.resolve("upload.wav");
        Files.writeString(file, "not audio yet");
        AudioCache cache = new AudioCache(1 << 20);

        assertThrows(AudioFileException.class, () -> cache.load(file));
        assertEquals(0, cache.size());

        Files.write(file, TestWav.wav(1, 1, 8000, 16, TestWav.pcm16(new short[] {1, 2})));
        assertEquals(2, cache.load(file).sampleCount());
    }
}
