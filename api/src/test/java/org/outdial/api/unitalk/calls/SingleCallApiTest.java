package org.outdial.api.unitalk.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.outdial.api.OutdialServer;
import org.outdial.api.TestApi;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.api.config.OutdialConfig;
import org.outdial.sip.trunk.TrunkSettings;

/**
 * Seed 004's /calls/originateNew, /calls/hangup, /phones/directCall and /history/get over real
 * HTTP, against a server whose one trunk is a real UDP peer that rings and never answers
 * ({@link RingingTrunk}): every listed error and parameter rule, and calls that stay in flight
 * until they are hung up.
 * Calls with a callee that answers, and an operator line, are in testbed's SingleCallsAgainstSippTest.
 */
class SingleCallApiTest {

    /** The trunk's max-calls: the fourth call at once finds it full. */
    private static final int TRUNK_LINES = 3;

    private static OutdialServer server;
    private static TestApi api;
    private static String key;
    private static RingingTrunk trunk;
    private static long apiAudio;
    private static long autodialAudio;
    private static long profile;

    @BeforeAll
    static void start() throws Exception {
        trunk = RingingTrunk.start();
        Path audioDir = Files.createTempDirectory("outdial-single-calls");
        OutdialConfig base = TestApi.config(64 << 20, RateLimitSettings.unlimited());
        int rtp = 30_000 + 2 * ThreadLocalRandom.current().nextInt(0, 10_000);
        OutdialConfig config = new OutdialConfig(base.http(), base.storage(),
                new OutdialConfig.Sip("127.0.0.1", freeUdpPort(), rtp + "-" + (rtp + 99)),
                List.of(new TrunkSettings("main", "127.0.0.1", trunk.port(), "udp", null, null,
                        "442079460000", null, TRUNK_LINES, 100)),
                base.api(), new OutdialConfig.Dialer(Duration.ofSeconds(60), Duration.ofSeconds(20),
                Duration.ofSeconds(60)), new OutdialConfig.Audio(audioDir.toString()));
        server = OutdialServer.start(config, InstantSource.system(), List.of());
        api = new TestApi(server.port());
        key = new ApiKeys(server.database().dataSource()).create("single calls", Instant.now()).secret();
        apiAudio = Long.parseLong(ok(upload("api greeting", "API")).get("message").asText());
        autodialAudio = Long.parseLong(ok(upload("autodial greeting", "AUTODIAL")).get("message").asText());
        profile = ok(post("/api/ttsProfiles/action", "{\"action\":\"ADD\",\"profile\":{\"name\":\"voice\","
                + "\"voice\":\"en-us\",\"speed\":170,\"pitch\":50}}")).get("data").asLong();
        ok(post("/api/phones/inner/action", "{\"action\":\"ADD\",\"phone\":{\"number\":\"4031\","
                + "\"password\":\"s3cret-pass\"}}"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        trunk.close();
    }

    // ---- /calls/originateNew

    @Test
    void originateNewRefusesEveryWrongParameterWithTheSeedsMessage() {
        String audio = "\"audios\":[{\"id\":" + apiAudio + "}]";
        refused(400, "Wrong phone", originate("{" + audio + "}"));
        refused(400, "Wrong phone", originate("{\"phone\":\"12\"," + audio + "}"));
        refused(400, "Wrong phone", originate("{\"phone\":\"not a number\"," + audio + "}"));
        refused(400, "Wrong value for 'phone': expected a string", originate("{\"phone\":true," + audio + "}"));
        refused(400, "Meta info is too big", originate("{\"phone\":\"380503332211\",\"meta\":\"" + "m".repeat(1001)
                + "\"," + audio + "}"));
        refused(400, "No audio and IVR", originate("{\"phone\":\"380503332211\"}"));
        refused(400, "No audio and IVR", originate("{\"phone\":\"380503332211\",\"audios\":[]}"));
        refused(400, SingleCallRoutes.IVR_NOT_SUPPORTED, originate("{\"phone\":\"380503332211\",\"ivrId\":211}"));
        refused(400, SingleCallRoutes.SECRETARY_NOT_SUPPORTED,
                originate("{\"phone\":\"380503332211\",\"voiceSecretaryId\":321}"));
        refused(400, "Wrong value for 'ivrId': expected a whole number, was 1.5",
                originate("{\"phone\":\"380503332211\",\"ivrId\":1.5}"));
        refused(404, "Outer line not found", originate("{\"phone\":\"380503332211\",\"outerLine\":\"nope\"," + audio + "}"));
    }

    @Test
    void originateNewRefusesEveryWrongAudioWithTheSeedsMessage() {
        String id = "{\"id\":" + apiAudio + "}";
        String tts = "{\"tts\":{\"text\":\"hello\",\"settingsId\":" + profile + "}}";
        refusedAudios("Too many audios", String.join(",", id, id, id, id, id, id));
        refusedAudios("Too many text to speech", String.join(",", tts, tts, tts));
        refusedAudios("Audio is null", "null");
        refusedAudios("Audio is empty", "{}");
        refusedAudios("Audio is empty", "{\"id\":null,\"tts\":null}");
        refusedAudios("Audio not found by id", "{\"id\":999999}");
        refusedAudios("Wrong type of audio", "{\"id\":" + autodialAudio + "}");
        refusedAudios("Text to speech \u2018text\u2019 and \u2018ssml\u2019 is null",
                "{\"tts\":{\"settingsId\":" + profile + "}}");
        refusedAudios("Text to speech \u2018text\u2019 not valid",
                "{\"tts\":{\"text\":\"" + "t".repeat(4961) + "\",\"settingsId\":" + profile + "}}");
        refusedAudios("Text to speech \u2018ssml\u2019 not valid",
                "{\"tts\":{\"ssml\":\"no speak tag\",\"settingsId\":" + profile + "}}");
        refusedAudios("Text to speech \u2018ssml\u2019 not valid", "{\"tts\":{\"ssml\":\"<speak>" + "s".repeat(4990)
                + "</speak>\",\"settingsId\":" + profile + "}}");
        refusedAudios("Text to speech \u2018settingsId\u2019 is null", "{\"tts\":{\"text\":\"hello\"}}");
        refusedAudios("Text to speech settings not found by id", "{\"tts\":{\"text\":\"hello\",\"settingsId\":999999}}");
        assertTrue(noCallTo("380503332211"), "no refused request placed a call");
    }

    @Test
    void aPlacedCallAnswersItsIdRefusesASecondCallToTheSameNumberAndHangsUpByIdIntoTheHistory() {
        LocalDateTime before = LocalDateTime.now().minusMinutes(1);
        JsonNode placed = ok(originate("{\"phone\":\"380501110001\",\"meta\":\"crm-42\",\"audios\":[{\"id\":" + apiAudio
                + "},{\"tts\":{\"text\":\"your order is ready\",\"settingsId\":" + profile + "}}]}"));
        long id = placed.get("data").get("id").asLong();
        assertTrue(id > 0 && id < (1L << 53), "a positive id a JavaScript client reads exactly: " + id);

        refused(409, "Call already in progress", originate("{\"phone\":\"+380 50 111 0001\",\"audios\":[{\"id\":"
                + apiAudio + "}]}"));
        assertEquals("Found: 0", ok(post("/api/calls/hangup", "{\"id\":12345}")).get("message").asText());
        assertEquals("Found: 1", ok(post("/api/calls/hangup", "{\"id\":" + id + ",\"number\":null}")).get("message").asText());

        JsonNode call = awaitHistoryCall(before, id);
        assertEquals("API", call.get("source").asText());
        assertEquals("OUT", call.get("direction").asText());
        assertEquals(List.of("380501110001"), texts(call.get("to")));
        assertEquals("crm-42", call.get("comment").asText());
        assertEquals("main", call.get("trunk").asText());
        assertEquals("outdial", call.get("hangupBy").asText(), "hung up through the API: " + call);
        assertTrue(call.get("autodialerId").isNull());
        assertEquals(0, call.get("secondsTalk").asInt());
        // After its record, the number may be called again.
        long again = ok(originate("{\"phone\":\"380501110001\",\"audios\":[{\"id\":" + apiAudio + "}]}"))
                .get("data").get("id").asLong();
        assertEquals("Found: 1", ok(post("/api/calls/hangup", "{\"number\":\"380501110001\"}")).get("message").asText());
        awaitHistoryCall(before, again);
    }

    @Test
    void singleCallsShareTheTrunksMaxCallsWithTheDialerAndTheFourthIsRefused() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < TRUNK_LINES; i++) {
            ids.add(ok(originate("{\"phone\":\"38050222000" + i + "\",\"audios\":[{\"id\":" + apiAudio + "}]}"))
                    .get("data").get("id").asLong());
        }
        refused(409, "Limit of Simultaneously calls has reached",
                originate("{\"phone\":\"380502229999\",\"audios\":[{\"id\":" + apiAudio + "}]}"));
        for (long id : ids) {
            assertEquals("Found: 1", ok(post("/api/calls/hangup", "{\"id\":" + id + "}")).get("message").asText());
        }
        LocalDateTime since = LocalDateTime.now().minusMinutes(1);
        ids.forEach(id -> awaitHistoryCall(since, id));
        long freed = ok(originate("{\"phone\":\"380502229999\",\"audios\":[{\"id\":" + apiAudio + "}]}"))
                .get("data").get("id").asLong();
        assertEquals("Found: 1", ok(post("/api/calls/hangup", "{\"id\":" + freed + "}")).get("message").asText());
        awaitHistoryCall(since, freed);
    }

