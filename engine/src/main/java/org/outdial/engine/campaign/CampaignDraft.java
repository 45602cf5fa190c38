package org.outdial.engine.campaign;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.number.NumberState;

/**
 * An ADD or UPDATE request as a facade hands it to the engine: every field of the seed's
 * {@code task}, already read from the facade's wire format into Java types, each optional and not
 * yet checked. {@link CampaignValidator} turns it into {@link CampaignSettings} or refuses it with
 * the seed's message. A facade fills it by name through {@link #builder()}; a field it does not
 * set is absent, as if the client had not sent it.
 *
 * <p>What stays with the facade: reading its strings ("HH:mm", dates, enum names) and refusing
 * the unreadable ones. What the engine checks: presence, ranges, references and the rules
 * between fields. The seed's field names are kept; durations replace the seed's unit suffixes
 * ({@code delay} seconds, {@code markAsBusySeconds}, {@code intervalMinutes}, {@code silenceMillis}).
 *
 * @param timeFrom   per weekday, Monday first; a null element means no calls that day,
 *                   {@link LocalTime#MAX} the end of the day (UniTalk's "24:00")
 * @param legacyRepeat the seed's deprecated flat repeat fields, used when {@code repeatCallsSettings} is absent
 * @param compositeAudio the audio parts in playback order; null or empty: no composite audio
 */
