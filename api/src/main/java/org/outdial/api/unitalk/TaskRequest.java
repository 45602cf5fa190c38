package org.outdial.api.unitalk;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.outdial.api.http.HttpException;
import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.campaign.CampaignType;
import org.outdial.engine.campaign.CampaignDraft;
import org.outdial.engine.campaign.ClientCalledMode;
import org.outdial.engine.campaign.CrmMode;
import org.outdial.engine.campaign.DynamicValue;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.number.NumberState;

/**
 * An ADD or UPDATE request's {@code task} as the client sent it (seed 004, field names and
 * types as on the wire), and its reading into the engine's {@link CampaignDraft}. The strings
 * are read here: a text that is not a date, a time, a zone or one of the enum's names is refused
 * with the seed's message; presence, ranges and references are the engine's.
 */
record TaskRequest(
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
        RepeatJson repeatCallsSettings,
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
        CompositeAudioJson compositeAudio,
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
    record RepeatJson(Boolean earlyStart, Boolean highPriority, Map<String, StateRepeatJson> statesSettings) {
    }

    /** One state's rule as sent. */
    record StateRepeatJson(Integer attempts, Integer intervalMinutes, Integer secondsThreshold) {
    }

    /** {@code compositeAudio} as sent. */
    record CompositeAudioJson(List<AudioPartJson> multiAudios) {
    }

    /** One {@code multiAudios} element as sent. */
    record AudioPartJson(Long id, Integer silenceMillis, SynthesisJson synthesisFromDynamicValue) {
    }

    /** {@code synthesisFromDynamicValue} as sent. */
    record SynthesisJson(String dynamicValue, Long settingsId) {
    }

    /** ADD's draft, or null when the request has no task (the engine says "task is null"). */
    static CampaignDraft forAdd(TaskRequest task) {
        return task == null ? null : task.toDraft(true);
    }

    /** UPDATE's draft: seed 004, "autodialerType ... Ignored on UPDATE", so it is not even read. */
    static CampaignDraft forUpdate(TaskRequest task) {
        return task == null ? null : task.toDraft(false);
    }

    private CampaignDraft toDraft(boolean withType) {
        return CampaignDraft.builder()
                .id(id)
                .name(name)
                .autodialerType(withType ? named(CampaignType.class, "autodialerType", autodialerType) : null)
                .autodialerMode(named(CampaignMode.class, "autodialerMode", autodialerMode))
                .startDate(startDate == null ? null : UnitalkFormats.date(startDate).orElseThrow(() -> refused("Wrong dates")))
                .endDate(endDate == null ? null : UnitalkFormats.date(endDate).orElseThrow(() -> refused("Wrong dates")))
                .timeFrom(times(timeFrom))
                .timeTo(times(timeTo))
                .timeZone(timeZone == null ? null : UnitalkFormats.zone(timeZone).orElseThrow(() -> refused("Wrong time zone")))
                .calleeLocalTime(calleeLocalTime)
                .outScenarioId(outScenarioId)
                .triggerActions(triggerEvents())
                .repeatCallsSettings(repeat())
                .legacyRepeat(new CampaignDraft.LegacyRepeatDraft(repeatCallAttempts, minutes(repeatCallIntervalMinutes),
                        repeatCallHighPriority, legacyStates(), repeatCallEarly))
                .callerIdPrefix(callerIdPrefix)
                .crmMode(named(CrmMode.class, "crmMode", crmMode))
                .clientCalledMode(named(ClientCalledMode.class, "clientCalledMode", clientCalledMode))
                .displayName(displayName)
                .displayNote(displayNote)
                .removeAfterFinish(removeAfterFinish)
                .numbers(numbers)
                .highPriority(highPriority)
                .scenarioId(scenarioId)
                .compositeAudio(compositeAudio == null ? null : parts(compositeAudio.multiAudios()))
                .ttsSettingsId(ttsSettingsId)
                .useTaskAudioIfAudioError(useTaskAudioIfAudioError)
                .delay(seconds(delay))
                .moh(moh)
                .groupId(groupId)
                .pseudoGroupOperators(pseudoGroupOperators)
                .voiceSecretaryId(voiceSecretaryId)
                .threadCount(threadCount)
                .callDelay(seconds(callDelay))
                .callDelayOnlyAnswered(callDelayOnlyAnswered)
                .coldBaseStartCallsMultiplier(coldBaseStartCallsMultiplier)
                .pauseOperatorNoAnswerLimit(pauseOperatorNoAnswerLimit)
                .markAsBusy(seconds(markAsBusySeconds))
                .markAsBusyMinTalk(seconds(markAsBusyMinSecondsTalk))
                .reservedSipsBusyOnlyForAutodials(reservedSipsBusyOnlyForAutodials)
                .smartSpeed(smartSpeed)
                .build();
    }

    /** "Wrong autodialerType: X"; absent stays absent, for the engine's "autodialerType is null". */
    private static <E extends Enum<E>> E named(Class<E> type, String key, String name) {
        return name == null ? null
                : UnitalkFormats.constant(type, name).orElseThrow(() -> refused("Wrong " + key + ": " + name));
    }

    /** Seed 004: weekday times in "HH:mm"; a null day stays null (no calls that day). */
    private static List<LocalTime> times(List<String> texts) {
        return texts == null ? null : mapKeepingNulls(texts,
                text -> UnitalkFormats.time(text).orElseThrow(() -> refused("Wrong time ranges")));
    }

    private Map<TriggerEvent, List<Long>> triggerEvents() {
        if (triggerActions == null) {
            return null;
        }
        Map<TriggerEvent, List<Long>> events = new LinkedHashMap<>();
        triggerActions.forEach((name, ids) -> events.put(
                UnitalkFormats.constant(TriggerEvent.class, name).filter(TriggerEvent::seed)
                        .orElseThrow(() -> refused("Wrong trigger action event")),
                ids));
        return events;
    }

    private CampaignDraft.RepeatDraft repeat() {
        if (repeatCallsSettings == null) {
            return null;
        }
        Map<NumberState, CampaignDraft.StateRepeatDraft> rules = null;
        if (repeatCallsSettings.statesSettings() != null) {
            rules = new EnumMap<>(NumberState.class);
            for (Map.Entry<String, StateRepeatJson> entry : repeatCallsSettings.statesSettings().entrySet()) {
                NumberState state = UnitalkFormats.constant(NumberState.class, entry.getKey())
                        .orElseThrow(() -> refused("Repeat call state is not allowed"));
                StateRepeatJson rule = entry.getValue();
                rules.put(state, rule == null ? null : new CampaignDraft.StateRepeatDraft(rule.attempts(),
                        minutes(rule.intervalMinutes()), seconds(rule.secondsThreshold())));
            }
        }
        return new CampaignDraft.RepeatDraft(repeatCallsSettings.earlyStart(), repeatCallsSettings.highPriority(), rules);
    }

    /**
     * The deprecated states; a name that is no state becomes null, which the engine refuses only
     * while repeats are on (seed 004: the list "may be empty or null if repeatCallAttempts is 0 or null").
     */
    private List<NumberState> legacyStates() {
        return repeatCallStates == null ? null : mapKeepingNulls(repeatCallStates,
                name -> UnitalkFormats.constant(NumberState.class, name).orElse(null));
    }

    private static List<CampaignDraft.AudioPartDraft> parts(List<AudioPartJson> parts) {
        return parts == null ? null : mapKeepingNulls(parts, part -> new CampaignDraft.AudioPartDraft(part.id(),
                part.silenceMillis() == null ? null : Duration.ofMillis(part.silenceMillis()),
                part.synthesisFromDynamicValue() == null ? null : new CampaignDraft.SynthesisDraft(
                        // A name that is no dynamic value is refused as a missing one, as before:
                        // "compositeAudio: synthesis dynamicValue is null".
                        UnitalkFormats.constant(DynamicValue.class, part.synthesisFromDynamicValue().dynamicValue()).orElse(null),
                        part.synthesisFromDynamicValue().settingsId())));
    }

    private static <A, B> List<B> mapKeepingNulls(List<A> values, Function<A, B> read) {
        List<B> result = new ArrayList<>(values.size());
        for (A value : values) {
            result.add(value == null ? null : read.apply(value));
        }
        return result;
    }

    private static Duration seconds(Integer seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    private static Duration minutes(Integer minutes) {
        return minutes == null ? null : Duration.ofMinutes(minutes);
    }

    private static HttpException refused(String message) {
        return HttpException.badRequest(message);
    }
}
