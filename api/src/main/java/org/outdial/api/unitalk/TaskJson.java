package org.outdial.api.unitalk;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.outdial.engine.abandonment.AbandonmentLedger;
import org.outdial.engine.abandonment.AbandonmentSettings;
import org.outdial.engine.campaign.AudioPart;
import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.campaign.CampaignType;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.CampaignSettings;
import org.outdial.engine.campaign.CampaignStatistics;
import org.outdial.engine.campaign.CommonSettings;
import org.outdial.engine.campaign.CompositeAudio;
import org.outdial.engine.campaign.CallingWindow;
import org.outdial.engine.campaign.TypeSettings;
import org.outdial.engine.pacing.ModeSettings;
import org.outdial.engine.pacing.Outlook;
import org.outdial.engine.campaign.CampaignView;
import org.outdial.engine.campaign.RepeatCallsSettings;
import org.outdial.engine.campaign.StateRepeat;
import org.outdial.engine.number.NumberState;

/**
 * An autodialer as the seed's {@code tasks} element: the common fields, and the type- and
 * mode-specific ones only where the seed says they are present.
 */
final class TaskJson {

    private TaskJson() {
    }

    /**
     * @param note   the dialer's note on the campaign (not dialed by this version, its trunk down), printed as {@code statusNote}
     * @param ledger the abandonment of campaigns with operators: {@code statistics.abandonment}
     */
    static Map<String, Object> of(CampaignView view, Instant now, Optional<String> note, AbandonmentLedger ledger) {
        Campaign c = view.campaign();
        CampaignSettings s = c.settings();
        CampaignType type = c.type();
        CampaignMode mode = c.mode();
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("id", c.id());
        task.put("name", c.name());
        task.put("autodialerType", type.name());
        task.put("autodialerMode", mode.name());
        task.put("status", c.status().name());
        note.ifPresent(text -> task.put("statusNote", text));
        Map<String, Object> statistics = statistics(view.statistics());
        if (s.operators().isPresent()) {
            statistics.put("abandonment", abandonment(ledger, c.id(), s.common().window().timeZone(), now));
        }
        task.put("statistics", statistics);
        if (c.finishedDate() != null) {
            task.put("finishedDate", c.finishedDate().toString());
        }
        if (s.mode() instanceof ModeSettings.Fixed fixed) {
            task.put("threadCount", fixed.threadCount());
            task.put("callDelay", fixed.callDelay().toSeconds());
            task.put("callDelayOnlyAnswered", fixed.callDelayOnlyAnswered());
        }
        if (s.type() instanceof TypeSettings.Autodial autodial) {
            task.put("delay", autodial.delay().toSeconds());
            task.put("compositeAudio", compositeAudio(autodial.compositeAudio()));
            task.put("scenarioId", autodial.scenarioId());
        }
        if (s.mode() instanceof ModeSettings.Smart smart) {
            task.put("smartSpeed", smart.smartSpeed());
        }
        operatorPacing(task, s.mode());
        if (s.type() instanceof TypeSettings.GuaranteedDial guaranteed) {
            task.put("moh", guaranteed.moh());
        }
        s.operators().ifPresent(lines -> {
            task.put("groupId", lines.groupId());
            task.put("pseudoGroupOperators", lines.lines());
        });
        switch (s.type()) {
            case TypeSettings.Autodial a -> audioFallback(task, a.ttsSettingsId(), a.useTaskAudioIfAudioError());
            case TypeSettings.GuaranteedDial g -> audioFallback(task, g.ttsSettingsId(), g.useTaskAudioIfAudioError());
            case TypeSettings.VoiceRobot robot -> task.put("voiceSecretaryId", robot.voiceSecretaryId());
        }
        CommonSettings common = s.common();
        CallingWindow window = common.window();
        task.put("startDate", window.startDate().toString());
        task.put("endDate", window.endDate().toString());
        task.put("timeFrom", times(window.timeFrom()));
        task.put("timeTo", times(window.timeTo()));
        task.put("timeZone", window.timeZone().getId());
        task.put("calleeLocalTime", window.calleeLocalTime());
        task.put("outScenarioId", common.outScenarioId());
        repeat(task, common.repeatCallsSettings());
        task.put("callerIdPrefix", common.callerIdPrefix());
        task.put("crmMode", common.crmMode().name());
        task.put("clientCalledMode", common.clientCalledMode().name());
        task.put("displayName", common.displayName());
        task.put("displayNote", common.displayNote());
        task.put("removeAfterFinish", common.removeAfterFinish());
        Map<String, Object> triggers = new LinkedHashMap<>();
        common.triggerActions().entrySet().stream().sorted(Map.Entry.comparingByKey())
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

    /**
     * Outdial's extension (docs/API.md, "Abandonment"): live-answered and abandoned calls over the
     * configured window and over the campaign's current day, with the cap (FCC 47 CFR 64.1200(a)(7)).
     */
    private static Map<String, Object> abandonment(AbandonmentLedger ledger, long id, ZoneId zone, Instant now) {
        AbandonmentLedger.Tallies t = ledger.tallies(id, zone, now);
        AbandonmentSettings settings = ledger.settings();
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> window = tally(t.window());
        long minutes = settings.window().toMinutes();
        window.put("days", minutes % (24 * 60) == 0 ? (Object) (minutes / (24 * 60)) : (Object) (minutes / (24.0 * 60)));
        json.put("window", window);
        json.put("today", tally(t.today()));
        json.put("targetPercent", settings.targetPercent());
        json.put("graceMillis", settings.grace().toMillis());
        return json;
    }

    private static Map<String, Object> tally(Outlook.Tally tally) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("liveAnswered", tally.liveAnswered());
        json.put("abandoned", tally.abandoned());
        // Two decimals: 1 abandoned of 3,000 is 0.03 %, which still shows.
        json.put("percent", Math.round(tally.percent() * 100) / 100.0);
        return json;
    }

    /** Seed 004: these five are "present only for autodialers in FREE and SMART modes". */
    private static void operatorPacing(Map<String, Object> task, ModeSettings mode) {
        ModeSettings.OperatorPacing pacing = switch (mode) {
            case ModeSettings.Fixed fixed -> null;
            case ModeSettings.Free free -> free.pacing();
            case ModeSettings.Smart smart -> smart.pacing();
        };
        if (pacing == null) {
            return;
        }
        task.put("coldBaseStartCallsMultiplier", pacing.coldBaseStartCallsMultiplier());
        task.put("pauseOperatorNoAnswerLimit", pacing.pauseOperatorNoAnswerLimit());
        task.put("markAsBusySeconds", pacing.markAsBusy().toSeconds());
        task.put("markAsBusyMinSecondsTalk", pacing.markAsBusyMinTalk().toSeconds());
        task.put("reservedSipsBusyOnlyForAutodials", pacing.reservedSipsBusyOnlyForAutodials());
    }

    /** Seed 004: "Present only for autodialers with AUTODIAL or GUARANTEED_DIAL type". */
    private static void audioFallback(Map<String, Object> task, Long ttsSettingsId, boolean useTaskAudioIfAudioError) {
        task.put("ttsSettingsId", ttsSettingsId);
        task.put("useTaskAudioIfAudioError", useTaskAudioIfAudioError);
    }

    private static Map<String, Object> compositeAudio(CompositeAudio audio) {
        if (audio == null) {
            return null;
        }
        List<Map<String, Object>> parts = new ArrayList<>();
        for (AudioPart part : audio.multiAudios()) {
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
            result.add(t == null ? null : UnitalkFormats.time(t));
        }
        return result;
    }
}
