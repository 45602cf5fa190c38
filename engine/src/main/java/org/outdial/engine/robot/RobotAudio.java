package org.outdial.engine.robot;

import java.util.List;
import org.outdial.engine.campaign.DynamicValue;

/**
 * One element of what a robot node plays, in the form of an autodialer's
 * {@code compositeAudio.multiAudios} element ({@code id}, {@code silenceMillis},
 * {@code synthesisFromDynamicValue}) plus {@code tts}: a text whose {@code {NA}}, {@code {P1}}, ...
 * placeholders are the number's values at the time of the call.
 */
public sealed interface RobotAudio {

    /** A project audio file. */
    record File(long id) implements RobotAudio {
    }

    /** Silence, 1..10,000 ms (the composite audio's bounds). */
    record Silence(int millis) implements RobotAudio {
    }

    /** Speech synthesis of one of the number's values; {@code settingsId} null for the script's profile. */
    record Synthesis(DynamicValue dynamicValue, Long settingsId) implements RobotAudio {
    }

    /**
     * Speech synthesis of a text; {@code parts} alternate literal text and the number's values.
     *
     * @param parts      each a {@link String} or a {@link DynamicValue}, in reading order
     * @param settingsId null for the script's profile
     */
    record Speech(List<Object> parts, Long settingsId) implements RobotAudio {
        public Speech {
            parts = List.copyOf(parts);
        }
    }
}
