package org.outdial.media.tts;

import org.outdial.media.audio.AudioSource;

/** Turns text into audio ready for RTP. Implementations are thread-safe and may cache. */
public interface SpeechSynthesizer {

    /**
     * @throws TtsException when synthesis fails, with the reason
     * @throws IllegalArgumentException for empty text
     */
    AudioSource synthesize(String text, TtsProfile profile);

    /**
     * A synthesizer that always fails with {@code reason}: for a deployment without espeak-ng, so
     * that callers get the seed's "Text to speech failed" instead of a null check.
     */
    static SpeechSynthesizer unavailable(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be empty");
        }
        return (text, profile) -> {
            throw new TtsException(reason);
        };
    }
}