    // ---- /calls/hangup

    @Test
    void hangupWithoutIdOrNumberIsAnEmptyRequest() {
        refused(400, "Empty request", post("/api/calls/hangup", "{}"));
        refused(400, "Empty request", post("/api/calls/hangup", "{\"id\":null,\"number\":null}"));
        refused(400, "Empty request", post("/api/calls/hangup", "{\"number\":\" \"}"));
        refused(400, "Wrong value for 'id': expected a whole number, was 1.5",
                post("/api/calls/hangup", "{\"id\":1.5}"));
        assertEquals("Found: 0", ok(post("/api/calls/hangup", "{\"number\":\"380999999999\"}")).get("message").asText());
    }

    // ---- /phones/directCall

    @Test
    void directCallRefusesAnUnknownLineAWrongPhoneTooMuchMetaAndALineThatIsOffline() {
        refused(404, "Sip not found", direct("number=380503332211"));
        refused(404, "Sip not found", direct("sip=9999&number=380503332211"));
        refused(400, "Wrong phone", direct("sip=4031&number=12"));
        refused(400, "Wrong phone", direct("sip=4031"));
        refused(400, "Meta info is too big", direct("sip=4031&number=380503332211&meta=" + "m".repeat(1001)));
        // Line 4031 exists but no phone registered it: "specified line is offline or busy".
        refused(409, "Sip not ready", direct("sip=4031&number=380503332211"));
        // URL parameters instead of a body, as the seed allows.
        refused(409, "Sip not ready", api.post("/api/phones/directCall?sip=4031&number=380503332211", key,
                "application/x-www-form-urlencoded", ""));
        assertTrue(noCallTo("380503332211"), "a refused directCall holds no trunk line");
    }

