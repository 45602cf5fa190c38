package org.outdial.engine.number;

/** Audio a number plays instead of its autodialer's audio (ADD_NUMBERS {@code audios}). */
public sealed interface NumberAudio {

    /** A project audio. */
    record File(long id) implements NumberAudio {
    }

    /** Speech synthesis of text or SSML, with an optional profile override. */
    record Tts(String text, String ssml, Long settingsId) implements NumberAudio {
    }
}
