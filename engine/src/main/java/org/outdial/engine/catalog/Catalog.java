package org.outdial.engine.catalog;

import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.audio.AudioSynthesis;
import org.outdial.engine.blocklist.BlockedLists;
import org.outdial.engine.operator.LinePresence;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.robot.VoiceRobots;
import org.outdial.engine.scenario.Scenarios;
import org.outdial.engine.trigger.TriggerActions;
import org.outdial.engine.tts.TtsProfiles;

/**
 * Every service of the referenced entities, built once by the composition root and handed to the
 * routes that administer them and to the autodialer code that validates references against them.
 */
public record Catalog(AudioLibrary audio, AudioSynthesis synthesis, TtsProfiles ttsProfiles, Operators operators,
        LinePresence presence, TriggerActions triggerActions, Scenarios scenarios, VoiceRobots voiceRobots,
        BlockedLists blockedLists) {
}
