package org.outdial.engine.catalog;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Set;
import javax.sql.DataSource;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.audio.AudioSynthesis;
import org.outdial.engine.blocklist.BlockedLists;
import org.outdial.engine.operator.LinePresence;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.robot.VoiceRobots;
import org.outdial.engine.scenario.Scenarios;
import org.outdial.engine.trigger.TriggerActions;
import org.outdial.engine.tts.TtsProfiles;
import org.outdial.media.tts.SpeechSynthesizer;

/**
 * Every service of the referenced entities, built once by the composition root and handed to the
 * routes that administer them and to the autodialer code that validates references against them.
 */
public record Catalog(AudioLibrary audio, AudioSynthesis synthesis, TtsProfiles ttsProfiles, Operators operators,
        LinePresence presence, TriggerActions triggerActions, Scenarios scenarios, VoiceRobots voiceRobots,
        BlockedLists blockedLists) {

    /**
     * @param audioDir    where audio files are stored ({@code audio.dir})
     * @param trunks      the configured trunk names, for outgoing scenarios
     * @param synthesizer speech synthesis for /audio/tts (espeak-ng in production)
     * @param presence    operator line status; {@link LinePresence#offline()} until the registrar exists
     */
    public static Catalog create(DataSource dataSource, InstantSource clock, Path audioDir, Set<String> trunks,
            SpeechSynthesizer synthesizer, LinePresence presence) {
        AudioLibrary audio = new AudioLibrary(dataSource, clock, audioDir);
        TtsProfiles ttsProfiles = new TtsProfiles(dataSource, clock);
        return new Catalog(audio, new AudioSynthesis(audio, ttsProfiles, synthesizer), ttsProfiles,
                new Operators(dataSource, clock), presence, new TriggerActions(dataSource, clock),
                new Scenarios(dataSource, clock, trunks), new VoiceRobots(dataSource, clock),
                new BlockedLists(dataSource, clock));
    }
}
