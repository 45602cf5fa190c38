package org.outdial.media.tts;

import java.util.Objects;

/**
 * Speech synthesis failed. The message is the seed's "Text to speech failed", which the APIs pass
 * on unchanged; {@link #reason()} says why, for logs and the error's details.
 */
public final class TtsException extends RuntimeException {

    /** The seed's error text for any synthesis failure. */
    public static final String MESSAGE = "Text to speech failed";

    private final String reason;

    public TtsException(String reason) {
        this(reason, null);
    }

    public TtsException(String reason, Throwable cause) {
        super(MESSAGE, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why: "espeak-ng not found on PATH", "espeak-ng exited with 1: ...". */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return getClass().getName() + ": " + MESSAGE + " (" + reason + ")";
    }
}
