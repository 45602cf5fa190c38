package org.outdial.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.outdial.api.OutdialServer;
import org.outdial.api.TestApi;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;

/**
 * Every integer field of every JSON route refuses what JSON allows but an integer is not: a
 * fraction ({@code {"action":"PAUSE","id":1.9}} once paused autodialer 1), a boolean, and a
 * number beyond the field's type. Each is a 400 that names the field, and nothing changes.
 */
class IntegerFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTODIAL = "/api/autodial/action";

    private static OutdialServer server;
    private static TestApi api;
    private static String key;
    /** An autodialer with one number, a speech profile and a group: what a truncated id would hit. */
    private static long autodialer;
    private static long profile;
    private static long group;

    /** One integer field: where it is sent, the request around it, and whether it is a long. */
    record Field(String route, String body, String path, boolean isLong) {
        @Override
        public String toString() {
            return route + " " + path;
        }
    }

    @BeforeAll
    static void start() {
        server = OutdialServer.start(TestApi.config(1 << 20, RateLimitSettings.unlimited()), InstantSource.system(),
                List.of());
        api = new TestApi(server.port());
        key = new ApiKeys(server.database().dataSource()).create("integers", Instant.now()).secret();
        autodialer = ok(AUTODIAL, "{\"action\":\"ADD\",\"task\":" + task("5") + "}").path("data").asLong();
        ok(AUTODIAL, "{\"action\":\"ADD_NUMBERS\",\"id\":" + autodialer + ",\"numbers\":[\"380671234567\"]}");
        profile = ok("/api/ttsProfiles/action", "{\"action\":\"ADD\",\"profile\":{\"name\":\"voice\",\"voice\":\"en\"}}")
                .path("data").asLong();
        group = ok("/api/groups/action", "{\"action\":\"ADD\",\"group\":{\"name\":\"Sales\"}}").path("data").asLong();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A valid AUTODIAL/FIXED task whose threadCount is {@code threads}. */
    private static String task(String threads) {
        return "{\"name\":\"Integers\",\"autodialerType\":\"AUTODIAL\",\"autodialerMode\":\"FIXED\",\"threadCount\":"
                + threads + ",\"startDate\":\"2026-01-01\",\"endDate\":\"2027-12-31\","
                + "\"timeFrom\":[\"09:00\",\"09:00\",\"09:00\",\"09:00\",\"09:00\",\"09:00\",\"09:00\"],"
                + "\"timeTo\":[\"19:00\",\"19:00\",\"19:00\",\"19:00\",\"19:00\",\"19:00\",\"19:00\"],"
                + "\"compositeAudio\":{\"multiAudios\":[{\"silenceMillis\":500}]},\"crmMode\":\"DONT_SEND\","
                + "\"clientCalledMode\":\"NEVER\"}";
    }

    /**
     * The table: each body has {@code $} where the field's value goes. The valid value a fraction
     * is made from is the fixture's own id, so truncating it would act on a real autodialer.
     */
    static List<Field> fields() {
        String id = "$";
        List<Field> fields = new ArrayList<>();
        for (String action : List.of("REMOVE", "CANCEL", "PAUSE", "UNPAUSE", "REMOVE_ALL_NUMBERS", "GET_NUMBERS")) {
            fields.add(new Field(AUTODIAL, "{\"action\":\"" + action + "\",\"id\":" + id + "}", "id", true));
        }
        fields.add(new Field(AUTODIAL, "{\"action\":\"REFRESH\",\"id\":$,\"callStates\":[\"NEW\"]}", "id", true));
        fields.add(new Field(AUTODIAL, "{\"action\":\"GET_NUMBER\",\"id\":$,\"number\":\"380671234567\"}", "id", true));
        fields.add(new Field(AUTODIAL, "{\"action\":\"ADD_NUMBERS\",\"id\":$,\"numbers\":[\"380671234568\"]}", "id", true));
        fields.add(new Field(AUTODIAL, "{\"action\":\"REMOVE_NUMBERS\",\"id\":$,\"numbers\":[\"380671234567\"]}", "id", true));
        fields.add(new Field(AUTODIAL, "{\"action\":\"GET_NUMBERS\",\"id\":@,\"limit\":$}", "limit", false));
        fields.add(new Field(AUTODIAL, "{\"action\":\"GET_NUMBERS\",\"id\":@,\"offset\":$}", "offset", true));
        fields.add(new Field(AUTODIAL, "{\"action\":\"GET_CALLS_HISTORY\",\"id\":$,\"callHistoryRequest\":{}}", "id", true));
        for (String paging : List.of("limit", "offset")) {
            fields.add(new Field(AUTODIAL, "{\"action\":\"GET_CALLS_HISTORY\",\"id\":@,\"callHistoryRequest\":{\""
                    + paging + "\":$}}", "callHistoryRequest." + paging, false));
        }
        fields.add(new Field(AUTODIAL, "{\"action\":\"GET_CALLS_HISTORY\",\"id\":@,\"callHistoryRequest\":{\"maxId\":$}}",
                "callHistoryRequest.maxId", true));
        fields.add(new Field(AUTODIAL, "{\"action\":\"ADD\",\"task\":" + task("$") + "}", "task.threadCount", false));
        for (String seconds : List.of("delay", "callDelay")) {
            fields.add(new Field(AUTODIAL, "{\"action\":\"ADD\",\"task\":" + task("5").replace("{\"name\"",
                    "{\"" + seconds + "\":$,\"name\"") + "}", "task." + seconds, false));
        }
        fields.add(new Field(AUTODIAL, "{\"action\":\"ADD\",\"task\":" + task("5").replace("\"silenceMillis\":500",
                "\"silenceMillis\":$") + "}", "task.compositeAudio.multiAudios[0].silenceMillis", false));
        fields.add(new Field(AUTODIAL, "{\"action\":\"ADD\",\"task\":" + task("5").replace("{\"name\"",
                "{\"triggerActions\":{\"AUTODIAL_FINISH\":[$]},\"name\"") + "}", "task.triggerActions.AUTODIAL_FINISH[0]", true));
        fields.add(new Field(AUTODIAL, "{\"action\":\"ADD\",\"task\":" + task("5").replace("{\"name\"",
                "{\"repeatCallsSettings\":{\"statesSettings\":{\"NOANSWER\":{\"attempts\":$}}},\"name\"") + "}",
                "task.repeatCallsSettings.statesSettings.NOANSWER.attempts", false));
        fields.add(new Field(AUTODIAL, "{\"action\":\"UPDATE\",\"task\":" + task("5").replace("{\"name\"", "{\"id\":$,\"name\"")
                .replace("\"threadCount\":5", "\"threadCount\":7") + "}", "task.id", true));
        for (String route : List.of("/api/audio/action", "/api/ttsProfiles/action", "/api/triggerActions/action",
                "/api/scenarios/action", "/api/outScenarios/action", "/api/voiceRobots/action")) {
            fields.add(new Field(route, "{\"action\":\"REMOVE\",\"id\":$}", "id", true));
        }
        fields.add(new Field("/api/audio/tts", "{\"data\":[{\"name\":\"n\",\"type\":\"API\",\"tts\":{\"text\":\"hi\","
                + "\"settingsId\":$}}]}", "data[0].tts.settingsId", true));
        for (String field : List.of("speed", "pitch")) {
            fields.add(new Field("/api/ttsProfiles/action", "{\"action\":\"ADD\",\"profile\":{\"name\":\"p\",\"voice\":\"en\",\""
                    + field + "\":$}}", "profile." + field, false));
        }
        fields.add(new Field("/api/ttsProfiles/action", "{\"action\":\"UPDATE\",\"profile\":{\"id\":$,\"name\":\"renamed\","
                + "\"voice\":\"en\"}}", "profile.id", true));
        fields.add(new Field("/api/triggerActions/action", "{\"action\":\"UPDATE\",\"triggerAction\":{\"id\":$,\"name\":\"h\","
                + "\"type\":\"WEBHOOK\",\"url\":\"http://127.0.0.1/h\",\"method\":\"GET\"}}", "triggerAction.id", true));
        fields.add(new Field("/api/scenarios/action", "{\"action\":\"ADD\",\"scenario\":{\"name\":\"s\","
                + "\"action\":\"TRANSFER_TO_GROUP\",\"groupId\":$}}", "scenario.groupId", true));
        fields.add(new Field("/api/scenarios/action", "{\"action\":\"UPDATE\",\"scenario\":{\"id\":$,\"name\":\"s\","
                + "\"action\":\"HANGUP\"}}", "scenario.id", true));
        fields.add(new Field("/api/outScenarios/action", "{\"action\":\"UPDATE\",\"scenario\":{\"id\":$,\"name\":\"o\"}}",
                "scenario.id", true));
        fields.add(new Field("/api/voiceRobots/action", "{\"action\":\"UPDATE\",\"robot\":{\"id\":$,\"name\":\"r\","
                + "\"script\":{}}}", "robot.id", true));
        for (String action : List.of("GET", "REMOVE")) {
            fields.add(new Field("/api/groups/action", "{\"action\":\"" + action + "\",\"groupId\":$}", "groupId", true));
        }
        fields.add(new Field("/api/groups/action", "{\"action\":\"ADD_NUMBER\",\"groupId\":$,\"number\":\"4030\"}",
                "groupId", true));
        fields.add(new Field("/api/groups/action", "{\"action\":\"UPDATE\",\"group\":{\"id\":$,\"name\":\"Renamed\"}}",
                "group.id", true));
        return fields;
    }

    /** Each field with a fraction of a real id (or 5), a boolean, and the first number past its type. */
    static Stream<Arguments> refusals() {
        return fields().stream().flatMap(f -> {
            long base = f.route().equals("/api/ttsProfiles/action") && f.path().equals("profile.id") ? profile
                    : f.route().equals("/api/groups/action") ? group
                    : f.path().equals("id") || f.path().equals("task.id") ? autodialer : 5;
            String beyond = f.isLong() ? "9223372036854775808" : "2147483648";
            return Stream.of(Arguments.of(f, base + ".9", "expected a whole number, was " + base + ".9"),
                    Arguments.of(f, "true", "expected a whole number, was true"),
                    Arguments.of(f, beyond, "expected a whole number in "
                            + (f.isLong() ? Long.MIN_VALUE + ".." + Long.MAX_VALUE : Integer.MIN_VALUE + ".." + Integer.MAX_VALUE)
                            + ", was " + beyond));
        });
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("refusals")
    void anIntegerFieldRefusesAFractionABooleanOrANumberBeyondItsTypeAndChangesNothing(Field field, String value,
                                                                                        String expected) {
        String before = state();

        HttpResponse<String> response = api.postJson(field.route(), key,
                field.body().replace("@", Long.toString(autodialer)).replace("$", value));

        assertEquals(400, response.statusCode(), response.body());
        JsonNode body = TestApi.json(response);
        assertEquals("Error", body.path("status").asText());
        assertEquals("Wrong value for '" + field.path() + "': " + expected, body.path("message").asText());
        assertEquals(before, state(), "a refused request changes nothing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void theTableReachesEveryFieldThroughItsRoute(Field field) {
        // Guards the table itself: with the value a string, each request fails on that field by name.
        HttpResponse<String> response = api.postJson(field.route(), key,
                field.body().replace("@", Long.toString(autodialer)).replace("$", "\"many\""));

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(TestApi.json(response).path("message").asText().startsWith("Wrong value for '" + field.path() + "'"),
                response.body());
    }

    /** What any of the routes could change: autodialers, numbers, history and the catalog. */
    private static String state() {
        List<String> reads = new ArrayList<>();
        JsonNode tasks = ok(AUTODIAL, "{\"action\":\"GET_LIST\"}");
        for (JsonNode task : tasks) {
            ((ObjectNode) task.path("taskStatusInfo")).remove("durationMillis"); // the clock moves on
        }
        reads.add(tasks.toString());
        reads.add(ok(AUTODIAL, "{\"action\":\"GET_NUMBERS\",\"id\":" + autodialer + "}").toString());
        for (String route : List.of("/api/audio/action", "/api/ttsProfiles/action", "/api/triggerActions/action",
                "/api/scenarios/action", "/api/outScenarios/action", "/api/voiceRobots/action")) {
            reads.add(ok(route, "{\"action\":\"GET_LIST\"}").toString());
        }
        reads.add(ok("/api/groups/action", "{\"action\":\"GET\"}").toString());
        return String.join("\n", reads);
    }

    private static JsonNode ok(String route, String body) {
        HttpResponse<String> response = api.postJson(route, key, body);
        assertEquals(200, response.statusCode(), response.body());
        return TestApi.json(response);
    }
}