    // ---- /history/get

    @Test
    void historyGetRefusesMissingOrWrongDatesAndLimitsWithTheSeedsMessages() {
        refused(400, "Wrong FROM date", history("{\"dateTo\":\"2026-01-01 00:00:00\",\"limit\":10}"));
        refused(400, "Wrong FROM date", history("{\"dateFrom\":\"2026-01-01\",\"dateTo\":\"2026-01-01 00:00:00\",\"limit\":10}"));
        refused(400, "Wrong FROM date", history("{\"dateFrom\":\"2026-02-30 00:00:00\",\"dateTo\":\"2026-03-01 00:00:00\",\"limit\":10}"));
        refused(400, "Wrong FROM date", history("{\"dateFrom\":20260101,\"dateTo\":\"2026-03-01 00:00:00\",\"limit\":10}"));
        refused(400, "Wrong TO date", history("{\"dateFrom\":\"2026-01-01 00:00:00\",\"limit\":10}"));
        refused(400, "Wrong TO date", history("{\"dateFrom\":\"2026-01-01 00:00:00\",\"dateTo\":\"tomorrow\",\"limit\":10}"));
        String period = "\"dateFrom\":\"2026-01-01 00:00:00\",\"dateTo\":\"2027-01-01 00:00:00\"";
        for (String limit : List.of("", ",\"limit\":null", ",\"limit\":0", ",\"limit\":1001", ",\"limit\":1.5",
                ",\"limit\":true", ",\"limit\":\"10\"", ",\"limit\":-1")) {
            refused(400, "Limit range is 1-1000", history("{" + period + limit + "}"));
        }
        refused(400, "Offset is less than 0", history("{" + period + ",\"limit\":10,\"offset\":-1}"));
        refused(400, "filter.direction: Wrong direction, acceptable values are IN, OUT, INNER",
                history("{" + period + ",\"limit\":10,\"filter\":{\"direction\":\"SIDEWAYS\"}}"));
        refused(400, "filter.minDuration: Wrong minDuration, must be 0 or more seconds",
                history("{" + period + ",\"limit\":10,\"filter\":{\"minDuration\":-5}}"));
        assertEquals(200, history("{" + period + ",\"limit\":1000}").statusCode());
    }

