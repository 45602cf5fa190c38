package org.outdial.api.unitalk;

import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.robot.VoiceRobots;
import org.outdial.engine.scenario.Scenarios;
import org.outdial.engine.trigger.TriggerActions;
import org.outdial.engine.tts.TtsProfiles;

/** The catalog services whose names GET_WITH_DATA lists beside the autodialers. */
public record AutodialCatalog(AudioLibrary audios, Operators operators, Scenarios scenarios, TtsProfiles ttsProfiles,
                       VoiceRobots robots, TriggerActions triggerActions) {
}
