package org.outdial.media.audio;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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

    private final AsyncCache<Key, AudioSource> cache;

    /** @param maxBytes how much decoded PCM (2 bytes a sample) to keep, for example 256 MiB */
    public AudioCache(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("audio cache size must be at least 1 byte, was " + maxBytes);
        }
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .<Key, AudioSource>weigher((key, source) -> (int) Math.min(Integer.MAX_VALUE, 2L * source.frameCount() * AudioSource.FRAME_SAMPLES))
                .buildAsync();
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
        // Decoded on the first caller's thread while later callers for the same file wait for it;
        // an async cache so a long decode holds no map lock. A failed decode is not cached.
        CompletableFuture<AudioSource> mine = new CompletableFuture<>();
        CompletableFuture<AudioSource> existing = cache.asMap().putIfAbsent(key, mine);
        if (existing == null) {
            try {
                AudioSource source = WavDecoder.decode(absolute);
                mine.complete(source);
                return source;
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return existing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof AudioFileException failed) {
                throw new AudioFileException(failed.file(), failed.reason(), failed);
            }
            throw new AudioFileException(file, "decoding failed: " + e.getCause(), e.getCause());
        }
    }

    /** How many decoded files are held. */
    public long size() {
        cache.synchronous().cleanUp();
        return cache.synchronous().estimatedSize();
    }
}
