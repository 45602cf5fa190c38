package org.outdial.media.tts;

import java.util.regex.Pattern;

/**
 * A speech synthesis settings profile (the seed's {@code ttsSettings}): which voice, how fast, how
 * high.
 *
 * @param voice an espeak-ng voice name such as {@code en}, {@code en-us}, {@code ru} or
 *              {@code en+f3}
 * @param speed words per minute, 80..450 (espeak-ng's own limits)
 * @param pitch 0..99, 50 is the voice's normal pitch
 */
public record TtsProfile(String voice, int speed, int pitch) {

    // Voice names are letters, digits, '-', '_', '+' and '/' (for "mb/mb-en1"); no spaces, no
    // leading '-', so a voice can never be read as another command-line option.
    private static final Pattern VOICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_+/-]{0,63}");

    // Declared after VOICE, which its constructor reads during class initialisation.
    /** espeak-ng's defaults: English, 175 words per minute, pitch 50. */
    public static final TtsProfile DEFAULT = new TtsProfile("en", 175, 50);

    public TtsProfile {
        if (voice == null || !VOICE.matcher(voice).matches()) {
            throw new IllegalArgumentException("tts voice must be an espeak-ng voice name like en or en-us, was " + voice);
        }
        if (speed < 80 || speed > 450) {
            throw new IllegalArgumentException("tts speed must be 80..450 words per minute, was " + speed);
        }
        if (pitch < 0 || pitch > 99) {
            throw new IllegalArgumentException("tts pitch must be 0..99, was " + pitch);
        }
    }
}
