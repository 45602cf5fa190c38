package org.outdial.engine.campaign;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.number.NumberState;

/**
 * Checks an ADD/UPDATE request against the seed's rules and builds {@link CampaignSettings}.
 * Every refusal carries the seed's message ("Wrong name", "Wrong time ranges", ...); ranges the
 * seed gives without a message are reported as {@code key must be A..B, was X}.
 */
public final class CampaignValidator {

    /** Seed 004: "Name cannot be empty or longer than 45 characters". */
    public static final int MAX_NAME = 45;
    /** Seed 004: "The prefix must not exceed 20 characters". */
    public static final int MAX_PREFIX = 20;
    /** Seed 004: "A maximum of 5 handlers can be attached to one event". */
    public static final int MAX_HANDLERS_PER_EVENT = 5;
    public static final int MAX_THREADS = 1000;
    public static final int MAX_SECONDS = 3600;

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final References references;
    private final ZoneId defaultZone;

    public CampaignValidator(References references, ZoneId defaultZone) {
        this.references = references;
        this.defaultZone = defaultZone;
    }

    /** The name, trimmed, or "Wrong name". */
    public static String name(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw EngineException.invalid("Wrong name");
        }
        return name;
    }

    public static AutodialerType type(String raw) {
        if (raw == null) {
            throw EngineException.invalid("autodialerType is null");
        }
        try {
            return AutodialerType.valueOf(raw);
        } catch (IllegalArgumentException e) {
            throw EngineException.invalid("Wrong autodialerType: " + raw);
        }
    }

    public static AutodialerMode mode(String raw) {
        if (raw == null) {
            throw EngineException.invalid("autodialerMode is null");
        }
        try {
            return AutodialerMode.valueOf(raw);
        } catch (IllegalArgumentException e) {
            throw EngineException.invalid("Wrong autodialerMode: " + raw);
        }
    }

    /** Validates everything but the name's uniqueness and the numbers, which need the store. */
    public CampaignSettings settings(TaskDraft task, AutodialerType type, AutodialerMode mode) {
        Long scenarioId = null;
        CompositeAudio compositeAudio = null;
        Long moh = null;
        Long groupId = null;
        List<String> operators = List.of();
        Long voiceSecretaryId = null;
        int delay = 0;

        switch (type) {
            case AUTODIAL -> {
                if (task.scenarioId() != null && !references.inScenarioExists(task.scenarioId())) {
                    throw EngineException.notFound("In scenario not found");
                }
                scenarioId = task.scenarioId();
                compositeAudio = compositeAudio(task);
                if (scenarioId == null && compositeAudio == null) {
                    throw EngineException.invalid("Not found in scenario and audio");
                }
                delay = range("delay", task.delay(), 0, MAX_SECONDS, 0);
            }
            case GUARANTEED_DIAL -> {
                if (task.moh() != null) {
                    String audioType = references.audioType(task.moh())
                            .orElseThrow(() -> EngineException.notFound("Moh not found"));
                    if (!References.AUDIO_MELODY.equals(audioType)) {
                        throw EngineException.invalid("Wrong audio type: moh");
                    }
                }
                moh = task.moh();
            }
            case VOICE_ROBOT -> {
                if (task.voiceSecretaryId() == null) {
                    throw EngineException.invalid("voiceSecretaryId is null");
                }
                if (!references.voiceRobotExists(task.voiceSecretaryId())) {
                    throw EngineException.notFound("Voice secretary not found");
                }
                voiceSecretaryId = task.voiceSecretaryId();
            }
        }
        if (type == AutodialerType.GUARANTEED_DIAL || mode.needsOperators()) {
            groupId = task.groupId();
            operators = operators(task);
        }

        int threadCount = 0;
        int callDelay = 0;
        boolean callDelayOnlyAnswered = false;
        Double coldBase = null;
        Integer pauseLimit = null;
        int markAsBusySeconds = 0;
        int markAsBusyMinSecondsTalk = 0;
        boolean reservedSips = false;
        int smartSpeed = 0;
        if (mode == AutodialerMode.FIXED) {
            if (task.threadCount() == null) {
                throw EngineException.invalid("threadCount is null");
            }
            threadCount = range("threadCount", task.threadCount(), 1, MAX_THREADS, 1);
            callDelay = range("callDelay", task.callDelay(), 0, MAX_SECONDS, 0);
            callDelayOnlyAnswered = Boolean.TRUE.equals(task.callDelayOnlyAnswered());
        } else {
            coldBase = task.coldBaseStartCallsMultiplier();
            if (coldBase != null && (coldBase < 0.1 || coldBase > 1.5 || coldBase.isNaN())) {
                throw EngineException.invalid("coldBaseStartCallsMultiplier must be 0.1..1.5, was " + coldBase);
            }
            if (task.pauseOperatorNoAnswerLimit() != null) {
                pauseLimit = range("pauseOperatorNoAnswerLimit", task.pauseOperatorNoAnswerLimit(), 1, 100, 1);
            }
            markAsBusySeconds = range("markAsBusySeconds", task.markAsBusySeconds(), 0, MAX_SECONDS, 0);
            markAsBusyMinSecondsTalk = range("markAsBusyMinSecondsTalk", task.markAsBusyMinSecondsTalk(), 0, MAX_SECONDS, 0);
            reservedSips = Boolean.TRUE.equals(task.reservedSipsBusyOnlyForAutodials());
            if (mode == AutodialerMode.SMART) {
                smartSpeed = range("smartSpeed", task.smartSpeed(), -10, 10, 0);
            }
        }

        if (task.outScenarioId() != null && !references.outScenarioExists(task.outScenarioId())) {
            throw EngineException.notFound("Not found out scenario");
        }
        CallingWindow window = window(task);
        String prefix = task.callerIdPrefix();
        if (prefix != null && prefix.length() > MAX_PREFIX) {
            throw EngineException.invalid("Prefix is too long");
        }
        RepeatCallsSettings repeat = repeat(task);
        Long ttsSettingsId = null;
        boolean useTaskAudio = false;
        if (type != AutodialerType.VOICE_ROBOT) {
            if (task.ttsSettingsId() != null && !references.ttsProfileExists(task.ttsSettingsId())) {
                throw EngineException.notFound("Not found text to speech settings");
            }
            ttsSettingsId = task.ttsSettingsId();
            useTaskAudio = Boolean.TRUE.equals(task.useTaskAudioIfAudioError());
        }
        if (compositeAudio != null && ttsSettingsId == null) {
            for (AudioPart part : compositeAudio.multiAudios()) {
                if (part instanceof AudioPart.Synthesis s && s.settingsId() == null) {
                    // Seed 004: synthesis needs the part's settingsId or the autodialer's ttsSettingsId.
                    throw EngineException.invalid("compositeAudio: speech synthesis settings not found");
                }
            }
        }
        Map<TriggerEvent, List<Long>> triggers = triggerActions(task.triggerActions());
        CrmMode crmMode = enumValue(CrmMode.class, "crmMode", task.crmMode());
        ClientCalledMode clientCalledMode = enumValue(ClientCalledMode.class, "clientCalledMode", task.clientCalledMode());

        return new CampaignSettings(window, task.outScenarioId(), triggers, repeat, prefix, crmMode,
                clientCalledMode, Boolean.TRUE.equals(task.displayName()), Boolean.TRUE.equals(task.displayNote()),
                Boolean.TRUE.equals(task.removeAfterFinish()), scenarioId, compositeAudio, ttsSettingsId,
                useTaskAudio, delay, moh, groupId, operators, voiceSecretaryId, threadCount, callDelay,
                callDelayOnlyAnswered, coldBase, pauseLimit, markAsBusySeconds, markAsBusyMinSecondsTalk,
                reservedSips, smartSpeed);
    }

    private List<String> operators(TaskDraft task) {
        if (task.groupId() != null) {
            // Seed 004: "If the parameter groupId is used, these params will be skipped."
            String groupType = references.groupType(task.groupId())
                    .orElseThrow(() -> EngineException.notFound("Group not found"));
            if (!References.INNER_PHONES.equals(groupType)) {
                throw EngineException.invalid("Wrong group type");
            }
            return List.of();
        }
        List<String> lines = task.pseudoGroupOperators();
        if (lines == null || lines.isEmpty()) {
            throw EngineException.invalid("groupId and pseudoGroupOperators is null");
        }
        List<String> missing = new ArrayList<>();
        for (String line : lines) {
            if (line == null || !references.operatorExists(line)) {
                missing.add(String.valueOf(line));
            }
        }
        if (!missing.isEmpty()) {
            throw EngineException.invalid("Operator not found: " + String.join(", ", missing));
        }
        return List.copyOf(new java.util.LinkedHashSet<>(lines));
    }

    private CompositeAudio compositeAudio(TaskDraft task) {
        TaskDraft.CompositeAudioDraft draft = task.compositeAudio();
        if (draft == null || draft.multiAudios() == null || draft.multiAudios().isEmpty()) {
            return null;
        }
        if (draft.multiAudios().size() > CompositeAudio.MAX_PARTS) {
            throw compositeAudio("too many audio parts");
        }
        List<AudioPart> parts = new ArrayList<>();
        for (TaskDraft.AudioPartDraft part : draft.multiAudios()) {
            if (part == null) {
                throw compositeAudio("audio part is null");
            }
            if (part.id() != null) {
                String audioType = references.audioType(part.id()).orElseThrow(() -> compositeAudio("audio not found"));
                if (!References.AUDIO_AUTODIAL.equals(audioType)) {
                    throw compositeAudio("audio type is not AUTODIAL");
                }
                parts.add(new AudioPart.File(part.id()));
            } else if (part.silenceMillis() != null) {
                int millis = part.silenceMillis();
                if (millis < CompositeAudio.MIN_SILENCE_MILLIS || millis > CompositeAudio.MAX_SILENCE_MILLIS) {
                    throw compositeAudio("invalid silenceMillis");
                }
                parts.add(new AudioPart.Silence(millis));
            } else if (part.synthesisFromDynamicValue() != null) {
                TaskDraft.SynthesisDraft synthesis = part.synthesisFromDynamicValue();
                DynamicValue value = DynamicValue.parse(synthesis.dynamicValue());
                if (value == null) {
                    throw compositeAudio("synthesis dynamicValue is null");
                }
                if (synthesis.settingsId() != null && !references.ttsProfileExists(synthesis.settingsId())) {
                    throw compositeAudio("speech synthesis settings not found");
                }
                parts.add(new AudioPart.Synthesis(value, synthesis.settingsId()));
            } else {
                throw compositeAudio("audio part is empty");
            }
        }
        return new CompositeAudio(parts);
    }

    private static EngineException compositeAudio(String reason) {
        // Seed 004 lists the error as "compositeAudio" with these reasons; Outdial names both.
        return EngineException.invalid("compositeAudio: " + reason);
    }

    private CallingWindow window(TaskDraft task) {
        LocalDate start;
        LocalDate end;
        try {
            start = task.startDate() == null ? null : LocalDate.parse(task.startDate());
            end = task.endDate() == null ? null : LocalDate.parse(task.endDate());
        } catch (DateTimeParseException e) {
            throw EngineException.invalid("Wrong dates");
        }
        if (start == null || end == null || start.isAfter(end)) {
            throw EngineException.invalid("Wrong dates");
        }
        List<String> from = task.timeFrom();
        List<String> to = task.timeTo();
        if (from == null || to == null || from.size() != 7 || to.size() != 7) {
            throw EngineException.invalid("Wrong time ranges");
        }
        List<LocalTime> froms = new ArrayList<>(7);
        List<LocalTime> tos = new ArrayList<>(7);
        boolean anyDay = false;
        for (int day = 0; day < 7; day++) {
            LocalTime f = time(from.get(day));
            LocalTime t = time(to.get(day));
            if ((f == null) != (t == null) || (f != null && f.isAfter(t))) {
                throw EngineException.invalid("Wrong time ranges");
            }
            anyDay |= f != null;
            froms.add(f);
            tos.add(t);
        }
        if (!anyDay) {
            throw EngineException.invalid("Wrong time ranges");
        }
        ZoneId zone = defaultZone;
        if (task.timeZone() != null) {
            try {
                zone = ZoneId.of(task.timeZone());
            } catch (DateTimeException e) {
                throw EngineException.invalid("Wrong time zone");
            }
        }
        return new CallingWindow(start, end, froms, tos, zone, Boolean.TRUE.equals(task.calleeLocalTime()));
    }

    private static LocalTime time(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.equals("24:00")) {
            return LocalTime.MAX; // the end of the day, so a window can reach midnight
        }
        try {
            return LocalTime.parse(raw, HH_MM);
        } catch (DateTimeParseException e) {
            throw EngineException.invalid("Wrong time ranges");
        }
    }

    private static RepeatCallsSettings repeat(TaskDraft task) {
        TaskDraft.RepeatCallsDraft draft = task.repeatCallsSettings();
        if (draft != null) {
            Map<NumberState, StateRepeat> rules = new EnumMap<>(NumberState.class);
            if (draft.statesSettings() != null) {
                for (Map.Entry<String, TaskDraft.StateRepeatDraft> entry : draft.statesSettings().entrySet()) {
                    NumberState state = NumberState.parse(entry.getKey());
                    if (state == null || !state.retryConfigurable()) {
                        throw EngineException.invalid("Repeat call state is not allowed");
                    }
                    TaskDraft.StateRepeatDraft rule = entry.getValue();
                    if (rule == null) {
                        continue;
                    }
                    String key = "repeatCallsSettings.statesSettings." + state + ".";
                    int attempts = range(key + "attempts", rule.attempts(), 0, StateRepeat.MAX_ATTEMPTS, 0);
                    if (attempts == 0) {
                        continue; // Seed 004: "Values 0 or null disable repeat calling"
                    }
                    int interval = range(key + "intervalMinutes", rule.intervalMinutes(),
                            StateRepeat.MIN_INTERVAL, StateRepeat.MAX_INTERVAL, StateRepeat.MIN_INTERVAL);
                    Integer threshold = null;
                    if (rule.secondsThreshold() != null) {
                        if (!state.answered()) {
                            throw EngineException.invalid(key + "secondsThreshold is only allowed for answered states");
                        }
                        threshold = range(key + "secondsThreshold", rule.secondsThreshold(), 1, MAX_SECONDS, 1);
                    }
                    rules.put(state, new StateRepeat(attempts, interval, threshold));
                }
            }
            return rules.isEmpty() ? null : new RepeatCallsSettings(
                    !Boolean.FALSE.equals(draft.earlyStart()), Boolean.TRUE.equals(draft.highPriority()), rules);
        }
        // The deprecated flat fields, mapped onto repeatCallsSettings.
        Integer attempts = task.repeatCallAttempts();
        if (attempts == null || attempts == 0) {
            return null;
        }
        int count = range("repeatCallAttempts", attempts, 0, StateRepeat.MAX_ATTEMPTS, 0);
        if (task.repeatCallStates() == null || task.repeatCallStates().isEmpty()) {
            throw EngineException.invalid("Repeat call states is empty");
        }
        int interval = range("repeatCallIntervalMinutes", task.repeatCallIntervalMinutes(),
                StateRepeat.MIN_INTERVAL, StateRepeat.MAX_INTERVAL, StateRepeat.MIN_INTERVAL);
        Map<NumberState, StateRepeat> rules = new EnumMap<>(NumberState.class);
        for (String name : task.repeatCallStates()) {
            NumberState state = NumberState.parse(name);
            if (state == null || !state.repeatable()) {
                throw EngineException.invalid("Repeat call state is not allowed");
            }
            rules.put(state, new StateRepeat(count, interval, null));
        }
        return new RepeatCallsSettings(!Boolean.FALSE.equals(task.repeatCallEarly()),
                Boolean.TRUE.equals(task.repeatCallHighPriority()), rules);
    }

    private Map<TriggerEvent, List<Long>> triggerActions(Map<String, List<Long>> raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        Map<TriggerEvent, List<Long>> result = new EnumMap<>(TriggerEvent.class);
        for (Map.Entry<String, List<Long>> entry : raw.entrySet()) {
            TriggerEvent event = TriggerEvent.parse(entry.getKey());
            if (event == null) {
                throw EngineException.invalid("Wrong trigger action event");
            }
            List<Long> ids = entry.getValue();
            if (ids == null) {
                throw EngineException.invalid("triggerActionIds is null");
            }
            if (ids.size() > MAX_HANDLERS_PER_EVENT) {
                throw EngineException.invalid("Too many trigger actions");
            }
            Set<String> types = new HashSet<>();
            List<Long> unique = new ArrayList<>();
            for (Long id : ids) {
                if (id == null) {
                    throw EngineException.invalid("triggerActionIds is null");
                }
                String actionType = references.triggerActionType(id)
                        .orElseThrow(() -> EngineException.notFound("Trigger action not found"));
                if (unique.contains(id)) {
                    continue;
                }
                if (!types.add(actionType)) {
                    throw EngineException.invalid("Few trigger actions with same type");
                }
                if (!references.compatible(actionType, event)) {
                    throw EngineException.invalid("Not compatible trigger action");
                }
                unique.add(id);
            }
            result.put(event, List.copyOf(unique));
        }
        return result;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String key, String raw) {
        if (raw == null) {
            throw EngineException.invalid(key + " is null");
        }
        try {
            return Enum.valueOf(type, raw);
        } catch (IllegalArgumentException e) {
            throw EngineException.invalid("Wrong " + key + ": " + raw);
        }
    }

    private static int range(String key, Integer value, int min, int max, int absent) {
        if (value == null) {
            return absent;
        }
        if (value < min || value > max) {
            throw EngineException.invalid(key + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }
}
