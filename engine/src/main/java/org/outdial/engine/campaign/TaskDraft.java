package org.outdial.engine.campaign;

import java.util.List;
import java.util.Map;

/**
 * An ADD or UPDATE request's {@code task} as the client sent it: every field optional and
 * unchecked. {@link CampaignValidator} turns it into {@link CampaignSettings} or refuses it with
 * the seed's message. Field names are the seed's.
 */
public record TaskDraft(
        Long id,
        String name,
        String autodialerType,
        String autodialerMode,
        String startDate,
        String endDate,
        List<String> timeFrom,
        List<String> timeTo,
        String timeZone,
        Boolean calleeLocalTime,
        Long outScenarioId,
        Map<String, List<Long>> triggerActions,
        RepeatCallsDraft repeatCallsSettings,
        Integer repeatCallAttempts,
        Integer repeatCallIntervalMinutes,
        Boolean repeatCallHighPriority,
        List<String> repeatCallStates,
        Boolean repeatCallEarly,
        String callerIdPrefix,
        String crmMode,
        String clientCalledMode,
        Boolean displayName,
        Boolean displayNote,
        Boolean removeAfterFinish,
        List<String> numbers,
        Boolean highPriority,
        Long scenarioId,
        CompositeAudioDraft compositeAudio,
        Long ttsSettingsId,
        Boolean useTaskAudioIfAudioError,
        Integer delay,
        Long moh,
        Long groupId,
        List<String> pseudoGroupOperators,
        Long voiceSecretaryId,
        Integer threadCount,
        Integer callDelay,
        Boolean callDelayOnlyAnswered,
        Double coldBaseStartCallsMultiplier,
        Integer pauseOperatorNoAnswerLimit,
        Integer markAsBusySeconds,
        Integer markAsBusyMinSecondsTalk,
        Boolean reservedSipsBusyOnlyForAutodials,
        Integer smartSpeed) {

    /** {@code repeatCallsSettings} as sent. */
    public record RepeatCallsDraft(Boolean earlyStart, Boolean highPriority, Map<String, StateRepeatDraft> statesSettings) {
    }

    /** One state's rule as sent. */
    public record StateRepeatDraft(Integer attempts, Integer intervalMinutes, Integer secondsThreshold) {
    }

    /** {@code compositeAudio} as sent. */
    public record CompositeAudioDraft(List<AudioPartDraft> multiAudios) {
    }

    /** One {@code multiAudios} element as sent: exactly one of the three should be present. */
    public record AudioPartDraft(Long id, Integer silenceMillis, SynthesisDraft synthesisFromDynamicValue) {
    }

    /** {@code synthesisFromDynamicValue} as sent. */
    public record SynthesisDraft(String dynamicValue, Long settingsId) {
    }
}
