package org.outdial.engine.tts;

import java.util.regex.Pattern;
import org.outdial.engine.catalog.EntityName;
import org.outdial.engine.error.EngineException;

/**
 * A speech synthesis settings profile (UniTalk's {@code ttsSettings}: "Pretty woman voice"), the
 * espeak-ng parameters a text is spoken with.
 *
 * @param id    0 for a profile not stored yet
 * @param voice espeak-ng voice name, optionally with a variant: {@code en}, {@code en-us},
 *              {@code en+f3}, {@code mb/mb-en1} (espeak-ng {@code -v})
 * @param speed words per minute, 80..450 (espeak-ng {@code -s}; its default is 175)
 * @param pitch 0..99 (espeak-ng {@code -p}; its default is 50)
 */
public record TtsProfile(long id, String name, String voice, int speed, int pitch) {

    public static final int MIN_SPEED = 80;
    public static final int MAX_SPEED = 450;
    public static final int MAX_PITCH = 99;
    public static final int DEFAULT_SPEED = 175;
    public static final int DEFAULT_PITCH = 50;

    /** Letters, digits and - _ + / only, at most 64: the voice goes on a command line (as media.tts.TtsProfile checks). */
    private static final Pattern VOICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_+/-]{0,63}");

    public TtsProfile {
        name = EntityName.check(name);
        if (voice == null || !VOICE.matcher(voice).matches() || voice.contains("..")) {
            throw EngineException.invalid("Wrong voice");
        }
        if (speed < MIN_SPEED || speed > MAX_SPEED) {
            throw EngineException.invalid("Speed range is 80-450");
        }
        if (pitch < 0 || pitch > MAX_PITCH) {
            throw EngineException.invalid("Pitch range is 0-99");
        }
    }

    public TtsProfile withId(long newId) {
        return new TtsProfile(newId, name, voice, speed, pitch);
    }
}
