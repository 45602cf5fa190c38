package org.outdial.engine.catalog;

import org.outdial.engine.error.EngineException;

/**
 * The name rule every referenced entity shares (audio, TTS profiles, groups, event handlers,
 * scenarios, voice robots), with UniTalk's /audio/tts messages: "Name is empty" and
 * "Name length more than 200 chars". Names are unique per entity kind ("Same name already
 * present" for audio as the seed says, "Name already present" elsewhere as for autodialers).
 */
public final class EntityName {

    /** UniTalk /audio/upload and /audio/tts: "Maximum 200 characters"; the columns are VARCHAR(200). */
    public static final int MAX_LENGTH = 200;

    private EntityName() {
    }

    /** The name with surrounding blanks removed, or the seed's error. */
    public static String check(String name) {
        if (name == null || name.isBlank()) {
            throw EngineException.invalid("Name is empty");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw EngineException.invalid("Name length more than 200 chars");
        }
        return trimmed;
    }
}
