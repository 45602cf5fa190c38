package org.outdial.engine.robot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.outdial.engine.catalog.TestStores.assertRefused;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.outdial.engine.campaign.DynamicValue;

class ScriptParserTest {

    static final String SURVEY = """
            {"ttsSettingsId": 3, "nodeLimit": 20, "jumpLimit": 2, "nodes": [
              {"id": 1, "title": "Greeting", "type": "PLAY", "audio": [{"tts": {"text": "Hello {NA}, you owe {P1}."}}], "next": 2},
              {"id": 2, "title": "Menu", "type": "ASK", "prompt": [{"id": 7}, {"silenceMillis": 300}],
               "timeoutSeconds": 4, "retries": 1, "branches": {"1": 3, "2": 4}, "onInvalid": 2, "onTimeout": 5},
              {"id": 3, "title": "Paid", "type": "END", "endNodeType": "END_SUCCESS"},
              {"id": 4, "title": "Operator", "type": "TRANSFER", "groupId": 9, "endNodeType": "BACKGROUND_DEFER"},
              {"id": 5, "title": "No answer", "type": "END", "endNodeType": "END_FAIL",
               "audio": [{"synthesisFromDynamicValue": {"dynamicValue": "NO", "settingsId": 4}}]},
              {"id": 6, "type": "JUMP", "to": 2}
            ]}""";

    @Test
    void aScriptReadsIntoItsNodesWithDefaultsForWhatItLeavesOut() {
        RobotScript script = ScriptParser.parse(SURVEY);
        assertEquals(1, script.start());
        assertEquals(20, script.nodeLimit());
        assertEquals(2, script.jumpLimit());
        assertEquals(3L, script.ttsSettingsId());
        RobotNode.Play greeting = (RobotNode.Play) script.node(1);
        assertEquals(EndNodeType.INTERMEDIATE, greeting.endNodeType());
        assertEquals(List.of(new RobotAudio.Speech(List.of("Hello ", DynamicValue.NA, ", you owe ", DynamicValue.P1, "."),
                null)), greeting.audio());
        RobotNode.Ask menu = (RobotNode.Ask) script.node(2);
        assertEquals(new RobotNode.Ask(2, "Menu", EndNodeType.INTERMEDIATE,
                List.of(new RobotAudio.File(7), new RobotAudio.Silence(300)), Duration.ofSeconds(4), 1,
                Map.of('1', 3, '2', 4), 2, 5, true), menu);
        assertEquals("Action #6", script.node(6).title());
        assertEquals(EndNodeType.BACKGROUND_DEFER, script.node(4).endNodeType());
    }

    @Test
    void theFormatStoredBeforeNodesRanStillReads() {
        RobotScript script = ScriptParser.parse("{\"nodes\":[{\"id\":1,\"type\":\"PLAY\",\"audioId\":432}]}");
        assertEquals(new RobotNode.Play(1, "Action #1", EndNodeType.INTERMEDIATE, List.of(new RobotAudio.File(432)),
                null), script.node(1));
        assertEquals(RobotScript.DEFAULT_NODE_LIMIT, script.nodeLimit());
    }

