package org.outdial.engine.audio;

/**
 * One element of UniTalk's /audio/tts {@code data} array, as the client sent it. Deliberately not
 * validated here: every problem with an element becomes that element's {@code error} in the
 * answer, not a refused request (see {@link AudioSynthesis}).
 *
 * @param type the section name ("AUTODIAL"), or null
 * @param tts  null when the element has no {@code tts} object
 */
public record TtsRequestItem(String name, String type, Tts tts) {

    /**
     * @param settingsId the TTS profile, or null
     */
    public record Tts(String text, String ssml, Long settingsId) {
    }
}
