package org.outdial.api.unitalk;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.outdial.engine.campaign.AudioPart;
import org.outdial.engine.campaign.AutodialerMode;
import org.outdial.engine.campaign.AutodialerType;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.CampaignSettings;
import org.outdial.engine.campaign.CampaignStatistics;
import org.outdial.engine.campaign.CampaignView;
import org.outdial.engine.campaign.RepeatCallsSettings;
import org.outdial.engine.campaign.StateRepeat;
import org.outdial.engine.number.NumberState;

/**
 * An autodialer as the seed's {@code tasks} element: the common fields, and the type- and
 * mode-specific ones only where the seed says they are present.
 */
final class TaskJson {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private TaskJson() {
    }

    /** @param note the dialer's note on the campaign (not dialed by this version, its trunk down), printed as {@code statusNote} */
    static Map<String, Object> of(CampaignView view, Instant now, Optional<String> note) {
        Campaign c = view.campaign();
        CampaignSettings s = c.settings();
        AutodialerType type = c.type();
        AutodialerMode mode = c.mode();
        boolean operators = type == AutodialerType.GUARANTEED_DIAL || mode.needsOperators();
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("id", c.id());
        task.put("name", c.name());
        task.put("autodialerType", type.name());
        task.put("autodialerMode", mode.name());
        task.put("status", c.status().name());
        note.ifPresent(text -> task.put("statusNote", text));
        task.put("statistics", statistics(view.statistics()));
        if (c.finishedDate() != null) {
            task.put("finishedDate", c.finishedDate().toString());
        }
        if (mode == AutodialerMode.FIXED) {
            task.put("threadCount", s.threadCount());
            task.put("callDelay", s.callDelay());
            task.put("callDelayOnlyAnswered", s.callDelayOnlyAnswered());
        }
        if (type == AutodialerType.AUTODIAL) {
            task.put("delay", s.delay());
            task.put("compositeAudio", compositeAudio(s));
            task.put("scenarioId", s.scenarioId());
        }
        if (mode == AutodialerMode.SMART) {
            task.put("smartSpeed", s.smartSpeed());
        }
        if (mode.needsOperators()) {
            task.put("coldBaseStartCallsMultiplier", s.coldBaseStartCallsMultiplier());
            task.put("pauseOperatorNoAnswerLimit", s.pauseOperatorNoAnswerLimit());
            task.put("markAsBusySeconds", s.markAsBusySeconds());
            task.put("markAsBusyMinSecondsTalk", s.markAsBusyMinSecondsTalk());
            task.put("reservedSipsBusyOnlyForAutodials", s.reservedSipsBusyOnlyForAutodials());
        }
        if (type == AutodialerType.GUARANTEED_DIAL) {
            task.put("moh", s.moh());
        }
        if (operators) {
            task.put("groupId", s.groupId());
            task.put("pseudoGroupOperators", s.pseudoGroupOperators());
        }
        if (type == AutodialerType.VOICE_ROBOT) {
            task.put("voiceSecretaryId", s.voiceSecretaryId());
        } else {
            task.put("ttsSettingsId", s.ttsSettingsId());
            task.put("useTaskAudioIfAudioError", s.useTaskAudioIfAudioError());
        }
        task.put("startDate", s.window().startDate().toString());
        task.put("endDate", s.window().endDate().toString());
        task.put("timeFrom", times(s.window().timeFrom()));
        task.put("timeTo", times(s.window().timeTo()));
        task.put("timeZone", s.window().timeZone().getId());
        task.put("calleeLocalTime", s.window().calleeLocalTime());
        task.put("outScenarioId", s.outScenarioId());
        repeat(task, s.repeatCallsSettings());
        task.put("callerIdPrefix", s.callerIdPrefix());
        task.put("crmMode", s.crmMode().name());
        task.put("clientCalledMode", s.clientCalledMode().name());
        task.put("displayName", s.displayName());
        task.put("displayNote", s.displayNote());
        task.put("removeAfterFinish", s.removeAfterFinish());
        Map<String, Object> triggers = new LinkedHashMap<>();
        s.triggerActions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> triggers.put(e.getKey().name(), e.getValue()));
        task.put("triggerActions", triggers);
        Map<String, Object> statusInfo = new LinkedHashMap<>();
        statusInfo.put("millis", c.statusChangedAt().toEpochMilli());
        statusInfo.put("status", c.status().name());
        statusInfo.put("dateForDescription", c.statusChangedAt().atZone(ZoneId.systemDefault()).toLocalDate().toString());
        statusInfo.put("durationMillis", Math.max(0, now.toEpochMilli() - c.statusChangedAt().toEpochMilli()));
        task.put("taskStatusInfo", statusInfo);
        return task;
    }

    private static Map<String, Object> statistics(CampaignStatistics st) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("totalCount", st.totalCount());
        json.put("doneCount", st.doneCount());
        json.put("repeatCount", st.repeatCount());
        json.put("callsDoneCount", st.callsDoneCount());
        Map<String, Object> states = new LinkedHashMap<>();
        for (NumberState state : NumberState.values()) {
            long n = st.statesCount().getOrDefault(state, 0L);
            if (n > 0) {
                states.put(state.name(), n);
            }
        }
        json.put("statesCount", states);
        return json;
    }

    private static Map<String, Object> compositeAudio(CampaignSettings s) {
        if (s.compositeAudio() == null) {
            return null;
        }
        List<Map<String, Object>> parts = new ArrayList<>();
        for (AudioPart part : s.compositeAudio().multiAudios()) {
            switch (part) {
                case AudioPart.File f -> parts.add(Map.of("id", f.id()));
                case AudioPart.Silence silence -> parts.add(Map.of("silenceMillis", silence.millis()));
                case AudioPart.Synthesis synthesis -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("dynamicValue", synthesis.dynamicValue().name());
                    data.put("settingsId", synthesis.settingsId());
                    parts.add(Map.of("synthesisFromDynamicValue", data));
                }
            }
        }
        return Map.of("multiAudios", parts);
    }

    /** The current field and, for older clients, the deprecated flat fields derived from it. */
    private static void repeat(Map<String, Object> task, RepeatCallsSettings r) {
        if (r == null) {
            task.put("repeatCallsSettings", null);
            task.put("repeatCallAttempts", null);
            task.put("repeatCallIntervalMinutes", null);
            task.put("repeatCallHighPriority", false);
            task.put("repeatCallStates", List.of());
            task.put("repeatCallEarly", false);
            return;
        }
        Map<String, Object> states = new LinkedHashMap<>();
        int attempts = 0;
        int interval = Integer.MAX_VALUE;
        List<String> repeatable = new ArrayList<>();
        for (NumberState state : NumberState.values()) {
            StateRepeat rule = r.statesSettings().get(state);
            if (rule == null) {
                continue;
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("attempts", rule.attempts());
            json.put("intervalMinutes", rule.intervalMinutes());
            if (rule.secondsThreshold() != null) {
                json.put("secondsThreshold", rule.secondsThreshold());
            }
            states.put(state.name(), json);
            attempts = Math.max(attempts, rule.attempts());
            interval = Math.min(interval, rule.intervalMinutes());
            if (state.repeatable()) {
                repeatable.add(state.name());
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("earlyStart", r.earlyStart());
        settings.put("highPriority", r.highPriority());
        settings.put("statesSettings", states);
        task.put("repeatCallsSettings", settings);
        task.put("repeatCallAttempts", attempts);
        task.put("repeatCallIntervalMinutes", interval);
        task.put("repeatCallHighPriority", r.highPriority());
        task.put("repeatCallStates", repeatable);
        task.put("repeatCallEarly", r.earlyStart());
    }

    private static List<String> times(List<LocalTime> times) {
        List<String> result = new ArrayList<>(7);
        for (LocalTime t : times) {
            result.add(t == null ? null : t.equals(LocalTime.MAX) ? "24:00" : t.format(HH_MM));
        }
        return result;
    }
}
