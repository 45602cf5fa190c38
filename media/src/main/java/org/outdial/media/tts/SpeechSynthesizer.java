package org.outdial.media.tts;

import org.outdial.media.audio.AudioSource;

/** Turns text into audio ready for RTP. Implementations are thread-safe and may cache. */
public interface SpeechSynthesizer {

    /**
     * @throws TtsException when synthesis fails, with the reason
     * @throws IllegalArgumentException for empty text
     */
    AudioSource synthesize(String text, TtsProfile profile);
}