    @Test
    void historyGetFiltersTheProjectsCalls() {
        LocalDateTime since = LocalDateTime.now().minusMinutes(1);
        long first = ok(originate("{\"phone\":\"380503330001\",\"audios\":[{\"id\":" + apiAudio + "}]}"))
                .get("data").get("id").asLong();
        ok(post("/api/calls/hangup", "{\"id\":" + first + "}"));
        awaitHistoryCall(since, first);
        long second = ok(originate("{\"phone\":\"380503330001\",\"audios\":[{\"id\":" + apiAudio + "}]}"))
                .get("data").get("id").asLong();
        ok(post("/api/calls/hangup", "{\"id\":" + second + "}"));
        awaitHistoryCall(since, second);

        String period = "\"dateFrom\":\"" + format(since) + "\",\"dateTo\":\"" + format(LocalDateTime.now().plusMinutes(5))
                + "\",\"limit\":1000";
        assertEquals(List.of(second, first), ids(history("{" + period + ",\"filter\":{\"exactPhone\":[\"380503330001\"]}}")),
                "newest first");
        assertEquals(List.of(second, first), ids(history("{" + period + ",\"filter\":{\"calledTo\":[\"50333000\"],"
                + "\"direction\":\"OUT\",\"outerNum\":[\"main\"]}}")));
        assertEquals(List.of(first), ids(history("{" + period + ",\"filter\":{\"exactPhone\":[\"380503330001\"],"
                + "\"newLead\":true}}")), "the first call to the number is the new lead");
        assertEquals(List.of(second), ids(history("{" + period + ",\"filter\":{\"exactPhone\":[\"380503330001\"],"
                + "\"newLead\":false}}")));
        for (String none : List.of("\"direction\":\"IN\"", "\"direction\":\"INNER\"", "\"answered\":true", "\"lost\":true",
                "\"voiceMessage\":true", "\"minDuration\":1", "\"outerNum\":[\"other\"]")) {
            JsonNode body = TestApi.json(history("{" + period + ",\"filter\":{\"exactPhone\":[\"380503330001\"]," + none + "}}"));
            assertEquals(0, body.get("count").asLong(), none + " matches none of the unanswered outgoing calls: " + body);
        }
        JsonNode page = TestApi.json(history("{" + period + ",\"limit\":1,\"offset\":1,\"filter\":{\"exactPhone\":[\"380503330001\"]}}"));
        assertEquals(2, page.get("count").asLong(), "count ignores paging");
        assertEquals(List.of(first), ids(page));
    }

    // ---- helpers

    private static JsonNode awaitHistoryCall(LocalDateTime since, long id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode body = TestApi.json(history("{\"dateFrom\":\"" + format(since) + "\",\"dateTo\":\""
                    + format(LocalDateTime.now().plusMinutes(5)) + "\",\"limit\":1000}"));
            for (JsonNode call : body.get("calls")) {
                if (call.get("id").asLong() == id) {
                    return call;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("call " + id + " not in /history/get within 30 s");
    }

    private static List<Long> ids(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return ids(TestApi.json(response));
    }

    private static List<Long> ids(JsonNode body) {
        List<Long> ids = new ArrayList<>();
        body.get("calls").forEach(c -> ids.add(c.get("id").asLong()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static String format(LocalDateTime t) {
        return ProjectHistoryRoutes.DATE_TIME.format(t);
    }

    private static boolean noCallTo(String phone) {
        return server.singleCalls().active().stream().noneMatch(c -> c.phone().equals(phone));
    }

    private static void refusedAudios(String reason, String audios) {
        refused(400, "audios: " + reason, originate("{\"phone\":\"380503332211\",\"audios\":[" + audios + "]}"));
    }

    private static HttpResponse<String> originate(String json) {
        return post("/api/calls/originateNew", json);
    }

    private static HttpResponse<String> direct(String form) {
        return api.post("/api/phones/directCall", key, "application/x-www-form-urlencoded", form);
    }

    private static HttpResponse<String> history(String json) {
        return post("/api/history/get", json);
    }

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

    private static int freeUdpPort() throws SocketException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static HttpResponse<String> upload(String name, String type) {
        String boundary = "----outdial" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : new String[][] {{"name", name}, {"type", type}}) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(wav());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(HttpRequest.newBuilder(api.uri("/api/audio/upload"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    /** One second of a 440 Hz tone, 8 kHz mono 16-bit PCM. */
    private static byte[] wav() {
        int samples = 8000;
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        return b.array();
    }
}
