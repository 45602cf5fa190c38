package org.outdial.engine.campaign;

import java.util.Optional;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.robot.VoiceRobots;
import org.outdial.engine.scenario.Scenarios;
import org.outdial.engine.trigger.TriggerActionType;
import org.outdial.engine.trigger.TriggerActions;
import org.outdial.engine.tts.TtsProfiles;

/** {@link References} over the stored catalog: audios, operators, profiles, scenarios, robots, handlers. */
public final class CatalogReferences implements References {

    private final AudioLibrary audios;
    private final Operators operators;
    private final TtsProfiles ttsProfiles;
    private final Scenarios scenarios;
    private final VoiceRobots robots;
    private final TriggerActions triggerActions;

    public CatalogReferences(AudioLibrary audios, Operators operators, TtsProfiles ttsProfiles, Scenarios scenarios,
                             VoiceRobots robots, TriggerActions triggerActions) {
        this.audios = audios;
        this.operators = operators;
        this.ttsProfiles = ttsProfiles;
        this.scenarios = scenarios;
        this.robots = robots;
        this.triggerActions = triggerActions;
    }

    @Override
    public Optional<String> audioType(long id) {
        return audios.find(id).map(audio -> audio.type().name());
    }

    @Override
    public Optional<String> groupType(long id) {
        return operators.findGroup(id).map(group -> group.type().name());
    }

    @Override
    public boolean operatorExists(String number) {
        return operators.findPhone(number).isPresent();
    }

    @Override
    public boolean ttsProfileExists(long id) {
        return ttsProfiles.find(id).isPresent();
    }

    @Override
    public boolean inScenarioExists(long id) {
        return scenarios.findIn(id).isPresent();
    }

    @Override
    public boolean outScenarioExists(long id) {
        return scenarios.findOut(id).isPresent();
    }

    @Override
    public boolean voiceRobotExists(long id) {
        return robots.exists(id);
    }

    @Override
    public Optional<String> triggerActionType(long id) {
        return triggerActions.find(id).map(action -> action.type().name());
    }

    @Override
    public boolean compatible(String actionType, TriggerEvent event) {
        return TriggerActionType.valueOf(actionType).compatibleWith(event.concernsNumber());
    }
}
