package org.outdial.api.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.outdial.api.OutdialServer;
import org.outdial.api.TestApi;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.api.config.OutdialConfig;
import org.outdial.sip.trunk.TrunkSettings;

/** The referenced entities' routes over real HTTP: audio, TTS, lists, lines, groups, the rest. */
class CatalogApiTest {

    private static OutdialServer server;
    private static TestApi api;
    private static String key;
    private static Path audioDir;

    @BeforeAll
    static void start() throws Exception {
        audioDir = Files.createTempDirectory("outdial-audio");
        OutdialConfig base = TestApi.config(64 << 20, RateLimitSettings.unlimited());
        OutdialConfig config = new OutdialConfig(base.http(), base.storage(), base.sip(),
                List.of(new TrunkSettings("main", "127.0.0.1", 5060, "udp", null, null, "442079460000", null, 10, 10)),
                base.api(), base.dialer(), new OutdialConfig.Audio(audioDir.toString()));
        server = OutdialServer.start(config, InstantSource.system(), List.of());
        api = new TestApi(server.port());
        key = new ApiKeys(server.database().dataSource()).create("catalog", Instant.now()).secret();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---- helpers

    private static HttpResponse<String> post(String path, String json) {
        return api.postJson(path, key, json);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = TestApi.json(response);
        assertEquals("Success", body.get("status").asText(), response.body());
        return body;
    }

    private static void refused(int status, String message, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = TestApi.json(response);
        assertEquals("Error", body.get("status").asText());
        assertEquals(message, body.get("message").asText(), response.body());
    }

    /** A mono 16-bit PCM WAV of a 440 Hz tone. */
    private static byte[] wav(int sampleRate, double seconds) {
        int samples = (int) (sampleRate * seconds);
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / sampleRate)));
        }
        return b.array();
    }

    /** multipart/form-data with text fields and at most one file field named "file". */
    private static HttpResponse<String> upload(Map<String, String> fields, byte[] file) {
        String boundary = "----outdial" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (file != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                    + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(HttpRequest.newBuilder(api.uri("/api/audio/upload"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static long ttsProfile(String name) {
        return ok(post("/api/ttsProfiles/action", "{\"action\":\"ADD\",\"profile\":{\"name\":\"" + name
                + "\",\"voice\":\"en-us\",\"speed\":170,\"pitch\":50}}")).get("data").asLong();
    }

    // ---- audio

    @Test
    void uploadedWavComesBackAsItsIdAndIsListedUnderItsType() {
        JsonNode body = ok(upload(fields("name", "upload greeting", "type", "AUTODIAL", "temp", "true"), wav(16000, 1.5)));
        long id = Long.parseLong(body.get("message").asText());

        JsonNode list = ok(post("/api/audio/action", "{\"action\":\"GET_LIST\",\"type\":\"AUTODIAL\"}")).get("data");
        JsonNode mine = null;
        for (JsonNode a : list) {
            if (a.get("id").asLong() == id) {
                mine = a;
            }
        }
        assertTrue(mine != null, list.toString());
        assertEquals("upload greeting", mine.get("name").asText());
        assertEquals(1500, mine.get("durationMillis").asLong());
        assertTrue(mine.get("temp").asBoolean());
        assertEquals("upload greeting", ok(post("/api/dictionary?type=AUDIO_AUTODIAL", "")).get("data").get(Long.toString(id)).asText());

        ok(post("/api/audio/action", "{\"action\":\"REMOVE\",\"id\":" + id + "}"));
        refused(404, "Audio not found", post("/api/audio/action", "{\"action\":\"REMOVE\",\"id\":" + id + "}"));
    }

    @Test
    void uploadRefusalsUseTheSeedsWordsAndStoreNothing() throws Exception {
        byte[] wav = wav(8000, 0.2);
        refused(400, "Name is empty", upload(fields("type", "API"), wav));
        refused(400, "Name length more than 200 chars", upload(fields("name", "n".repeat(201), "type", "API"), wav));
        refused(400, "type is null", upload(fields("name", "x"), wav));
        refused(400, "Wrong type", upload(fields("name", "x", "type", "VIDEO"), wav));
        refused(400, "file is null", upload(fields("name", "x", "type", "API"), null));
        refused(400, "Wrong value for 'temp': expected true or false", upload(fields("name", "x", "type", "API", "temp", "yes"), wav));
        HttpResponse<String> notWav = upload(fields("name", "x", "type", "API"), "hello".getBytes());
        assertEquals(400, notWav.statusCode());
        assertTrue(TestApi.json(notWav).get("message").asText().startsWith("Wrong audio file: "), notWav.body());
        refused(413, "File is larger than 15mb", upload(fields("name", "x", "type", "API"), new byte[15 * 1024 * 1024 + 1]));

        ok(upload(fields("name", "unique upload", "type", "API"), wav));
        refused(409, "Same name already present", upload(fields("name", "unique upload", "type", "GENERAL"), wav));
        assertTrue(TestApi.json(post("/api/dictionary?type=AUDIO_ALL", "")).get("data").findValuesAsText("x").isEmpty());
        long stored;
        try (var files = Files.list(audioDir)) {
            stored = files.count();
        }
        assertEquals(ok(post("/api/audio/action", "{\"action\":\"GET_LIST\"}")).get("data").size(), stored);
    }

    @Test
    void ttsSynthesizesWithEspeakNgAndReportsEachElement() {
        long profile = ttsProfile("tts api voice");
        String body = "{\"data\":["
                + "{\"name\":\"audio for calling\",\"type\":\"AUTODIAL\",\"tts\":{\"text\":\"Hello from Outdial\",\"ssml\":null,\"settingsId\":" + profile + "}},"
                + "{\"name\":\"audio for calling\",\"type\":\"API\",\"tts\":{\"text\":null,\"ssml\":\"<speak>again</speak>\",\"settingsId\":" + profile + "}},"
                + "{\"name\":\"ssml one\",\"type\":\"IVR\",\"tts\":{\"ssml\":\"<speak>Press <break/> one</speak>\",\"settingsId\":" + profile + "}},"
                + "{\"name\":\"no settings\",\"type\":\"API\",\"tts\":{\"text\":\"x\"}},"
                + "{\"type\":\"API\",\"tts\":{\"text\":\"x\",\"settingsId\":" + profile + "}}]}";
        JsonNode answer = ok(post("/api/audio/tts", body));
        assertEquals("Success", answer.get("message").asText());
        JsonNode data = answer.get("data");
        assertEquals("audio for calling", data.get(0).get("name").asText());
        assertTrue(data.get(0).get("id").canConvertToLong() && data.get(0).get("error").isNull(), data.toString());
        assertTrue(data.get(1).get("id").isNull());
        assertEquals("Same name already present", data.get(1).get("error").asText());
        assertTrue(data.get(2).get("error").isNull(), data.toString());
        assertEquals("Text to speech \u2018settingsId\u2019 is null", data.get(3).get("error").asText());
        assertEquals("Name is empty", data.get(4).get("error").asText());
    }

    @Test
    void ttsElementErrorsAreTheSeedsTexts() {
        long profile = ttsProfile("tts errors voice");
        String body = "{\"data\":["
                + "{\"name\":\"e1\",\"tts\":{\"text\":\"x\",\"settingsId\":" + profile + "}},"
                + "{\"name\":\"e2\",\"type\":\"API\"},"
                + "{\"name\":\"e3\",\"type\":\"API\",\"tts\":{\"settingsId\":" + profile + "}},"
                + "{\"name\":\"e4\",\"type\":\"API\",\"tts\":{\"ssml\":\"no speak tag\",\"settingsId\":" + profile + "}},"
                + "{\"name\":\"e5\",\"type\":\"API\",\"tts\":{\"text\":\"x\",\"settingsId\":99999}}]}";
        JsonNode data = ok(post("/api/audio/tts", body)).get("data");
        List<String> errors = new ArrayList<>();
        data.forEach(d -> errors.add(d.get("error").asText()));
        assertEquals(List.of("type is null", "tts is null", "Text to speech \u2018text\u2019 and \u2018ssml\u2019 is null",
                "Text to speech \u2018ssml\u2019 not valid", "Text to speech settings not found by id"), errors);
        JsonNode long1 = ok(post("/api/audio/tts", "{\"data\":[{\"name\":\"e6\",\"type\":\"API\",\"tts\":{\"text\":\""
                + "t".repeat(4961) + "\",\"settingsId\":" + profile + "}}]}")).get("data");
        assertEquals("Text to speech \u2018text\u2019 not valid", long1.get(0).get("error").asText());
        JsonNode long2 = ok(post("/api/audio/tts", "{\"data\":[{\"name\":\"" + "n".repeat(201)
                + "\",\"type\":\"API\",\"tts\":{\"text\":\"x\",\"settingsId\":" + profile + "}}]}")).get("data");
        assertEquals("Name length more than 200 chars", long2.get(0).get("error").asText());

        refused(400, "data is null", post("/api/audio/tts", "{}"));
        refused(400, "data is empty", post("/api/audio/tts", "{\"data\":[]}"));
        refused(413, "Too many elements in data", post("/api/audio/tts", "{\"data\":[{},{},{},{},{},{}]}"));
    }

    // ---- lists

    @Test
    void blockedListsAddGetAndRemoveWithTheHundredItemLimit() {
        List<String> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add("\"+38097" + (2000000 + i) + "\"");
        }
        String items = String.join(",", hundred);
        JsonNode added = ok(post("/api/lists", "{\"list\":\"BLOCKED_FOR_AUTODIAL_PHONES\",\"operation\":\"ADD\",\"items\":[" + items + "]}"));
        assertEquals("Added 100, skipped 0", added.get("message").asText());
        assertEquals(100, added.get("data").get("added").asInt());
        JsonNode again = ok(post("/api/lists", "{\"list\":\"BLOCKED_FOR_AUTODIAL_PHONES\",\"operation\":\"ADD\",\"items\":[\"380972000000\",\"380979999999\"]}"));
        assertEquals(1, again.get("data").get("added").asInt());
        assertEquals(1, again.get("data").get("skipped").asInt());
        refused(413, "Too many elements in items", post("/api/lists",
                "{\"list\":\"BLOCKED_PHONES\",\"operation\":\"ADD\",\"items\":[" + items + ",\"380971234567\"]}"));
        assertEquals(101, ok(post("/api/lists", "{\"list\":\"BLOCKED_FOR_AUTODIAL_PHONES\",\"operation\":\"GET\"}")).get("data").size());

        JsonNode removed = ok(post("/api/lists", "{\"list\":\"BLOCKED_FOR_AUTODIAL_PHONES\",\"operation\":\"REMOVE\",\"items\":[\"380979999999\",\"380970000001\"]}"));
        assertEquals(1, removed.get("data").get("removed").asInt());
        assertEquals(1, removed.get("data").get("skipped").asInt());
    }

    @Test
    void aWrongNumberRefusesTheWholeListRequest() {
        HttpResponse<String> response = post("/api/lists", "{\"list\":\"BLOCKED_PHONES\",\"operation\":\"ADD\",\"items\":[\"380971111111\",\"12\"]}");
        refused(400, "Wrong numbers", response);
        assertEquals("[\"12\"]", TestApi.json(response).get("data").toString());
        assertEquals(0, ok(post("/api/lists", "{\"list\":\"BLOCKED_PHONES\",\"operation\":\"GET\"}")).get("data").size());
        refused(400, "list is null", post("/api/lists", "{\"operation\":\"GET\"}"));
        refused(400, "Wrong list", post("/api/lists", "{\"list\":\"WHITE\",\"operation\":\"GET\"}"));
        refused(400, "operation is null", post("/api/lists", "{\"list\":\"BLOCKED_PHONES\"}"));
        refused(400, "Wrong operation", post("/api/lists", "{\"list\":\"BLOCKED_PHONES\",\"operation\":\"CLEAR\"}"));
        refused(400, "items is null", post("/api/lists", "{\"list\":\"BLOCKED_PHONES\",\"operation\":\"ADD\"}"));
        HttpResponse<String> malformed = post("/api/lists", "{");
        assertEquals(400, malformed.statusCode());
        assertTrue(TestApi.json(malformed).get("message").asText().startsWith("Malformed JSON: "), malformed.body());
    }

    // ---- operators

    @Test
    void linesGroupsAndStatuses() {
        ok(post("/api/phones/inner/action", "{\"action\":\"ADD\",\"phone\":{\"number\":\"4030\",\"password\":\"s3cret-pass\",\"firstName\":\"Alexander\",\"lastName\":\"Maksimov\"}}"));
        refused(409, "Number already present", post("/api/phones/inner/action", "{\"action\":\"ADD\",\"phone\":{\"number\":\"4030\",\"password\":\"s3cret-pass\"}}"));
        refused(400, "Wrong password", post("/api/phones/inner/action", "{\"action\":\"ADD\",\"phone\":{\"number\":\"4031\",\"password\":\"x\"}}"));
        assertEquals("offline", ok(post("/api/phones/inner", "")).get("data").get("4030").asText());
        assertTrue(!ok(post("/api/phones/inner/action", "{\"action\":\"GET_LIST\"}")).toString().contains("s3cret"));

        long sales = ok(post("/api/groups/action", "{\"action\":\"ADD\",\"group\":{\"name\":\"Sales department\"}}")).get("data").asLong();
        long gsm = ok(post("/api/groups/action", "{\"action\":\"ADD\",\"group\":{\"name\":\"GSM lines\",\"type\":\"GSM\"}}")).get("data").asLong();
        ok(post("/api/groups/action", "{\"action\":\"ADD_NUMBER\",\"groupId\":" + sales + ",\"number\":\"4030\"}"));
        refused(400, "Wrong group type", post("/api/groups/action", "{\"action\":\"ADD_NUMBER\",\"groupId\":" + gsm + ",\"number\":\"4030\"}"));
        refused(404, "Operator not found: 5555", post("/api/groups/action", "{\"action\":\"ADD_NUMBER\",\"groupId\":" + sales + ",\"number\":\"5555\"}"));
        refused(404, "Group not found", post("/api/groups/action", "{\"action\":\"GET\",\"groupId\":987654}"));

        JsonNode group = ok(post("/api/groups/action", "{\"action\":\"GET\",\"groupId\":" + sales + "}")).get("data").get(0);
        assertEquals("{\"id\":" + sales + ",\"name\":\"Sales department\",\"type\":\"INNER_PHONES\",\"phones\":"
                + "[{\"number\":\"4030\",\"firstName\":\"Alexander\",\"lastName\":\"Maksimov\"}],\"alwaysConnected\":false}",
                group.toString());
        ok(post("/api/groups/action", "{\"action\":\"REMOVE_NUMBER\",\"groupId\":" + sales + ",\"number\":\"4030\"}"));
        assertEquals(0, ok(post("/api/groups/action", "{\"action\":\"GET\",\"groupId\":" + sales + "}")).get("data").get(0).get("phones").size());
        assertEquals("Alexander Maksimov", ok(post("/api/dictionary?type=INNER_PHONE", "")).get("data").get("4030").asText());
        assertEquals("Sales department", ok(post("/api/dictionary?type=PHONE_GROUP", "")).get("data").get(Long.toString(sales)).asText());
    }

    @Test
    void aGroupIsAlwaysConnectedOnlyWhenSaidSoWithABoolean() {
        long standing = ok(post("/api/groups/action", "{\"action\":\"ADD\",\"group\":{\"name\":\"Standing desk\","
                + "\"alwaysConnected\":true}}")).get("data").asLong();
        assertTrue(group(standing).get("alwaysConnected").asBoolean(), "ADD stored alwaysConnected");

        refused(400, "Wrong value for 'group.alwaysConnected': expected true or false", post("/api/groups/action",
                "{\"action\":\"UPDATE\",\"group\":{\"id\":" + standing + ",\"name\":\"Renamed\",\"alwaysConnected\":\"no\"}}"));
        refused(400, "Wrong value for 'group.alwaysConnected': expected true or false", post("/api/groups/action",
                "{\"action\":\"UPDATE\",\"group\":{\"id\":" + standing + ",\"name\":\"Renamed\",\"alwaysConnected\":0}}"));
        refused(400, "Wrong value for 'group.alwaysConnected': expected true or false", post("/api/groups/action",
                "{\"action\":\"ADD\",\"group\":{\"name\":\"Never made\",\"alwaysConnected\":\"true\"}}"));
        refused(400, "Wrong group type", post("/api/groups/action",
                "{\"action\":\"ADD\",\"group\":{\"name\":\"GSM standing\",\"type\":\"GSM\",\"alwaysConnected\":true}}"));
        JsonNode unchanged = group(standing);
        assertEquals("Standing desk", unchanged.get("name").asText(), "a refused UPDATE renamed nothing");
        assertTrue(unchanged.get("alwaysConnected").asBoolean(), "and changed nothing");
        assertTrue(!ok(post("/api/dictionary?type=PHONE_GROUP", "")).get("data").toString().contains("Never made"));

        ok(post("/api/groups/action", "{\"action\":\"UPDATE\",\"group\":{\"id\":" + standing + ",\"name\":\"Standing desk\"}}"));
        assertTrue(group(standing).get("alwaysConnected").asBoolean(), "an UPDATE without the field keeps it");
        ok(post("/api/groups/action", "{\"action\":\"UPDATE\",\"group\":{\"id\":" + standing
                + ",\"name\":\"Standing desk\",\"alwaysConnected\":false}}"));
        assertTrue(!group(standing).get("alwaysConnected").asBoolean(), "UPDATE turned it off");
        ok(post("/api/groups/action", "{\"action\":\"REMOVE\",\"groupId\":" + standing + "}"));
    }

    private JsonNode group(long id) {
        return ok(post("/api/groups/action", "{\"action\":\"GET\",\"groupId\":" + id + "}")).get("data").get(0);
    }

    // ---- the other entities

    @Test
    void scenariosEventHandlersRobotsAndProfilesHaveTheirActions() {
        long group = ok(post("/api/groups/action", "{\"action\":\"ADD\",\"group\":{\"name\":\"Scenario group\"}}")).get("data").asLong();
        long in = ok(post("/api/scenarios/action", "{\"action\":\"ADD\",\"scenario\":{\"name\":\"To sales\",\"action\":\"TRANSFER_TO_GROUP\",\"groupId\":" + group + "}}")).get("data").asLong();
        refused(404, "In scenario not found", post("/api/scenarios/action", "{\"action\":\"REMOVE\",\"id\":999999}"));
        refused(409, "Group is used by incoming scenario", post("/api/groups/action", "{\"action\":\"REMOVE\",\"groupId\":" + group + "}"));
        long out = ok(post("/api/outScenarios/action", "{\"action\":\"ADD\",\"scenario\":{\"name\":\"From a fixed number\",\"trunk\":\"main\",\"callerId\":\"+44 20 7946 0001\"}}")).get("data").asLong();
        refused(400, "Trunk not found", post("/api/outScenarios/action", "{\"action\":\"ADD\",\"scenario\":{\"name\":\"x\",\"trunk\":\"other\"}}"));
        assertEquals("442079460001", ok(post("/api/outScenarios/action", "{\"action\":\"GET_LIST\"}")).get("data").get(0).get("callerId").asText());

        long hook = ok(post("/api/triggerActions/action", "{\"action\":\"ADD\",\"triggerAction\":{\"name\":\"CRM webhook\",\"type\":\"WEBHOOK\","
                + "\"url\":\"https://crm.example.com/hook\",\"method\":\"POST\",\"headers\":{\"X-Token\":\"t\"},\"bodyType\":\"STANDARD_JSON\"}}")).get("data").asLong();
        refused(400, "Wrong url", post("/api/triggerActions/action", "{\"action\":\"ADD\",\"triggerAction\":{\"name\":\"bad\",\"type\":\"WEBHOOK\",\"url\":\"ftp://x\",\"method\":\"GET\"}}"));
        refused(400, "Wrong value for 'triggerAction.type': expected one of WEBHOOK, TELEGRAM, BLOCK_NUMBER, was 'SMS'",
                post("/api/triggerActions/action", "{\"action\":\"ADD\",\"triggerAction\":{\"name\":\"bad\",\"type\":\"SMS\"}}"));

        String script = "{\"nodes\":[{\"id\":1,\"type\":\"END\",\"endNodeType\":\"END_SUCCESS\"}]}";
        long robot = ok(post("/api/voiceRobots/action", "{\"action\":\"ADD\",\"robot\":{\"name\":\"Survey\",\"script\":" + script + "}}")).get("data").asLong();
        assertEquals(script, ok(post("/api/voiceRobots/action", "{\"action\":\"GET_LIST\"}")).get("data").get(0).get("script").toString());
        refused(400, "Wrong script: node 1: type is null",
                post("/api/voiceRobots/action", "{\"action\":\"ADD\",\"robot\":{\"name\":\"Bad\",\"script\":{\"nodes\":[{\"id\":1}]}}}"));
        refused(400, "Wrong script: node 1: groupId 999999: Group not found",
                post("/api/voiceRobots/action", "{\"action\":\"ADD\",\"robot\":{\"name\":\"Bad\",\"script\":{\"nodes\":[{\"id\":1,\"type\":\"TRANSFER\",\"groupId\":999999}]}}}"));
        refused(400, "Wrong script: an object with a nodes array is expected",
                post("/api/voiceRobots/action", "{\"action\":\"ADD\",\"robot\":{\"name\":\"Bad\",\"script\":[]}}"));

        long profile = ttsProfile("Pretty woman voice");
        ok(post("/api/ttsProfiles/action", "{\"action\":\"UPDATE\",\"profile\":{\"id\":" + profile + ",\"name\":\"Pretty woman voice\",\"voice\":\"en+f3\"}}"));
        refused(400, "Speed range is 80-450", post("/api/ttsProfiles/action", "{\"action\":\"ADD\",\"profile\":{\"name\":\"fast\",\"voice\":\"en\",\"speed\":1000}}"));

        assertEquals("To sales", ok(post("/api/dictionary?type=IN_SCENARIO", "")).get("data").get(Long.toString(in)).asText());
        assertEquals("From a fixed number", ok(post("/api/dictionary?type=OUT_SCENARIO", "")).get("data").get(Long.toString(out)).asText());
        assertEquals("CRM webhook", ok(post("/api/dictionary?type=TRIGGER_ACTION", "")).get("data").get(Long.toString(hook)).asText());
        assertEquals("Survey", ok(post("/api/dictionary?type=VOICE_ROBOT", "")).get("data").get(Long.toString(robot)).asText());
        assertEquals("Pretty woman voice", ok(post("/api/dictionary?type=TTS_PROFILE", "")).get("data").get(Long.toString(profile)).asText());

        ok(post("/api/scenarios/action", "{\"action\":\"REMOVE\",\"id\":" + in + "}"));
        ok(post("/api/groups/action", "{\"action\":\"REMOVE\",\"groupId\":" + group + "}"));
    }

    @Test
    void requestConventions() {
        refused(400, "action is null", post("/api/ttsProfiles/action", "{}"));
        refused(400, "Wrong action", post("/api/ttsProfiles/action", "{\"action\":\"DROP\"}"));
        refused(400, "profile is null", post("/api/ttsProfiles/action", "{\"action\":\"ADD\"}"));
        refused(400, "id is null", post("/api/voiceRobots/action", "{\"action\":\"REMOVE\"}"));
        refused(400, "type is null", post("/api/dictionary", ""));
        refused(400, "Wrong type", post("/api/dictionary?type=IVR", ""));
        assertEquals(401, api.postJson("/api/lists", null, "{\"list\":\"BLOCKED_PHONES\",\"operation\":\"GET\"}").statusCode());
    }
}
