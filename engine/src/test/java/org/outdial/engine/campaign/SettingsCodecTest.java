package org.outdial.engine.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.pacing.ModeSettings;

/**
 * Rows of {@code autodialer.settings} written by the previous version (commit 2ac4065, the flat
 * 28-component record): one per line in settings-2ac4065.tsv as "TYPE MODE\tjson", produced by
 * that commit's CampaignValidator and SettingsCodec from the seed's ADD examples.
 */
class SettingsCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> storedRows() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (InputStream in = SettingsCodecTest.class.getResourceAsStream("settings-2ac4065.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] columns = line.split("\t");
                rows.put(columns[0], columns[1]);
            }
        }
        return rows;
    }

    private static CampaignSettings read(String typeAndMode, String json) {
        String[] names = typeAndMode.split(" ");
        return SettingsCodec.read(json, CampaignType.valueOf(names[0]), CampaignMode.valueOf(names[1]));
    }

    @Test
    void anAutodialRowOfThePreviousVersionLoadsWithEveryValue() throws IOException {
        CampaignSettings s = read("AUTODIAL FIXED", storedRows().get("AUTODIAL FIXED"));

        CommonSettings common = s.common();
        assertEquals(LocalDate.of(2020, 3, 15), common.window().startDate());
        assertEquals(LocalTime.MAX, common.window().timeTo().get(4));
        assertNull(common.window().timeFrom().get(5));
        assertEquals(ZoneId.of("Europe/Kyiv"), common.window().timeZone());
        assertTrue(common.window().calleeLocalTime());
        assertEquals(7L, common.outScenarioId());
        assertEquals(Map.of(TriggerEvent.AUTODIAL_NOANSWER, List.of(2L)), common.triggerActions());
        assertEquals(new StateRepeat(2, 15, 20), common.repeatCallsSettings().ruleFor(NumberState.ANSWER));
        assertEquals(new StateRepeat(3, 60, null), common.repeatCallsSettings().ruleFor(NumberState.NOANSWER));
        assertEquals("pre", common.callerIdPrefix());
        assertEquals(CrmMode.SEND_ANSWERED, common.crmMode());
        assertEquals(ClientCalledMode.ANSWERED_CALLS, common.clientCalledMode());
        assertTrue(common.displayName() && !common.displayNote() && common.removeAfterFinish());
        assertEquals(new TypeSettings.Autodial(new CompositeAudio(List.of(new AudioPart.Silence(500),
                new AudioPart.File(46615), new AudioPart.Synthesis(DynamicValue.NO, 117L))), 70L, 18L, true,
                Duration.ofSeconds(2)), s.type());
        assertEquals(new ModeSettings.Fixed(3, Duration.ofSeconds(4), true), s.mode());
    }

    @Test
    void guaranteedDialAndVoiceRobotRowsOfThePreviousVersionLoadTheirParts() throws IOException {
        Map<String, String> rows = storedRows();

        CampaignSettings smart = read("GUARANTEED_DIAL SMART", rows.get("GUARANTEED_DIAL SMART"));
        OperatorLines lines = new OperatorLines(null, List.of("1000", "1001"));
        assertEquals(new TypeSettings.GuaranteedDial(53L, lines, 18L, false), smart.type());
        assertEquals(new ModeSettings.Smart(lines, new ModeSettings.OperatorPacing(0.5, 5, Duration.ofSeconds(60),
                Duration.ofSeconds(15), true), -3), smart.mode());
        assertEquals(new StateRepeat(3, 30, null), smart.common().repeatCallsSettings().ruleFor(NumberState.BUSY));

        CampaignSettings free = read("VOICE_ROBOT FREE", rows.get("VOICE_ROBOT FREE"));
        assertEquals(new TypeSettings.VoiceRobot(25), free.type());
        assertEquals(new ModeSettings.Free(new OperatorLines(300L, List.of()),
                new ModeSettings.OperatorPacing(null, null, Duration.ZERO, Duration.ZERO, false)), free.mode());
        assertNull(free.common().repeatCallsSettings());
    }

    @Test
    void whatIsWrittenNowHasThePreviousVersionsShapeKeyForKey() throws IOException {
        for (Map.Entry<String, String> row : storedRows().entrySet()) {
            String written = SettingsCodec.write(read(row.getKey(), row.getValue()));

            assertEquals(JSON.readTree(row.getValue()), JSON.readTree(written), row.getKey());
        }
    }
}
