package org.outdial.media.audio;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An audio file could not be turned into an {@link AudioSource}: unreadable, truncated, or in a
 * format Outdial does not decode. The message names the file and the reason.
 */
public final class AudioFileException extends RuntimeException {

    private final String file;
    private final String reason;

    public AudioFileException(String file, String reason) {
        this(file, reason, null);
    }

    public AudioFileException(String file, String reason, Throwable cause) {
        super("Cannot decode audio file " + file + ": " + reason, cause);
        this.file = Objects.requireNonNull(file, "file");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public AudioFileException(Path file, String reason, Throwable cause) {
        this(file.toString(), reason, cause);
    }

    /** The file name or path as given to the decoder. */
    public String file() {
        return file;
    }

    /** Why it failed, without the file name: "unsupported WAV format tag 85 (MPEG Layer 3)". */
    public String reason() {
        return reason;
    }
}
