package org.outdial.media.audio;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Decoded audio files, each decoded once and shared by every call that plays it.
 *
 * <p>The key is the file's absolute path with its size and modification time, so replacing a
 * prompt on disk is picked up by the next lookup without any invalidation call; the stale entry
 * ages out by weight. Weight is the decoded PCM size in bytes.
 */
public final class AudioCache {

    private record Key(Path path, long size, long modifiedMillis) {
    }

    private final Cache<Key, AudioSource> cache;

    /** @param maxBytes how much decoded PCM (2 bytes a sample) to keep, for example 256 MiB */
    public AudioCache(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("audio cache size must be at least 1 byte, was " + maxBytes);
        }
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .<Key, AudioSource>weigher((key, source) -> (int) Math.min(Integer.MAX_VALUE, 2L * source.frameCount() * AudioSource.FRAME_SAMPLES))
                .build();
    }

    /** The decoded file, from the cache when the file is unchanged since it was decoded. */
    public AudioSource load(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new AudioFileException(file, "cannot read it (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        if (!attributes.isRegularFile()) {
            throw new AudioFileException(file.toString(), "not a regular file");
        }
        Key key = new Key(absolute, attributes.size(), attributes.lastModifiedTime().toMillis());
        return cache.get(key, k -> WavDecoder.decode(k.path()));
    }

    /** How many decoded files are held. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
