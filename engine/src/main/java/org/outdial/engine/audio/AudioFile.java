package org.outdial.engine.audio;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.outdial.engine.catalog.EntityName;

/**
 * A stored audio file: 8 kHz, 16-bit, mono WAV on disk, already truncated to its type's maximum
 * and normalized.
 *
 * @param temp whether the nightly cleanup removes it (UniTalk: "marked as temporary and will be
 *             automatically deleted at 04:00")
 */
public record AudioFile(long id, String name, AudioType type, Path path, long durationMs, boolean temp,
        Instant createdAt) {

    public AudioFile {
        name = EntityName.check(name);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(createdAt, "createdAt");
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must be >= 0, was " + durationMs);
        }
    }
}
