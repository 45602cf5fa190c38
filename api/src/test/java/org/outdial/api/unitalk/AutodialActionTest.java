package org.outdial.api.unitalk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.outdial.api.OutdialServer;
import org.outdial.api.TestApi;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.engine.blocklist.BlockedList;
import org.outdial.engine.blocklist.BlockedLists;
import org.outdial.engine.history.CallHistoryRepository;
import org.outdial.engine.history.CallRecord;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.operator.GroupType;
import org.outdial.engine.operator.InnerPhone;
import org.outdial.engine.operator.Operators;
import org.outdial.testing.Await;

/** The UniTalk contract of {@code POST /api/autodial/action}, over real HTTP. */
class AutodialActionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/autodial/action";

    private static OutdialServer server;
    private static TestApi api;
    private static String key;
    private static int names;

    @BeforeAll
    static void start() {
        server = OutdialServer.start(TestApi.config(64 << 20, RateLimitSettings.unlimited()), InstantSource.system(),
                List.of());
        api = new TestApi(server.port());
        key = new ApiKeys(server.database().dataSource()).create("contract", Instant.now()).secret();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---- helpers -------------------------------------------------------------------------

    private static HttpResponse<String> call(Object body) {
        try {
            return api.postJson(PATH, key, body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode ok(Object body) {
        HttpResponse<String> response = call(body);
        assertEquals(200, response.statusCode(), response.body());
        return TestApi.json(response);
    }

    private static void error(int status, String message, Object body) {
        HttpResponse<String> response = call(body);
        assertEquals(status, response.statusCode(), response.body());
        JsonNode json = TestApi.json(response);
        assertEquals("Error", json.path("status").asText(), response.body());
        assertEquals(message, json.path("message").asText(), response.body());
    }

    /** A valid AUTODIAL/FIXED task that plays half a second of silence. */
    static ObjectNode task() {
        ObjectNode task = JSON.createObjectNode();
        task.put("name", "Campaign " + (++names));
        task.put("autodialerType", "AUTODIAL");
        task.put("autodialerMode", "FIXED");
        task.put("threadCount", 5);
        task.put("startDate", "2026-01-01");
        task.put("endDate", "2027-12-31");
        ArrayNode from = task.putArray("timeFrom");
        ArrayNode to = task.putArray("timeTo");
        for (int day = 0; day < 7; day++) {
            from.add("09:00");
            to.add("19:00");
        }
        task.putObject("compositeAudio").putArray("multiAudios").addObject().put("silenceMillis", 500);
        task.put("crmMode", "DONT_SEND");
        task.put("clientCalledMode", "NEVER");
        return task;
    }

    static ObjectNode action(String action, Long id) {
        ObjectNode body = JSON.createObjectNode().put("action", action);
        if (id != null) {
            body.put("id", id);
        }
        return body;
    }

    static ObjectNode add(ObjectNode task) {
        ObjectNode body = action("ADD", null);
        body.set("task", task);
        return body;
    }

    static long create(Consumer<ObjectNode> change) {
        ObjectNode task = task();
        change.accept(task);
        return ok(add(task)).path("data").asLong();
    }

    static JsonNode addNumbers(long id, String... numbers) {
        ObjectNode body = action("ADD_NUMBERS", id);
        ArrayNode array = body.putArray("numbers");
        for (String n : numbers) {
            array.add(n);
        }
        return ok(body);
    }

    static JsonNode taskOf(long id) {
        for (JsonNode task : ok(action("GET_LIST", null))) {
            if (task.path("id").asLong() == id) {
                return task;
            }
        }
        throw new AssertionError("no task " + id);
    }

    static int taskCount() {
        return ok(action("GET_LIST", null)).size();
    }

    private static long chunksLeft(DataSource ds) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM number_batch");
             var rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Direct SQL, for states no API call can produce. First waits until the numbers accepted so far
     * are written out as rows (ADD_NUMBERS answers before that; the API's own reads wait for it).
     */
    static void sql(String statement, Object... args) {
        DataSource ds = server.database().dataSource();
        Await.until("accepted numbers written out as rows", Duration.ofSeconds(10), () -> chunksLeft(ds), n -> n == 0);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ---- ADD, GET_LIST, GET_WITH_DATA ---------------------------------------------------------

    @Test
    void addCreatesAnAutodialerWithoutNumbersThatGetListShows() {
        long id = create(t -> { });

        JsonNode task = taskOf(id);

        assertEquals("NO_NUMBERS", task.path("status").asText());
        assertEquals("AUTODIAL", task.path("autodialerType").asText());
        assertEquals(5, task.path("threadCount").asInt());
        assertEquals(500, task.path("compositeAudio").path("multiAudios").get(0).path("silenceMillis").asInt());
        assertEquals(0, task.path("statistics").path("totalCount").asLong());
        assertTrue(task.path("smartSpeed").isMissingNode(), "smartSpeed is present only in SMART mode");
        assertTrue(task.path("moh").isMissingNode(), "moh is present only for GUARANTEED_DIAL");
        assertEquals("NO_NUMBERS", task.path("taskStatusInfo").path("status").asText());
    }

    @Test
    void addWithNumbersStoresThemNormalizedAndTheTaskWaits() {
        ObjectNode task = task();
        task.putArray("numbers").add("+38(097)11-11 111").add("380971111112");
        task.put("highPriority", true);
        long id = ok(add(task)).path("data").asLong();

        JsonNode number = ok(action("GET_NUMBER", id).put("number", "380971111111"));

        assertEquals("WAITING", taskOf(id).path("status").asText());
        assertEquals("380971111111", number.path("phone").asText());
        assertTrue(number.path("highPriority").asBoolean());
        assertEquals("NEW", number.path("state").asText());
        assertEquals(2, taskOf(id).path("statistics").path("statesCount").path("NEW").asInt());
    }

    @Test
    void getWithDataCarriesTheDictionariesAndLimits() {
        create(t -> { });

        JsonNode data = ok(action("GET_WITH_DATA", null));

        assertEquals(100000, data.path("maxAddNumbersCount").asInt());
        assertEquals(10000, data.path("maxRemoveNumbersCount").asInt());
        assertEquals(20, data.path("multiAudiosLimit").asInt());
        assertEquals(1, data.path("minMultiAudioSilenceMillis").asInt());
        assertEquals(10000, data.path("maxMultiAudioSilenceMillis").asInt());
        assertEquals("Guaranteed autodialer", data.path("autodialerTypes").path("GUARANTEED_DIAL").asText());
        assertEquals("By free operators", data.path("autodialerModes").path("FREE").asText());
        assertEquals("Autodialer number: parameter #10", data.path("audioSynthesisDynamicValues").path("P10").asText());
        assertTrue(data.path("taskStatuses").has("WAITING_REPEAT"));
        JsonNode states = data.path("autodialNumberStatesInfo");
        assertEquals("NEW", states.path("orderedStates").get(0).asText());
        assertTrue(contains(states.path("repeatableStates"), "BUSYOUT"));
        assertFalse(contains(states.path("repeatableStates"), "ANSWER"));
        assertTrue(contains(states.path("refreshableStates"), "AUTOCANCEL"));
        assertTrue(contains(states.path("warningStates"), "AUDIO_ERR"));
        assertEquals(21, data.path("triggerActionEventsData").size());
        int previous = 0;
        for (JsonNode event : data.path("triggerActionEventsData")) {
            assertTrue(event.path("order").asInt() > previous, "orders rise in the seed's order of events: " + event);
            previous = event.path("order").asInt();
            if (event.path("event").asText().equals("AUTODIAL_FINISH")) {
                assertEquals(200, event.path("order").asInt(), "seed 004: AUTODIAL_FINISH's order is 200");
            }
        }
        assertEquals(20, data.path("statesInfo").size());
        JsonNode answer = data.path("statesInfo").get(2);
        assertEquals("ANSWER", answer.path("state").asText());
        assertEquals(30, answer.path("order").asInt());
        assertFalse(answer.path("repeatable").asBoolean());
        assertTrue(answer.path("refreshable").asBoolean());
        assertTrue(data.path("tasks").isArray() && data.path("tasks").size() >= 1);
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode node : array) {
            if (node.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyAddErrorHasTheSeedsMessageAndWritesNothing() {
        int before = taskCount();
        long existing = create(t -> { });
        String taken = taskOf(existing).path("name").asText();
        before++;

        error(400, "task is null", action("ADD", null));
        error(400, "Wrong name", add(task().put("name", "")));
        error(400, "Wrong name", add(task().put("name", "x".repeat(46))));
        error(409, "Name already present", add(task().put("name", taken)));
        error(400, "Wrong dates", add(task().put("endDate", "2025-12-31")));
        error(400, "Wrong dates", add(task().putNull("startDate")));
        ObjectNode sixDays = task();
        ((ArrayNode) sixDays.get("timeFrom")).remove(6);
        error(400, "Wrong time ranges", add(sixDays));
        ObjectNode inverted = task();
        ((ArrayNode) inverted.get("timeFrom")).set(0, "20:00");
        error(400, "Wrong time ranges", add(inverted));
        ObjectNode allNull = task();
        for (int day = 0; day < 7; day++) {
            ((ArrayNode) allNull.get("timeFrom")).setNull(day);
            ((ArrayNode) allNull.get("timeTo")).setNull(day);
        }
        error(400, "Wrong time ranges", add(allNull));
        error(400, "Prefix is too long", add(task().put("callerIdPrefix", "p".repeat(21))));
        error(400, "crmMode is null", add(task().putNull("crmMode")));
        error(400, "clientCalledMode is null", add(task().putNull("clientCalledMode")));
        ObjectNode noAudio = task();
        noAudio.remove("compositeAudio");
        error(400, "Not found in scenario and audio", add(noAudio));
        error(404, "In scenario not found", add(task().put("scenarioId", 999_999)));
        ObjectNode tooManyParts = task();
        ArrayNode parts = tooManyParts.putObject("compositeAudio").putArray("multiAudios");
        for (int i = 0; i < 21; i++) {
            parts.addObject().put("silenceMillis", 10);
        }
        error(400, "compositeAudio: too many audio parts", add(tooManyParts));
        ObjectNode badSilence = task();
        badSilence.putObject("compositeAudio").putArray("multiAudios").addObject().put("silenceMillis", 10_001);
        error(400, "compositeAudio: invalid silenceMillis", add(badSilence));
        ObjectNode missingAudio = task();
        missingAudio.putObject("compositeAudio").putArray("multiAudios").addObject().put("id", 999_999);
        error(400, "compositeAudio: audio not found", add(missingAudio));
        ObjectNode noTts = task();
        noTts.putObject("compositeAudio").putArray("multiAudios").addObject()
                .putObject("synthesisFromDynamicValue").put("dynamicValue", "NA");
        error(400, "compositeAudio: speech synthesis settings not found", add(noTts));
        ObjectNode badDynamic = task();
        badDynamic.putObject("compositeAudio").putArray("multiAudios").addObject()
                .putObject("synthesisFromDynamicValue").putNull("dynamicValue");
        error(400, "compositeAudio: synthesis dynamicValue is null", add(badDynamic));
        error(400, "threadCount is null", add(task().putNull("threadCount")));
        error(400, "threadCount must be 1..1000, was 0", add(task().put("threadCount", 0)));
        error(404, "Not found out scenario", add(task().put("outScenarioId", 999_999)));
        error(404, "Not found text to speech settings", add(task().put("ttsSettingsId", 999_999)));
        error(400, "groupId and pseudoGroupOperators is null", add(task().put("autodialerMode", "FREE")));
        error(404, "Group not found", add(task().put("autodialerMode", "FREE").put("groupId", 999_999)));
        ObjectNode unknownLine = task().put("autodialerMode", "SMART");
        unknownLine.putArray("pseudoGroupOperators").add("9999");
        error(400, "Operator not found: 9999", add(unknownLine));
        error(400, "voiceSecretaryId is null", add(task().put("autodialerType", "VOICE_ROBOT")));
        error(404, "Voice secretary not found",
                add(task().put("autodialerType", "VOICE_ROBOT").put("voiceSecretaryId", 999_999)));
        error(404, "Moh not found", add(task().put("autodialerType", "GUARANTEED_DIAL").put("moh", 999_999)));
        ObjectNode deprecatedNoStates = task().put("repeatCallAttempts", 3).put("repeatCallIntervalMinutes", 30);
        error(400, "Repeat call states is empty", add(deprecatedNoStates));
        ObjectNode deprecatedBadState = task().put("repeatCallAttempts", 3);
        deprecatedBadState.putArray("repeatCallStates").add("ANSWER");
        error(400, "Repeat call state is not allowed", add(deprecatedBadState));
        ObjectNode badRule = task();
        badRule.putObject("repeatCallsSettings").putObject("statesSettings").putObject("NEW").put("attempts", 1);
        error(400, "Repeat call state is not allowed", add(badRule));
        ObjectNode tooManyAttempts = task();
        tooManyAttempts.putObject("repeatCallsSettings").putObject("statesSettings").putObject("NOANSWER")
                .put("attempts", 30).put("intervalMinutes", 60);
        error(400, "repeatCallsSettings.statesSettings.NOANSWER.attempts must be 0..10, was 30", add(tooManyAttempts));
        ObjectNode wrongEvent = task();
        wrongEvent.putObject("triggerActions").putArray("NOT_AN_EVENT").add(1);
        error(400, "Wrong trigger action event", add(wrongEvent));
        ObjectNode nullIds = task();
        nullIds.putObject("triggerActions").putNull("AUTODIAL_FINISH");
        error(400, "triggerActionIds is null", add(nullIds));
        ObjectNode sixHandlers = task();
        ArrayNode handlers = sixHandlers.putObject("triggerActions").putArray("AUTODIAL_FINISH");
        for (int i = 1; i <= 6; i++) {
            handlers.add(i);
        }
        error(400, "Too many trigger actions", add(sixHandlers));
        ObjectNode missingHandler = task();
        missingHandler.putObject("triggerActions").putArray("AUTODIAL_FINISH").add(999_999);
        error(404, "Trigger action not found", add(missingHandler));
        ObjectNode badNumbers = task();
        badNumbers.putArray("numbers").add("380971111111").add("12");
        error(400, "Wrong numbers", add(badNumbers));

        assertEquals(before, taskCount(), "a refused ADD writes nothing");
    }

    @Test
    void groupsMustBeGroupsOfInternalLinesAndLinesMustExist() {
        Operators operators = new Operators(server.database().dataSource(), InstantSource.system());
        long gsm = operators.addGroup("GSM gateway " + names, GroupType.GSM);
        long lines = operators.addGroup("Sales " + names, GroupType.INNER_PHONES);
        String line = String.valueOf(7000 + names);
        operators.addPhone(new InnerPhone(line, "secret123", "Ann", "Lee"));

        error(400, "Wrong group type", add(task().put("autodialerMode", "FREE").put("groupId", gsm)));
        long byGroup = create(t -> t.put("autodialerMode", "FREE").put("groupId", lines));
        long byLines = create(t -> t.put("autodialerType", "GUARANTEED_DIAL").put("autodialerMode", "SMART")
                .put("smartSpeed", -3).putArray("pseudoGroupOperators").add(line));

        assertEquals(lines, taskOf(byGroup).path("groupId").asLong());
        JsonNode guaranteed = taskOf(byLines);
        assertEquals(line, guaranteed.path("pseudoGroupOperators").get(0).asText());
        assertEquals(-3, guaranteed.path("smartSpeed").asInt());
        assertTrue(guaranteed.path("threadCount").isMissingNode(), "threadCount is present only in FIXED mode");
        assertTrue(guaranteed.path("compositeAudio").isMissingNode(), "compositeAudio is present only for AUTODIAL");
    }

    @Test
    void deprecatedRepeatFieldsAreMappedOntoRepeatCallsSettings() {
        long id = create(t -> {
            t.put("repeatCallAttempts", 3).put("repeatCallIntervalMinutes", 30).put("repeatCallHighPriority", true)
                    .put("repeatCallEarly", false);
            t.putArray("repeatCallStates").add("NOANSWER").add("BUSY");
        });

        JsonNode repeat = taskOf(id).path("repeatCallsSettings");

        assertFalse(repeat.path("earlyStart").asBoolean());
        assertTrue(repeat.path("highPriority").asBoolean());
        assertEquals(3, repeat.path("statesSettings").path("NOANSWER").path("attempts").asInt());
        assertEquals(30, repeat.path("statesSettings").path("BUSY").path("intervalMinutes").asInt());
        assertEquals(3, taskOf(id).path("repeatCallAttempts").asInt());
    }

    // ---- UPDATE, REMOVE -----------------------------------------------------------------------

    @Test
    void updateReplacesTheConfigurationButNotTheType() {
        long id = create(t -> { });
        ObjectNode task = task().put("id", id).put("name", "Renamed " + id).put("autodialerType", "VOICE_ROBOT")
                .put("threadCount", 9);
        ObjectNode body = action("UPDATE", null);
        body.set("task", task);

        ok(body);

        JsonNode updated = taskOf(id);
        assertEquals("Renamed " + id, updated.path("name").asText());
        assertEquals("AUTODIAL", updated.path("autodialerType").asText());
        assertEquals(9, updated.path("threadCount").asInt());
        ObjectNode missing = action("UPDATE", null);
        missing.set("task", task().put("id", 999_999));
        error(404, "Task not found", missing);
    }

    @Test
    void removeDeletesTheAutodialerAndItsNumbers() {
        long id = create(t -> { });
        addNumbers(id, "380971111111");

        assertEquals("Removed", ok(action("REMOVE", id)).path("message").asText());

        error(404, "Task not found", action("GET_NUMBERS", id));
        error(404, "Task not found", action("REMOVE", id));
    }

    // ---- ADD_NUMBERS ----------------------------------------------------------------------------

    @Test
    void addNumbersNormalizesDropsDuplicatesAndReportsWhatItDid() {
        long id = create(t -> { });
        ObjectNode body = action("ADD_NUMBERS", id);
        body.putArray("numbers").add("+1 (212) 555-0100").add("12125550100").add("380671234567");
        ObjectNode withData = body.putArray("numbersWithData").addObject();
        withData.put("phone", "380501112233").put("name", "n".repeat(150)).put("note", "note");
        withData.putObject("params").put("1", "alpha").put("10", "omega");

        JsonNode added = ok(body);

        assertEquals("Numbers added", added.path("message").asText());
        assertEquals(3, added.path("data").path("added").asInt());
        JsonNode number = ok(action("GET_NUMBER", id).put("number", "+38 050 111 22 33"));
        assertEquals(100, number.path("name").asText().length(), "the first 100 characters of a name are kept");
        assertEquals("omega", number.path("params").path("10").asText());
        JsonNode again = ok(action("ADD_NUMBERS", id).put("highPriority", true).set("numbers",
                JSON.createArrayNode().add("12125550100").add("380991234567")));
        assertEquals(1, again.path("data").path("added").asInt());
        assertEquals(1, again.path("data").path("duplicates").asInt());
        assertEquals(4, taskOf(id).path("statistics").path("totalCount").asInt());
        error(409, "Numbers not added", action("ADD_NUMBERS", id).set("numbers", JSON.createArrayNode().add("12125550100")));
    }

    @Test
    void addNumbersRefusesBadInputWholeWithTheSeedsMessages() {
        long id = create(t -> { });
        error(404, "Task not found", action("ADD_NUMBERS", 999_999L).set("numbers", JSON.createArrayNode().add("380671234567")));
        error(400, "Numbers is null or empty", action("ADD_NUMBERS", id));
        error(400, "Numbers is null or empty", action("ADD_NUMBERS", id).set("numbers", JSON.createArrayNode()));

        HttpResponse<String> wrong = call(action("ADD_NUMBERS", id).set("numbers",
                JSON.createArrayNode().add("380671234567").add("abc").add("+44 20 7946 0958 00000")));
        assertEquals(400, wrong.statusCode());
        JsonNode body = TestApi.json(wrong);
        assertEquals("Wrong numbers", body.path("message").asText());
        assertEquals(List.of("abc", "+44 20 7946 0958 00000"),
                JSON.convertValue(body.path("data"), List.class));

        ObjectNode tooManyParams = action("ADD_NUMBERS", id);
        ObjectNode params = tooManyParams.putArray("numbersWithData").addObject().put("phone", "380671234567")
                .putObject("params");
        for (int i = 1; i <= 11; i++) {
            params.put(String.valueOf(i), "v");
        }
        error(400, "Too many params", tooManyParams);
        ObjectNode badKey = action("ADD_NUMBERS", id);
        badKey.putArray("numbersWithData").addObject().put("phone", "380671234567").putObject("params").put("11", "v");
        error(400, "Wrong parameter key", badKey);

        ObjectNode badAudio = action("ADD_NUMBERS", id);
        badAudio.putArray("numbersWithData").addObject().put("phone", "380671234567").putArray("audios").addObject()
                .put("id", 999_999);
        HttpResponse<String> audios = call(badAudio);
        assertEquals(400, audios.statusCode());
        JsonNode audioError = TestApi.json(audios);
        assertEquals("Wrong audios", audioError.path("message").asText());
        assertEquals("Audio not found by id", audioError.path("data").get(0).path("error").asText());

        ObjectNode tooMany = action("ADD_NUMBERS", id);
        ArrayNode numbers = tooMany.putArray("numbers");
        for (int i = 0; i < 100_001; i++) {
            numbers.add("3806" + (10_000_000 + i));
        }
        error(400, "Too many numbers", tooMany);

        assertEquals(0, taskOf(id).path("statistics").path("totalCount").asInt(), "refused adds write nothing");
        assertEquals("NO_NUMBERS", taskOf(id).path("status").asText());
    }

    @Test
    void aFullAddIsThereForTheVeryNextRequest() {
        long id = create(t -> { });
        String[] numbers = new String[100_000];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = "380" + (930_000_000 + i);
        }

        assertEquals(100_000, addNumbers(id, numbers).path("data").path("added").asInt());

        // The answer comes before the rows are written (docs/API.md); the next request waits for them.
        JsonNode last = ok(action("GET_NUMBERS", id).put("limit", 1).put("offset", 99_999));
        assertEquals(numbers[99_999], last.get(0).path("phone").asText());
        assertEquals(0, ok(action("GET_NUMBERS", id).put("limit", 1).put("offset", 100_000)).size());
        assertEquals(100_000, taskOf(id).path("statistics").path("statesCount").path("NEW").asInt());
        JsonNode again = ok(action("ADD_NUMBERS", id).set("numbers", JSON.createArrayNode().add(numbers[0])
                .add(numbers[99_999]).add("380939999999")));
        assertEquals(1, again.path("data").path("added").asInt());
        assertEquals(2, again.path("data").path("duplicates").asInt(), "duplicates judged on every number");
        assertEquals("Removed", ok(action("REMOVE_ALL_NUMBERS", id)).path("message").asText());
        assertEquals(0, taskOf(id).path("statistics").path("totalCount").asInt());
        error(404, "Numbers not found", action("REMOVE_ALL_NUMBERS", id));
    }

    @Test
    void numbersOnTheBlockedForAutodialListAreSkipped() {
        new BlockedLists(server.database().dataSource(), InstantSource.system())
                .add(BlockedList.BLOCKED_FOR_AUTODIAL_PHONES, List.of("380635550001"));
        long id = create(t -> { });

        JsonNode added = addNumbers(id, "380635550001", "380635550002");

        assertEquals(1, added.path("data").path("added").asInt());
        assertEquals(1, added.path("data").path("blocked").asInt());
        error(404, "Call not found", action("GET_NUMBER", id).put("number", "380635550001"));
    }

    @Test
    void refreshDuplicatesPutsExistingNumbersBackToNew() {
        long id = create(t -> { });
        addNumbers(id, "380671234567");
        sql("UPDATE autodial_number SET state = 'NOANSWER', called_count = 2 WHERE autodialer_id = ?", id);
        sql("UPDATE autodialer_state_count SET number_count = CASE state WHEN 'NOANSWER' THEN 1 ELSE 0 END "
                + "WHERE autodialer_id = ?", id);

        JsonNode added = ok(action("ADD_NUMBERS", id).put("refreshDuplicates", true)
                .set("numbers", JSON.createArrayNode().add("380671234567")));

        assertEquals(1, added.path("data").path("refreshed").asInt());
        JsonNode number = ok(action("GET_NUMBER", id).put("number", "380671234567"));
        assertEquals("NEW", number.path("state").asText());
        assertEquals(0, number.path("calledCount").asInt());
        assertEquals(1, taskOf(id).path("statistics").path("statesCount").path("NEW").asInt());
        assertTrue(taskOf(id).path("statistics").path("statesCount").path("NOANSWER").isMissingNode());
    }

    @Test
    void addingNumbersToAFinishedAutodialerMakesItWaitAgain() {
        long id = create(t -> { });
        addNumbers(id, "380671234567");
        ok(action("CANCEL", id));
        assertEquals("FINISHED", taskOf(id).path("status").asText());
        assertFalse(taskOf(id).path("finishedDate").isMissingNode());

        addNumbers(id, "380671234568");

        assertEquals("WAITING", taskOf(id).path("status").asText());
        assertTrue(taskOf(id).path("finishedDate").isMissingNode());
    }

    // ---- GET_NUMBER, GET_NUMBERS ------------------------------------------------------------------

    @Test
    void getNumberAnswersTheSeedsErrors() {
        long id = create(t -> { });
        addNumbers(id, "380671234567");

        error(400, "Wrong phone number", action("GET_NUMBER", id).put("number", "12"));
        error(404, "Call not found", action("GET_NUMBER", id).put("number", "380671234568"));
        error(404, "Task not found", action("GET_NUMBER", 999_999L).put("number", "380671234567"));
    }

    @Test
    void getNumbersPagesInInsertionOrderAndFiltersByState() {
        long id = create(t -> { });
        String[] phones = new String[30];
        for (int i = 0; i < phones.length; i++) {
            phones[i] = "38067" + (1_000_000 + i);
        }
        addNumbers(id, phones);
        sql("UPDATE autodial_number SET state = 'BUSY' WHERE autodialer_id = ? AND phone = ?", id, phones[7]);

        JsonNode page = ok(action("GET_NUMBERS", id).put("limit", 10).put("offset", 5));
        JsonNode busy = ok(action("GET_NUMBERS", id).set("callStates", JSON.createArrayNode().add("BUSY")));
        JsonNode all = ok(action("GET_NUMBERS", id));

        assertEquals(10, page.size());
        assertEquals(phones[5], page.get(0).path("phone").asText());
        assertEquals(phones[14], page.get(9).path("phone").asText());
        assertEquals(1, busy.size());
        assertEquals(phones[7], busy.get(0).path("phone").asText());
        assertEquals(30, all.size());
        error(400, "Limit range is 1-5000", action("GET_NUMBERS", id).put("limit", 0));
        error(400, "Limit range is 1-5000", action("GET_NUMBERS", id).put("limit", 5001));
        error(400, "Offset cannot be negative", action("GET_NUMBERS", id).put("offset", -1));
    }

    // ---- PAUSE, UNPAUSE, CANCEL -------------------------------------------------------------------

    @Test
    void pauseAndUnpauseFollowTheSeedsTransitions() {
        long empty = create(t -> { });
        ok(action("PAUSE", empty));
        assertEquals("NO_NUMBERS", taskOf(empty).path("status").asText(), "PAUSE on a task without numbers changes nothing");

        long id = create(t -> { });
        addNumbers(id, "380671234567");
        ok(action("PAUSE", id));
        assertEquals("PAUSED", taskOf(id).path("status").asText());
        ok(action("PAUSE", id));
        assertEquals("PAUSED", taskOf(id).path("status").asText());
        ok(action("UNPAUSE", id));
        assertEquals("WAITING", taskOf(id).path("status").asText());
        ok(action("UNPAUSE", id));
        assertEquals("WAITING", taskOf(id).path("status").asText());

        ok(action("CANCEL", id));
        error(409, "Task is finished", action("PAUSE", id));
        error(409, "Task is finished", action("UNPAUSE", id));
        error(409, "Task is finished", action("CANCEL", id));
        error(404, "Task not found", action("PAUSE", 999_999L));
    }

    @Test
    void cancelWithCallsInFlightWaitsInCanceledAndMarksWhatWasNotCalled() {
        long id = create(t -> { });
        addNumbers(id, "380671234567", "380671234568");
        sql("UPDATE autodial_number SET state = 'DIALING' WHERE autodialer_id = ? AND phone = '380671234567'", id);
        sql("UPDATE autodialer_state_count SET number_count = 1 WHERE autodialer_id = ? AND state IN ('NEW', 'DIALING')", id);

        JsonNode cancelled = ok(action("CANCEL", id));

        assertEquals("Cancelled", cancelled.path("message").asText());
        assertEquals("CANCELED", taskOf(id).path("status").asText());
        assertEquals("CANCEL", ok(action("GET_NUMBER", id).put("number", "380671234568")).path("state").asText());
        error(409, "Task is canceled", action("CANCEL", id));
        error(409, "Task is canceled", action("PAUSE", id));
        error(409, "Task is canceled", action("UNPAUSE", id));
    }

    // ---- REFRESH ---------------------------------------------------------------------------------

    @Test
    void refreshPutsRefreshableStatesBackToNewOnceAMinute() {
        long id = create(t -> { });
        addNumbers(id, "380671234567", "380671234568");
        ok(action("CANCEL", id));

        error(400, "states is null or empty", action("REFRESH", id));
        error(400, "state is not allowed", action("REFRESH", id).set("callStates", JSON.createArrayNode().add("NEW")));
        error(404, "Numbers not found by states",
                action("REFRESH", id).set("callStates", JSON.createArrayNode().add("BUSY")));
        ok(action("REFRESH", id).set("callStates", JSON.createArrayNode().add("CANCEL")));

        assertEquals("WAITING", taskOf(id).path("status").asText());
        assertEquals(2, taskOf(id).path("statistics").path("statesCount").path("NEW").asInt());
        error(409, "Try again later", action("REFRESH", id).set("callStates", JSON.createArrayNode().add("CANCEL")));
        error(404, "Task not found", action("REFRESH", 999_999L).set("callStates", JSON.createArrayNode().add("CANCEL")));
    }

    // ---- REMOVE_NUMBERS, REMOVE_ALL_NUMBERS -----------------------------------------------------------

    @Test
    void removeNumbersByPhonesReportsInvalidOnesAndByStatesRemovesThoseStates() {
        long id = create(t -> { });
        addNumbers(id, "380671234567", "380671234568", "380671234569");
        sql("UPDATE autodial_number SET state = 'BUSY' WHERE autodialer_id = ? AND phone = '380671234569'", id);
        sql("UPDATE autodialer_state_count SET number_count = CASE state WHEN 'NEW' THEN 2 WHEN 'BUSY' THEN 1 ELSE 0 END "
                + "WHERE autodialer_id = ?", id);

        JsonNode byPhones = ok(action("REMOVE_NUMBERS", id).set("numbers",
                JSON.createArrayNode().add("380671234567").add("389833883838383838383838")));
        assertEquals(List.of("389833883838383838383838"), JSON.convertValue(byPhones.path("data"), List.class));
        ok(action("REMOVE_NUMBERS", id).set("callStates", JSON.createArrayNode().add("BUSY")));

        JsonNode left = ok(action("GET_NUMBERS", id));
        assertEquals(1, left.size());
        assertEquals("380671234568", left.get(0).path("phone").asText());
        assertEquals(1, taskOf(id).path("statistics").path("totalCount").asInt());
        error(400, "numbers and states is null", action("REMOVE_NUMBERS", id));
        error(400, "Phones not found", action("REMOVE_NUMBERS", id).set("numbers", JSON.createArrayNode().add("abc")));
        error(404, "Numbers not found",
                action("REMOVE_NUMBERS", id).set("numbers", JSON.createArrayNode().add("380671234567")));
        error(404, "Numbers not found by states",
                action("REMOVE_NUMBERS", id).set("callStates", JSON.createArrayNode().add("BUSY")));
        ArrayNode many = JSON.createArrayNode();
        for (int i = 0; i < 10_001; i++) {
            many.add("38067" + (2_000_000 + i));
        }
        error(400, "Too many numbers", action("REMOVE_NUMBERS", id).set("numbers", many));
    }

    @Test
    void removeAllNumbersEmptiesTheAutodialer() {
        long id = create(t -> { });
        addNumbers(id, "380671234567", "380671234568");

        assertEquals("Removed", ok(action("REMOVE_ALL_NUMBERS", id)).path("message").asText());

        assertEquals("NO_NUMBERS", taskOf(id).path("status").asText());
        assertEquals(0, taskOf(id).path("statistics").path("totalCount").asInt());
        error(404, "Numbers not found", action("REMOVE_ALL_NUMBERS", id));
        error(404, "Task not found", action("REMOVE_ALL_NUMBERS", 999_999L));
    }

    // ---- GET_CALLS_HISTORY ------------------------------------------------------------------------

    @Test
    void callsHistoryFiltersAndPagesNewestFirst() throws Exception {
        long id = create(t -> { });
        CallHistoryRepository history = new CallHistoryRepository();
        Instant base = Instant.parse("2026-03-01T10:00:00Z");
        List<Long> ids = new ArrayList<>();
        try (Connection c = server.database().dataSource().getConnection()) {
            for (int i = 0; i < 12; i++) {
                NumberState state = i % 3 == 0 ? NumberState.ANSW_RJCT : NumberState.NOANSWER;
                TreeMap<Integer, String> params = new TreeMap<>(Map.of(1, "order-" + i));
                ids.add(history.insert(c, new CallRecord(0, id, null, "3806700000" + (10 + i), state,
                        base.plusSeconds(60L * i), null, null, 1, 1, null, 5, 5, null, null, null,
                        state == NumberState.ANSW_RJCT ? 12 : null, 1000 + i, "name " + i, null, null, params,
                        state == NumberState.ANSW_RJCT ? 200 : 487, 16, "callee", null)));
            }
        }

        JsonNode all = ok(action("GET_CALLS_HISTORY", id).set("callHistoryRequest", JSON.createObjectNode()));
        assertEquals(12, all.path("count").asInt());
        assertEquals(50, all.path("limit").asInt());
        assertEquals(ids.get(11).longValue(), all.path("items").get(0).path("id").asLong(), "newest first");

        ObjectNode request = JSON.createObjectNode().put("limit", 2).put("maxId", ids.get(9));
        request.putObject("filter").put("phone", "38067").putArray("states").add("ANSW_RJCT");
        JsonNode answered = ok(action("GET_CALLS_HISTORY", id).set("callHistoryRequest", request));
        assertEquals(2, answered.path("items").size());
        assertEquals(ids.get(9).longValue(), answered.path("items").get(0).path("id").asLong());
        assertEquals(ids.get(6).longValue(), answered.path("items").get(1).path("id").asLong());
        assertEquals(12, answered.path("items").get(0).path("secondsTalk").asInt());
        assertEquals("order-9", answered.path("items").get(0).path("params").path("1").asText());

        ObjectNode byParam = JSON.createObjectNode();
        byParam.putObject("filter").put("param", "order-1");
        assertEquals(3, ok(action("GET_CALLS_HISTORY", id).set("callHistoryRequest", byParam)).path("count").asInt());
        ObjectNode robots = JSON.createObjectNode();
        robots.putObject("filter").putArray("voiceSecretaryIds").add("118");
        assertEquals(0, ok(action("GET_CALLS_HISTORY", id).set("callHistoryRequest", robots)).path("count").asInt());

        error(400, "callHistoryRequest is null", action("GET_CALLS_HISTORY", id));
        error(404, "Task not found", action("GET_CALLS_HISTORY", null).set("callHistoryRequest", JSON.createObjectNode()));
        error(400, "Invalid date from", action("GET_CALLS_HISTORY", id)
                .set("callHistoryRequest", JSON.createObjectNode().put("dateFrom", "2023-10-24")));
        error(400, "Invalid date to", action("GET_CALLS_HISTORY", id)
                .set("callHistoryRequest", JSON.createObjectNode().put("dateTo", "yesterday")));
        // Seed 004's error text: "Limit range is 1-5000" ("not in the range from 1 to 5000").
        error(400, "Limit range is 1-5000", action("GET_CALLS_HISTORY", id)
                .set("callHistoryRequest", JSON.createObjectNode().put("limit", 5001)));
        error(400, "Limit range is 1-5000", action("GET_CALLS_HISTORY", id)
                .set("callHistoryRequest", JSON.createObjectNode().put("limit", 0)));
        assertEquals(5000, ok(action("GET_CALLS_HISTORY", id)
                .set("callHistoryRequest", JSON.createObjectNode().put("limit", 5000))).path("limit").asInt());
        error(400, "Offset is less than 0", action("GET_CALLS_HISTORY", id)
                .set("callHistoryRequest", JSON.createObjectNode().put("offset", -1)));
    }

    @Test
    void theDictionaryListsAutodialersByType() {
        long audio = create(t -> { });
        String name = taskOf(audio).path("name").asText();

        HttpResponse<String> all = api.post("/api/dictionary?type=AUTODIAL_ALL", key, null, "");
        HttpResponse<String> robots = api.post("/api/dictionary?type=AUTODIAL_ROBOT", key, null, "");

        assertEquals(200, all.statusCode(), all.body());
        assertEquals(name, TestApi.json(all).path("data").path(String.valueOf(audio)).asText());
        assertTrue(TestApi.json(robots).path("data").path(String.valueOf(audio)).isMissingNode());
    }

    // ---- the action itself ---------------------------------------------------------------------------

    @Test
    void aMissingOrUnknownActionIsAClearError() {
        error(400, "action is null", "{}");
        error(400, "Unknown action: LAUNCH", "{\"action\":\"LAUNCH\"}");
        error(400, "Wrong value for 'task.threadCount': expected a number",
                add(task().put("threadCount", "many")));
    }
}
