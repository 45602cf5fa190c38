package org.outdial.engine.campaign;

import java.util.List;
import java.util.Map;
import org.outdial.engine.event.TriggerEvent;

/**
 * An autodialer's validated configuration: every field of the seed's ADD/UPDATE request.
 * Fields that the seed says are "present only for" some types or modes are null (or their
 * default) for the others; {@link CampaignValidator} builds instances, so they are always valid.
 *
 * @param window                 dates, weekday times and time zone
 * @param outScenarioId          outgoing scenario (trunk and caller ID), or null for the default
 * @param triggerActions         handlers per event, at most 5 each
 * @param repeatCallsSettings    retry rules, or null for no retries
 * @param callerIdPrefix         shown in the SIP client before the number, at most 20 characters
 * @param scenarioId             AUTODIAL: incoming scenario run after the audio
 * @param compositeAudio         AUTODIAL: the audio played on answer
 * @param ttsSettingsId          AUTODIAL, GUARANTEED_DIAL: speech synthesis profile
 * @param useTaskAudioIfAudioError AUTODIAL, GUARANTEED_DIAL: fall back to the autodialer's audio
 *                               when a number's own audio fails, instead of ending with AUDIO_ERR
 * @param delay                  AUTODIAL: seconds between the end of the audio and the scenario
 * @param moh                    GUARANTEED_DIAL: music on hold (audio of type MELODY)
 * @param groupId                GUARANTEED_DIAL, FREE, SMART: group of internal lines
 * @param pseudoGroupOperators   GUARANTEED_DIAL, FREE, SMART: operator lines when no group
 * @param voiceSecretaryId       VOICE_ROBOT: the voice robot
 * @param threadCount            FIXED: simultaneous calls
 * @param callDelay              FIXED: seconds between calls when threadCount is 1
 * @param callDelayOnlyAnswered  FIXED: the pause applies only after answered calls
 */
public record CampaignSettings(
        CallingWindow window,
        Long outScenarioId,
        Map<TriggerEvent, List<Long>> triggerActions,
        RepeatCallsSettings repeatCallsSettings,
        String callerIdPrefix,
        CrmMode crmMode,
        ClientCalledMode clientCalledMode,
        boolean displayName,
        boolean displayNote,
        boolean removeAfterFinish,
        Long scenarioId,
        CompositeAudio compositeAudio,
        Long ttsSettingsId,
        boolean useTaskAudioIfAudioError,
        int delay,
        Long moh,
        Long groupId,
        List<String> pseudoGroupOperators,
        Long voiceSecretaryId,
        int threadCount,
        int callDelay,
        boolean callDelayOnlyAnswered,
        Double coldBaseStartCallsMultiplier,
        Integer pauseOperatorNoAnswerLimit,
        int markAsBusySeconds,
        int markAsBusyMinSecondsTalk,
        boolean reservedSipsBusyOnlyForAutodials,
        int smartSpeed) {

    public CampaignSettings {
        triggerActions = Map.copyOf(triggerActions);
        pseudoGroupOperators = pseudoGroupOperators == null ? List.of() : List.copyOf(pseudoGroupOperators);
    }
}