    @Test
    void refusalsNameTheNodeAndTheField() {
        refused("Wrong script: nodes is empty", "{\"nodes\":[]}");
        refused("Wrong script: unknown field steps", "{\"nodes\":[{\"id\":1,\"type\":\"END\",\"endNodeType\":\"END_FAIL\"}],\"steps\":1}");
        refused("Wrong script: nodes[1]: id 1 is repeated", nodes(end(1), end(1)));
        refused("Wrong script: node 1: type must be one of PLAY, ASK, JUMP, TRANSFER, END, was SAY",
                nodes("{\"id\":1,\"type\":\"SAY\"}"));
        refused("Wrong script: node 1: endNodeType is null (an END node must name it)", nodes("{\"id\":1,\"type\":\"END\"}"));
        refused("Wrong script: node 1: endNodeType must be one of INTERMEDIATE, END_SUCCESS, END_FAIL, BACKGROUND,"
                + " BACKGROUND_DEFER, was DONE", nodes("{\"id\":1,\"type\":\"END\",\"endNodeType\":\"DONE\"}"));
        refused("Wrong script: node 1: next 9 is not a node", nodes("{\"id\":1,\"type\":\"PLAY\",\"audioId\":1,\"next\":9}"));
        refused("Wrong script: node 1: timeoutSeconds must be an integer 1..60, was 0", nodes(ask("\"timeoutSeconds\":0"), end(2)));
        refused("Wrong script: node 1: timeoutSeconds must be an integer 1..60, was 2.5", nodes(ask("\"timeoutSeconds\":2.5"), end(2)));
        refused("Wrong script: node 1: retries must be an integer 0..10, was true", nodes(ask("\"retries\":true"), end(2)));
        refused("Wrong script: node 1: retries must be an integer 0..10, was \"1\"", nodes(ask("\"retries\":\"1\""), end(2)));
        refused("Wrong script: node 1: branches: key \"12\" must be one DTMF digit 0-9, *, #, A-D",
                nodes("{\"id\":1,\"type\":\"ASK\",\"branches\":{\"12\":2},\"onInvalid\":2,\"onTimeout\":2}", end(2)));
        refused("Wrong script: node 1: branches.1 3 is not a node",
                nodes("{\"id\":1,\"type\":\"ASK\",\"branches\":{\"1\":3},\"onInvalid\":2,\"onTimeout\":2}", end(2)));
        refused("Wrong script: node 1: onTimeout is null",
                nodes("{\"id\":1,\"type\":\"ASK\",\"branches\":{\"1\":2},\"onInvalid\":2}", end(2)));
        refused("Wrong script: node 1: unknown field repeat", nodes(ask("\"repeat\":1"), end(2)));
        refused("Wrong script: node 1: audio[0].silenceMillis must be an integer 1..10000, was 20000",
                nodes("{\"id\":1,\"type\":\"PLAY\",\"audio\":[{\"silenceMillis\":20000}]}"));
        refused("Wrong script: node 1: audio[0].tts.text: placeholder {XX} must be one of NA, NO, LI, P1..P10, was XX",
                nodes("{\"id\":1,\"type\":\"PLAY\",\"audio\":[{\"tts\":{\"text\":\"hi {XX}\"}}]}"));
        refused("Wrong script: node 1: groupId is null", nodes("{\"id\":1,\"type\":\"TRANSFER\"}"));
        refused("Wrong script: start 5 is not a node", "{\"start\":5,\"nodes\":[" + end(1) + "]}");
        refused("Wrong script: jumpLimit must be an integer 0..100, was 101", "{\"jumpLimit\":101,\"nodes\":[" + end(1) + "]}");
    }

    @Test
    void referencesAreCheckedOnSave() {
        RobotScript script = ScriptParser.parse(SURVEY);
        ScriptReferences none = new ScriptReferences() {
            @Override
            public boolean audioExists(long id) {
                return false;
            }

            @Override
            public boolean ttsProfileExists(long id) {
                return true;
            }

            @Override
            public Optional<String> groupType(long id) {
                return Optional.of(INNER_PHONES);
            }
        };
        assertRefused("Wrong script: node 2: prompt[0].id 7: audio not found", () -> ScriptReferences.check(script, none));
        ScriptReferences noGroup = new ScriptReferences() {
            @Override
            public boolean audioExists(long id) {
                return true;
            }

            @Override
            public boolean ttsProfileExists(long id) {
                return true;
            }

            @Override
            public Optional<String> groupType(long id) {
                return Optional.empty();
            }
        };
        assertRefused("Wrong script: node 4: groupId 9: Group not found", () -> ScriptReferences.check(script, noGroup));
        RobotScript noProfile = ScriptParser.parse(nodes("{\"id\":1,\"type\":\"PLAY\",\"audio\":[{\"tts\":{\"text\":\"hi\"}}]}"));
        assertRefused("Wrong script: node 1: audio[0]: no settingsId, and the script has no ttsSettingsId",
                () -> ScriptReferences.check(noProfile, ScriptReferences.unchecked()));
    }

    private static void refused(String message, String script) {
        assertRefused(message, () -> ScriptParser.parse(script));
    }

    private static String nodes(String... nodes) {
        return "{\"nodes\":[" + String.join(",", nodes) + "]}";
    }

    private static String end(int id) {
        return "{\"id\":" + id + ",\"type\":\"END\",\"endNodeType\":\"END_FAIL\"}";
    }

    private static String ask(String extra) {
        return "{\"id\":1,\"type\":\"ASK\",\"branches\":{\"1\":2},\"onInvalid\":2,\"onTimeout\":2," + extra + "}";
    }
}