public record CampaignDraft(
        Long id,
        String name,
        CampaignType autodialerType,
        CampaignMode autodialerMode,
        LocalDate startDate,
        LocalDate endDate,
        List<LocalTime> timeFrom,
        List<LocalTime> timeTo,
        ZoneId timeZone,
        Boolean calleeLocalTime,
        Long outScenarioId,
        Map<TriggerEvent, List<Long>> triggerActions,
        RepeatDraft repeatCallsSettings,
        LegacyRepeatDraft legacyRepeat,
        String callerIdPrefix,
        CrmMode crmMode,
        ClientCalledMode clientCalledMode,
        Boolean displayName,
        Boolean displayNote,
        Boolean removeAfterFinish,
        List<String> numbers,
        Boolean highPriority,
        Long scenarioId,
        List<AudioPartDraft> compositeAudio,
        Long ttsSettingsId,
        Boolean useTaskAudioIfAudioError,
        Duration delay,
        Long moh,
        Long groupId,
        List<String> pseudoGroupOperators,
        Long voiceSecretaryId,
        Integer threadCount,
        Duration callDelay,
        Boolean callDelayOnlyAnswered,
        Double coldBaseStartCallsMultiplier,
        Integer pauseOperatorNoAnswerLimit,
        Duration markAsBusy,
        Duration markAsBusyMinTalk,
        Boolean reservedSipsBusyOnlyForAutodials,
        Integer smartSpeed) {

    public CampaignDraft {
        // Copies that keep null elements: a null day or handler list is the client's, and refused by name.
        timeFrom = copy(timeFrom);
        timeTo = copy(timeTo);
        triggerActions = triggerActions == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(triggerActions));
        numbers = copy(numbers);
        compositeAudio = copy(compositeAudio);
        pseudoGroupOperators = copy(pseudoGroupOperators);
    }

    /**
     * {@code repeatCallsSettings}.
     *
     * @param statesSettings the rule per state; a null rule is skipped, as the seed's "0 or null"
     */
    public record RepeatDraft(Boolean earlyStart, Boolean highPriority, Map<NumberState, StateRepeatDraft> statesSettings) {
        public RepeatDraft {
            statesSettings = statesSettings == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(statesSettings));
        }
    }

    /** One state's rule: {@code attempts}, {@code intervalMinutes}, {@code secondsThreshold}. */
    public record StateRepeatDraft(Integer attempts, Duration interval, Duration threshold) {
    }

    /**
     * The seed's deprecated {@code repeatCallAttempts}, {@code repeatCallIntervalMinutes},
     * {@code repeatCallHighPriority}, {@code repeatCallStates} and {@code repeatCallEarly}.
     *
     * @param states the states to repeat; a null element is a name the facade could not read,
     *               refused ("Repeat call state is not allowed") only when repeats are on, as before
     */
    public record LegacyRepeatDraft(Integer attempts, Duration interval, Boolean highPriority, List<NumberState> states,
                                    Boolean early) {
        public LegacyRepeatDraft {
            states = copy(states);
        }
    }

    /** One {@code multiAudios} element: exactly one of the three should be present. */
    public record AudioPartDraft(Long id, Duration silence, SynthesisDraft synthesis) {
    }

    /** {@code synthesisFromDynamicValue}; a null {@code dynamicValue} is refused by name. */
    public record SynthesisDraft(DynamicValue dynamicValue, Long settingsId) {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this draft's fields, for a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Fills a draft by name; every field starts absent. */
    public static final class Builder {
        private Long id;
        private String name;
        private CampaignType autodialerType;
        private CampaignMode autodialerMode;
        private LocalDate startDate;
        private LocalDate endDate;
        private List<LocalTime> timeFrom;
        private List<LocalTime> timeTo;
        private ZoneId timeZone;
        private Boolean calleeLocalTime;
        private Long outScenarioId;
        private Map<TriggerEvent, List<Long>> triggerActions;
        private RepeatDraft repeatCallsSettings;
        private LegacyRepeatDraft legacyRepeat;
        private String callerIdPrefix;
        private CrmMode crmMode;
        private ClientCalledMode clientCalledMode;
        private Boolean displayName;
        private Boolean displayNote;
        private Boolean removeAfterFinish;
        private List<String> numbers;
        private Boolean highPriority;
        private Long scenarioId;
        private List<AudioPartDraft> compositeAudio;
        private Long ttsSettingsId;
        private Boolean useTaskAudioIfAudioError;
        private Duration delay;
        private Long moh;
        private Long groupId;
        private List<String> pseudoGroupOperators;
        private Long voiceSecretaryId;
        private Integer threadCount;
        private Duration callDelay;
        private Boolean callDelayOnlyAnswered;
        private Double coldBaseStartCallsMultiplier;
        private Integer pauseOperatorNoAnswerLimit;
        private Duration markAsBusy;
        private Duration markAsBusyMinTalk;
        private Boolean reservedSipsBusyOnlyForAutodials;
        private Integer smartSpeed;

        private Builder() {
        }

        private Builder(CampaignDraft d) {
            id = d.id;
            name = d.name;
            autodialerType = d.autodialerType;
            autodialerMode = d.autodialerMode;
            startDate = d.startDate;
            endDate = d.endDate;
            timeFrom = d.timeFrom;
            timeTo = d.timeTo;
            timeZone = d.timeZone;
            calleeLocalTime = d.calleeLocalTime;
            outScenarioId = d.outScenarioId;
            triggerActions = d.triggerActions;
            repeatCallsSettings = d.repeatCallsSettings;
            legacyRepeat = d.legacyRepeat;
            callerIdPrefix = d.callerIdPrefix;
            crmMode = d.crmMode;
            clientCalledMode = d.clientCalledMode;
            displayName = d.displayName;
            displayNote = d.displayNote;
            removeAfterFinish = d.removeAfterFinish;
            numbers = d.numbers;
            highPriority = d.highPriority;
            scenarioId = d.scenarioId;
            compositeAudio = d.compositeAudio;
            ttsSettingsId = d.ttsSettingsId;
            useTaskAudioIfAudioError = d.useTaskAudioIfAudioError;
            delay = d.delay;
            moh = d.moh;
            groupId = d.groupId;
            pseudoGroupOperators = d.pseudoGroupOperators;
            voiceSecretaryId = d.voiceSecretaryId;
            threadCount = d.threadCount;
            callDelay = d.callDelay;
            callDelayOnlyAnswered = d.callDelayOnlyAnswered;
            coldBaseStartCallsMultiplier = d.coldBaseStartCallsMultiplier;
            pauseOperatorNoAnswerLimit = d.pauseOperatorNoAnswerLimit;
            markAsBusy = d.markAsBusy;
            markAsBusyMinTalk = d.markAsBusyMinTalk;
            reservedSipsBusyOnlyForAutodials = d.reservedSipsBusyOnlyForAutodials;
            smartSpeed = d.smartSpeed;
        }

        public Builder id(Long value) { id = value; return this; }
        public Builder name(String value) { name = value; return this; }
        public Builder autodialerType(CampaignType value) { autodialerType = value; return this; }
        public Builder autodialerMode(CampaignMode value) { autodialerMode = value; return this; }
        public Builder startDate(LocalDate value) { startDate = value; return this; }
        public Builder endDate(LocalDate value) { endDate = value; return this; }
        public Builder timeFrom(List<LocalTime> value) { timeFrom = value; return this; }
        public Builder timeTo(List<LocalTime> value) { timeTo = value; return this; }
        public Builder timeZone(ZoneId value) { timeZone = value; return this; }
        public Builder calleeLocalTime(Boolean value) { calleeLocalTime = value; return this; }
        public Builder outScenarioId(Long value) { outScenarioId = value; return this; }
        public Builder triggerActions(Map<TriggerEvent, List<Long>> value) { triggerActions = value; return this; }
        public Builder repeatCallsSettings(RepeatDraft value) { repeatCallsSettings = value; return this; }
        public Builder legacyRepeat(LegacyRepeatDraft value) { legacyRepeat = value; return this; }
        public Builder callerIdPrefix(String value) { callerIdPrefix = value; return this; }
        public Builder crmMode(CrmMode value) { crmMode = value; return this; }
        public Builder clientCalledMode(ClientCalledMode value) { clientCalledMode = value; return this; }
        public Builder displayName(Boolean value) { displayName = value; return this; }
        public Builder displayNote(Boolean value) { displayNote = value; return this; }
        public Builder removeAfterFinish(Boolean value) { removeAfterFinish = value; return this; }
        public Builder numbers(List<String> value) { numbers = value; return this; }
        public Builder highPriority(Boolean value) { highPriority = value; return this; }
        public Builder scenarioId(Long value) { scenarioId = value; return this; }
        public Builder compositeAudio(List<AudioPartDraft> value) { compositeAudio = value; return this; }
        public Builder ttsSettingsId(Long value) { ttsSettingsId = value; return this; }
        public Builder useTaskAudioIfAudioError(Boolean value) { useTaskAudioIfAudioError = value; return this; }
        public Builder delay(Duration value) { delay = value; return this; }
        public Builder moh(Long value) { moh = value; return this; }
        public Builder groupId(Long value) { groupId = value; return this; }
        public Builder pseudoGroupOperators(List<String> value) { pseudoGroupOperators = value; return this; }
        public Builder voiceSecretaryId(Long value) { voiceSecretaryId = value; return this; }
        public Builder threadCount(Integer value) { threadCount = value; return this; }
        public Builder callDelay(Duration value) { callDelay = value; return this; }
        public Builder callDelayOnlyAnswered(Boolean value) { callDelayOnlyAnswered = value; return this; }
        public Builder coldBaseStartCallsMultiplier(Double value) { coldBaseStartCallsMultiplier = value; return this; }
        public Builder pauseOperatorNoAnswerLimit(Integer value) { pauseOperatorNoAnswerLimit = value; return this; }
        public Builder markAsBusy(Duration value) { markAsBusy = value; return this; }
        public Builder markAsBusyMinTalk(Duration value) { markAsBusyMinTalk = value; return this; }
        public Builder reservedSipsBusyOnlyForAutodials(Boolean value) { reservedSipsBusyOnlyForAutodials = value; return this; }
        public Builder smartSpeed(Integer value) { smartSpeed = value; return this; }

        public CampaignDraft build() {
            return new CampaignDraft(id, name, autodialerType, autodialerMode, startDate, endDate, timeFrom, timeTo,
                    timeZone, calleeLocalTime, outScenarioId, triggerActions, repeatCallsSettings, legacyRepeat,
                    callerIdPrefix, crmMode, clientCalledMode, displayName, displayNote, removeAfterFinish, numbers,
                    highPriority, scenarioId, compositeAudio, ttsSettingsId, useTaskAudioIfAudioError, delay, moh,
                    groupId, pseudoGroupOperators, voiceSecretaryId, threadCount, callDelay, callDelayOnlyAnswered,
                    coldBaseStartCallsMultiplier, pauseOperatorNoAnswerLimit, markAsBusy, markAsBusyMinTalk,
                    reservedSipsBusyOnlyForAutodials, smartSpeed);
        }
    }
}
