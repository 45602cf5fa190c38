package org.outdial.engine.campaign;

/** One element of an autodialer's composite audio ({@code compositeAudio.multiAudios}). */
public sealed interface AudioPart {

    /** A project audio of type AUTODIAL. */
    record File(long id) implements AudioPart {
    }

    /** Silence, 1..10,000 ms. */
    record Silence(int millis) implements AudioPart {
    }

    /** Speech synthesis of one of the number's values, with an optional profile override. */
    record Synthesis(DynamicValue dynamicValue, Long settingsId) implements AudioPart {
    }
}
