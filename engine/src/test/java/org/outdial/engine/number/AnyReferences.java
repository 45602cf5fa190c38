package org.outdial.engine.number;

import java.util.Optional;
import org.outdial.engine.campaign.References;
import org.outdial.engine.event.TriggerEvent;

/** Every referenced entity exists: for tests that add plain numbers only. */
final class AnyReferences implements References {
    @Override
    public Optional<String> audioType(long id) {
        return Optional.of(AUDIO_AUTODIAL);
    }

    @Override
    public Optional<String> groupType(long id) {
        return Optional.of(INNER_PHONES);
    }

    @Override
    public boolean operatorExists(String number) {
        return true;
    }

    @Override
    public boolean ttsProfileExists(long id) {
        return true;
    }

    @Override
    public boolean inScenarioExists(long id) {
        return true;
    }

    @Override
    public boolean outScenarioExists(long id) {
        return true;
    }

    @Override
    public boolean voiceRobotExists(long id) {
        return true;
    }

    @Override
    public Optional<String> triggerActionType(long id) {
        return Optional.empty();
    }

    @Override
    public boolean compatible(String actionType, TriggerEvent event) {
        return true;
    }
}
