package org.outdial.engine.campaign;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.outdial.engine.pacing.ModeSettings;

/**
 * How {@link CampaignSettings} is kept in the {@code autodialer.settings} column: one flat JSON
 * object, so the type- and mode-specific fields need no column each. This is a storage format,
 * not a wire format; the API maps its own JSON.
 *
 * <p>The object has the shape the flat record of the previous version wrote (commit 2ac4065):
 * the same 28 keys, with the neutral values it wrote for the fields of other types and modes
 * (null, 0, false, []). Rows written before load unchanged, and rows written now load in the
 * previous version. The type and mode come from their own columns and pick which keys are read.
 */
final class SettingsCodec {

    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonSubTypes({@JsonSubTypes.Type(AudioPart.File.class), @JsonSubTypes.Type(AudioPart.Silence.class), @JsonSubTypes.Type(AudioPart.Synthesis.class)})
    private interface AudioPartMixin {
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .findAndAddModules()
            .addMixIn(AudioPart.class, AudioPartMixin.class)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SettingsCodec() {
    }

    static String write(CampaignSettings settings) {
        // CommonSettings' components carry the stored keys' names: window, outScenarioId, ...
        ObjectNode row = MAPPER.valueToTree(settings.common());
        writeType(row, settings.type());
        writeMode(row, settings.mode());
        try {
            return MAPPER.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode autodialer settings", e);
        }
    }

    static CampaignSettings read(String json, CampaignType type, CampaignMode mode) {
        try {
            JsonNode row = MAPPER.readTree(json);
            CommonSettings common = MAPPER.treeToValue(row, CommonSettings.class);
            return new CampaignSettings(common, readType(row, type), readMode(row, mode));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored autodialer settings are unreadable: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("stored autodialer settings do not fit a " + type + " autodialer in "
                    + mode + " mode: " + e.getMessage(), e);
        }
    }

    private static void writeType(ObjectNode row, TypeSettings type) {
        row.putNull("scenarioId");
        row.putNull("compositeAudio");
        row.putNull("ttsSettingsId");
        row.put("useTaskAudioIfAudioError", false);
        row.put("delay", 0);
        row.putNull("moh");
        switch (type) {
            case TypeSettings.Autodial a -> {
                row.put("scenarioId", a.scenarioId());
                row.set("compositeAudio", MAPPER.valueToTree(a.compositeAudio()));
                row.put("ttsSettingsId", a.ttsSettingsId());
                row.put("useTaskAudioIfAudioError", a.useTaskAudioIfAudioError());
                row.put("delay", a.delay().toSeconds());
            }
            case TypeSettings.GuaranteedDial g -> {
                row.put("ttsSettingsId", g.ttsSettingsId());
                row.put("useTaskAudioIfAudioError", g.useTaskAudioIfAudioError());
                row.put("moh", g.moh());
            }
            case TypeSettings.VoiceRobot r -> {
            }
        }
        writeOperators(row, type instanceof TypeSettings.GuaranteedDial g ? g.operators() : null);
        row.put("voiceSecretaryId", type instanceof TypeSettings.VoiceRobot r ? r.voiceSecretaryId() : null);
    }

    private static void writeMode(ObjectNode row, ModeSettings mode) {
        row.put("threadCount", 0);
        row.put("callDelay", 0);
        row.put("callDelayOnlyAnswered", false);
        writePacing(row, null);
        row.put("smartSpeed", 0);
        switch (mode) {
            case ModeSettings.Fixed f -> {
                row.put("threadCount", f.threadCount());
                row.put("callDelay", f.callDelay().toSeconds());
                row.put("callDelayOnlyAnswered", f.callDelayOnlyAnswered());
            }
            case ModeSettings.Free free -> {
                writeOperators(row, free.operators());
                writePacing(row, free.pacing());
            }
            case ModeSettings.Smart smart -> {
                writeOperators(row, smart.operators());
                writePacing(row, smart.pacing());
                row.put("smartSpeed", smart.smartSpeed());
            }
        }
    }

    /** With null, the neutral values: no group, no lines. */
    private static void writeOperators(ObjectNode row, OperatorLines operators) {
        row.put("groupId", operators == null ? null : operators.groupId());
        ArrayNode lines = row.putArray("pseudoGroupOperators");
        if (operators != null) {
            operators.lines().forEach(lines::add);
        }
    }

    private static void writePacing(ObjectNode row, ModeSettings.OperatorPacing pacing) {
        row.put("coldBaseStartCallsMultiplier", pacing == null ? null : pacing.coldBaseStartCallsMultiplier());
        row.put("pauseOperatorNoAnswerLimit", pacing == null ? null : pacing.pauseOperatorNoAnswerLimit());
        row.put("markAsBusySeconds", pacing == null ? 0 : pacing.markAsBusy().toSeconds());
        row.put("markAsBusyMinSecondsTalk", pacing == null ? 0 : pacing.markAsBusyMinTalk().toSeconds());
        row.put("reservedSipsBusyOnlyForAutodials", pacing != null && pacing.reservedSipsBusyOnlyForAutodials());
    }

    private static TypeSettings readType(JsonNode row, CampaignType type) throws JsonProcessingException {
        return switch (type) {
            case AUTODIAL -> new TypeSettings.Autodial(MAPPER.treeToValue(row.get("compositeAudio"), CompositeAudio.class),
                    longOrNull(row, "scenarioId"), longOrNull(row, "ttsSettingsId"),
                    row.path("useTaskAudioIfAudioError").asBoolean(), Duration.ofSeconds(row.path("delay").asLong()));
            case GUARANTEED_DIAL -> new TypeSettings.GuaranteedDial(longOrNull(row, "moh"), readOperators(row),
                    longOrNull(row, "ttsSettingsId"), row.path("useTaskAudioIfAudioError").asBoolean());
            case VOICE_ROBOT -> new TypeSettings.VoiceRobot(row.path("voiceSecretaryId").asLong());
        };
    }

    private static ModeSettings readMode(JsonNode row, CampaignMode mode) {
        return switch (mode) {
            case FIXED -> new ModeSettings.Fixed(row.path("threadCount").asInt(),
                    Duration.ofSeconds(row.path("callDelay").asLong()), row.path("callDelayOnlyAnswered").asBoolean());
            case FREE -> new ModeSettings.Free(readOperators(row), readPacing(row));
            case SMART -> new ModeSettings.Smart(readOperators(row), readPacing(row), row.path("smartSpeed").asInt());
        };
    }

    private static OperatorLines readOperators(JsonNode row) {
        List<String> lines = new ArrayList<>();
        row.path("pseudoGroupOperators").forEach(line -> lines.add(line.asText()));
        return new OperatorLines(longOrNull(row, "groupId"), lines);
    }

    private static ModeSettings.OperatorPacing readPacing(JsonNode row) {
        JsonNode coldBase = row.path("coldBaseStartCallsMultiplier");
        JsonNode pauseLimit = row.path("pauseOperatorNoAnswerLimit");
        return new ModeSettings.OperatorPacing(coldBase.isNumber() ? coldBase.asDouble() : null,
                pauseLimit.isNumber() ? pauseLimit.asInt() : null,
                Duration.ofSeconds(row.path("markAsBusySeconds").asLong()),
                Duration.ofSeconds(row.path("markAsBusyMinSecondsTalk").asLong()),
                row.path("reservedSipsBusyOnlyForAutodials").asBoolean());
    }

    private static Long longOrNull(JsonNode row, String key) {
        JsonNode value = row.path(key);
        return value.isNumber() ? value.asLong() : null;
    }
}
