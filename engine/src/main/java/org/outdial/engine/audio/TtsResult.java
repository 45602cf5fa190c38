package org.outdial.engine.audio;

/**
 * The outcome for one /audio/tts element: the new audio's id, or the seed's error text.
 *
 * @param id    the stored audio, or null when it failed
 * @param error null on success
 */
public record TtsResult(String name, Long id, String error) {

    static TtsResult ok(String name, long id) {
        return new TtsResult(name, id, null);
    }

    static TtsResult failed(String name, String error) {
        return new TtsResult(name, null, error);
    }
}
