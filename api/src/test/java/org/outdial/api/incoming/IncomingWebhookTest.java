package org.outdial.api.incoming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.outdial.api.OutdialServer;
import org.outdial.api.TestApi;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;

/**
 * Seed 004's incoming webhooks over real HTTP: both actions, every listed error with its status,
 * and the tokens' API. Each test makes its own autodialer, so they do not depend on one another.
 */
class IncomingWebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTODIAL = "/api/autodial/action";

    private static OutdialServer server;
    private static TestApi api;
    private static String key;
    private static String token;
    private static int names;

    @BeforeAll
    static void start() {
        server = OutdialServer.start(TestApi.config(64 << 20, RateLimitSettings.unlimited()), InstantSource.system(),
                List.of());
        api = new TestApi(server.port());
        key = new ApiKeys(server.database().dataSource()).create("incoming", Instant.now()).secret();
        token = ok(api.postJson(WebhookTokenRoutes.PATH, key, "{\"action\":\"ADD\",\"name\":\"crm\"}"))
                .path("data").path("token").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---- helpers -------------------------------------------------------------------------

    /** POSTs the link with {@code parameters} in its query string, in order, URL-encoded. */
    private static HttpResponse<String> link(Map<String, String> parameters) {
        String query = parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return api.post(IncomingWebhookRoutes.PATH + "?" + query, null, null, "");
    }

    private static Map<String, String> params(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** The seed's generated link for {@code action} on autodialer {@code id}, with {@code phones}. */
    private static Map<String, String> generated(String action, long id, String phones) {
        return params("token", token, "action", action, "id", Long.toString(id), "phones", phones);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = TestApi.json(response);
        assertEquals("Success", body.path("status").asText(), response.body());
        return body;
    }

    private static void refused(int status, String message, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(Map.of("status", "Error", "message", message), TestApi.map(response));
    }

    private static long autodialer() {
        ObjectNode task = JSON.createObjectNode();
        task.put("name", "Webhook campaign " + (++names));
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
        ObjectNode body = JSON.createObjectNode().put("action", "ADD");
        body.set("task", task);
        return ok(api.postJson(AUTODIAL, key, body.toString())).path("data").asLong();
    }

    private static List<String> phonesIn(long id) {
        HttpResponse<String> response = api.postJson(AUTODIAL, key,
                "{\"action\":\"GET_NUMBERS\",\"id\":" + id + ",\"limit\":5000}");
        assertEquals(200, response.statusCode(), response.body());
        List<String> phones = new ArrayList<>();
        TestApi.json(response).forEach(n -> phones.add(n.path("phone").asText()));
        return phones;
    }

    private static JsonNode number(long id, String phone) {
        return TestApi.json(api.postJson(AUTODIAL, key,
                "{\"action\":\"GET_NUMBER\",\"id\":" + id + ",\"number\":\"" + phone + "\"}"));
    }

    private static void addNumbers(long id, String... phones) {
        String list = java.util.Arrays.stream(phones).map(p -> "\"" + p + "\"").collect(Collectors.joining(","));
        ok(api.postJson(AUTODIAL, key, "{\"action\":\"ADD_NUMBERS\",\"id\":" + id + ",\"numbers\":[" + list + "]}"));
    }

    // ---- AUTODIAL_ADD ----------------------------------------------------------------------

    @Test
    void addPutsTheValidPhonesWithNameNoteAndLinkIntoTheAutodialerAndSkipsTheInvalidOnes() {
        long id = autodialer();
        Map<String, String> link = generated("AUTODIAL_ADD", id, "380971234567,12ab, +38 (067) 000-10-00");
        link.put("name", "vasya");
        link.put("note", "okna");
        link.put("link", "https://crm.example.com/lead/7");

        JsonNode body = ok(link(link));

        assertEquals(JSON.createObjectNode().put("status", "Success").set("data", JSON.createObjectNode()
                .put("added", 2).put("duplicates", 0).put("blocked", 0)
                .set("invalid", JSON.createArrayNode().add("12ab"))), body);
        assertEquals(List.of("380971234567", "380670001000"), phonesIn(id));
        JsonNode number = number(id, "380670001000");
        assertEquals("vasya", number.path("name").asText());
        assertEquals("okna", number.path("note").asText());
        assertEquals("https://crm.example.com/lead/7", number.path("link").asText());
        assertEquals("NEW", number.path("state").asText());
    }

    @Test
    void theGeneratedLinksEmptyNameNoteAndLinkLeaveTheNumbersWithoutThem() {
        long id = autodialer();
        Map<String, String> link = params("token", token, "action", "AUTODIAL_ADD", "id", Long.toString(id),
                "name", "", "note", "", "link", "", "phones", "380971234567");

        ok(link(link));

        JsonNode number = number(id, "380971234567");
        assertTrue(number.path("name").isNull(), number.toString());
        assertTrue(number.path("note").isNull(), number.toString());
        assertTrue(number.path("link").isNull(), number.toString());
    }

    @Test
    void addTakesItsParametersFromAFormBodyForListsTooLongForAUrl() {
        long id = autodialer();
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            phones.add("38097" + String.format("%07d", i));
        }
        String form = "token=" + token + "&action=AUTODIAL_ADD&id=" + id + "&name=bulk&phones="
                + URLEncoder.encode(String.join(",", phones), StandardCharsets.UTF_8);

        HttpResponse<String> inUrl = api.post(IncomingWebhookRoutes.PATH + "?" + form, null, null, "");
        assertEquals(414, inUrl.statusCode(), "600 phones do not fit in a request line: " + inUrl.body());

        JsonNode body = ok(api.post(IncomingWebhookRoutes.PATH, null, "application/x-www-form-urlencoded", form));

        assertEquals(600, body.path("data").path("added").asInt(), body.toString());
        assertEquals(phones, phonesIn(id));
        assertEquals("bulk", number(id, phones.get(599)).path("name").asText());
    }

    @Test
    void addingOnlyNumbersAlreadyThereIsPhonesNotAdded() {
        long id = autodialer();
        addNumbers(id, "380971234567");

        refused(409, "Phones not added", link(generated("AUTODIAL_ADD", id, "380971234567")));

        assertEquals(List.of("380971234567"), phonesIn(id));
    }

    @Test
    void aDuplicateAmongNewPhonesIsCountedAndTheRestAdded() {
        long id = autodialer();
        addNumbers(id, "380971234567");

        JsonNode body = ok(link(generated("AUTODIAL_ADD", id, "380971234567,380670001000")));

        assertEquals(1, body.path("data").path("added").asInt(), body.toString());
        assertEquals(1, body.path("data").path("duplicates").asInt(), body.toString());
        assertEquals(List.of("380971234567", "380670001000"), phonesIn(id));
    }

    @Test
    void blockedNumbersAreSkippedAsByAddNumbersAndOnlyBlockedOnesAreNotAdded() {
        long id = autodialer();
        ok(api.postJson("/api/lists", key,
                "{\"list\":\"BLOCKED_FOR_AUTODIAL_PHONES\",\"operation\":\"ADD\",\"items\":[\"380509998877\"]}"));

        refused(409, "Phones not added", link(generated("AUTODIAL_ADD", id, "380509998877")));
        JsonNode body = ok(link(generated("AUTODIAL_ADD", id, "380509998877,380971234567")));

        assertEquals(1, body.path("data").path("added").asInt(), body.toString());
        assertEquals(1, body.path("data").path("blocked").asInt(), body.toString());
        assertEquals(List.of("380971234567"), phonesIn(id));
    }

    @Test
    void addWithoutAnyValidPhoneIsPhonesNotFoundAndAddsNothing() {
        long id = autodialer();

        refused(400, "Phones not found", link(generated("AUTODIAL_ADD", id, "12ab,000")));

        assertEquals(List.of(), phonesIn(id));
    }

    @Test
    void aNameNoteOrLinkLongerThanTheSeedsMaximumIsRefusedNotCut() {
        long id = autodialer();
        Map<String, String> name = generated("AUTODIAL_ADD", id, "380971234567");
        name.put("name", "n".repeat(101));
        Map<String, String> note = generated("AUTODIAL_ADD", id, "380971234567");
        note.put("note", "n".repeat(501));
        Map<String, String> link = generated("AUTODIAL_ADD", id, "380971234567");
        link.put("link", "l".repeat(501));

        refused(400, "Name length more than 100 chars", link(name));
        refused(400, "Note length more than 500 chars", link(note));
        refused(400, "Link length more than 500 chars", link(link));

        assertEquals(List.of(), phonesIn(id));
        Map<String, String> longest = generated("AUTODIAL_ADD", id, "380971234567");
        longest.put("name", "n".repeat(100));
        longest.put("note", "o".repeat(500));
        ok(link(longest));
        assertEquals("n".repeat(100), number(id, "380971234567").path("name").asText());
    }

    // ---- AUTODIAL_REMOVE -------------------------------------------------------------------

    @Test
    void removeTakesTheListedNumbersOutAndLeavesTheRest() {
        long id = autodialer();
        addNumbers(id, "380971234567", "380670001000", "380501112233");

        JsonNode body = ok(link(generated("AUTODIAL_REMOVE", id, "380971234567,380670001000,12ab")));

        assertEquals(2, body.path("data").path("removed").asInt(), body.toString());
        assertEquals(List.of("12ab"), List.of(body.path("data").path("invalid").get(0).asText()));
        assertEquals(List.of("380501112233"), phonesIn(id));
    }

    @Test
    void removingTheLastNumbersLeavesTheAutodialerWithoutNumbers() {
        long id = autodialer();
        addNumbers(id, "380971234567");

        ok(link(generated("AUTODIAL_REMOVE", id, "380971234567")));

        JsonNode list = TestApi.json(api.postJson(AUTODIAL, key, "{\"action\":\"GET_LIST\"}"));
        JsonNode task = null;
        for (JsonNode t : list) {
            if (t.path("id").asLong() == id) {
                task = t;
            }
        }
        assertEquals("NO_NUMBERS", task.path("status").asText(), String.valueOf(task));
    }

    @Test
    void removingNumbersThatAreNotThereIsCallsNotFound() {
        long id = autodialer();
        addNumbers(id, "380971234567");

        refused(404, "Calls not found", link(generated("AUTODIAL_REMOVE", id, "380670001000")));

        assertEquals(List.of("380971234567"), phonesIn(id));
    }

    @Test
    void removeWithoutAnyValidPhoneIsPhonesNotFound() {
        long id = autodialer();
        addNumbers(id, "380971234567");

        refused(400, "Phones not found", link(generated("AUTODIAL_REMOVE", id, "12ab")));

        assertEquals(List.of("380971234567"), phonesIn(id));
    }

    // ---- errors both actions share ---------------------------------------------------------

    @Test
    void aMissingUnknownOrRevokedTokenIsTokenNotFound() {
        long id = autodialer();
        for (String action : List.of("AUTODIAL_ADD", "AUTODIAL_REMOVE")) {
            Map<String, String> none = generated(action, id, "380971234567");
            none.remove("token");
            Map<String, String> empty = generated(action, id, "380971234567");
            empty.put("token", "");
            Map<String, String> unknown = generated(action, id, "380971234567");
            unknown.put("token", token + "x");

            refused(401, "Token not found", link(none));
            refused(401, "Token not found", link(empty));
            refused(401, "Token not found", link(unknown));
            Map<String, String> apiKey = generated(action, id, "380971234567");
            apiKey.put("token", key);
            refused(401, "Token not found", link(apiKey));
        }
        assertEquals(List.of(), phonesIn(id));

        String revoked = ok(api.postJson(WebhookTokenRoutes.PATH, key, "{\"action\":\"ADD\",\"name\":\"old\"}"))
                .path("data").path("token").asText();
        long revokedId = tokenId("old");
        Map<String, String> link = generated("AUTODIAL_ADD", id, "380971234567");
        link.put("token", revoked);
        ok(link(link));
        ok(api.postJson(WebhookTokenRoutes.PATH, key, "{\"action\":\"REMOVE\",\"id\":" + revokedId + "}"));
        link.put("phones", "380670001000");
        refused(401, "Token not found", link(link));
        assertEquals(List.of("380971234567"), phonesIn(id));
    }

    @Test
    void aMissingOrUnknownActionIsActionNotFound() {
        long id = autodialer();
        Map<String, String> none = generated("AUTODIAL_ADD", id, "380971234567");
        none.remove("action");

        refused(400, "Action not found", link(none));
        refused(400, "Action not found", link(generated("", id, "380971234567")));
        refused(400, "Action not found", link(generated("AUTODIAL_UPDATE", id, "380971234567")));
        refused(400, "Action not found", link(generated("autodial_add", id, "380971234567")));
        assertEquals(List.of(), phonesIn(id));
    }

    @Test
    void aMissingIdIsIdIsNullAndAnIdThatIsNotAWholeNumberIsRefused() {
        for (String action : List.of("AUTODIAL_ADD", "AUTODIAL_REMOVE")) {
            Map<String, String> none = generated(action, 1, "380971234567");
            none.remove("id");
            Map<String, String> empty = generated(action, 1, "380971234567");
            empty.put("id", "");
            Map<String, String> fraction = generated(action, 1, "380971234567");
            fraction.put("id", "1.9");
            Map<String, String> huge = generated(action, 1, "380971234567");
            huge.put("id", "9223372036854775808");

            refused(400, "Id is null", link(none));
            refused(400, "Id is null", link(empty));
            refused(400, "Wrong value for 'id': expected a whole number, was 1.9", link(fraction));
            refused(400, "Wrong value for 'id': expected a whole number in -9223372036854775808..9223372036854775807,"
                    + " was 9223372036854775808", link(huge));
        }
    }

    @Test
    void anUnknownAutodialerIsAutodialNotFound() {
        refused(404, "Autodial not found", link(generated("AUTODIAL_ADD", 987_654_321, "380971234567")));
        refused(404, "Autodial not found", link(generated("AUTODIAL_REMOVE", 987_654_321, "380971234567")));
    }

    @Test
    void missingOrEmptyPhonesAreEmptyPhones() {
        long id = autodialer();
        addNumbers(id, "380971234567");
        for (String action : List.of("AUTODIAL_ADD", "AUTODIAL_REMOVE")) {
            Map<String, String> none = generated(action, id, "");
            none.remove("phones");

            refused(400, "Empty phones", link(none));
            refused(400, "Empty phones", link(generated(action, id, "")));
            refused(400, "Empty phones", link(generated(action, id, " , ,")));
        }
        assertEquals(List.of("380971234567"), phonesIn(id));
    }

    @Test
    void theChecksRunInTheSeedsOrderOfPossibleErrors() {
        refused(401, "Token not found", link(params("action", "NOPE", "phones", "")));
        refused(400, "Action not found", link(params("token", token, "phones", "")));
        refused(400, "Id is null", link(params("token", token, "action", "AUTODIAL_ADD", "phones", "")));
        refused(404, "Autodial not found", link(generated("AUTODIAL_ADD", 987_654_321, "")));
    }

    @Test
    void theLinkIsPostOnly() {
        long id = autodialer();
        HttpResponse<String> response = api.get(IncomingWebhookRoutes.PATH + "?token=" + token
                + "&action=AUTODIAL_ADD&id=" + id + "&phones=380971234567", null);

        assertEquals(405, response.statusCode(), response.body());
        assertEquals("POST", response.headers().firstValue("Allow").orElse(""));
        assertEquals(List.of(), phonesIn(id));
    }

    // ---- /api/webhookTokens/action ---------------------------------------------------------

    private static long tokenId(String name) {
        JsonNode list = ok(api.postJson(WebhookTokenRoutes.PATH, key, "{\"action\":\"GET_LIST\"}")).path("data");
        for (JsonNode t : list) {
            if (t.path("name").asText().equals(name)) {
                return t.path("id").asLong();
            }
        }
        throw new AssertionError("no token named " + name + " in " + list);
    }

    @Test
    void tokensAreListedWithoutTheirSecret() {
        JsonNode created = ok(api.postJson(WebhookTokenRoutes.PATH, key, "{\"action\":\"ADD\",\"name\":\" listed \"}"))
                .path("data");
        assertTrue(created.path("token").asText().matches("[A-Za-z0-9_-]{43}"), created.toString());
        assertEquals("listed", created.path("name").asText());

        HttpResponse<String> list = api.postJson(WebhookTokenRoutes.PATH, key, "{\"action\":\"GET_LIST\"}");
        assertFalse(list.body().contains(created.path("token").asText()), list.body());
        JsonNode entry = null;
        for (JsonNode t : ok(list).path("data")) {
            if (t.path("id").asLong() == created.path("id").asLong()) {
                entry = t;
            }
        }
        assertEquals(JSON.createObjectNode().put("id", created.path("id").asLong()).put("name", "listed")
                .put("createdAt", created.path("createdAt").asText()).toString(), String.valueOf(entry));
    }

    @Test
    void theTokensApiRefusesWhatItCannotDo() {
        refused(400, "Name is empty", api.postJson(WebhookTokenRoutes.PATH, key, "{\"action\":\"ADD\"}"));
        refused(400, "Name is empty", api.postJson(WebhookTokenRoutes.PATH, key, "{\"action\":\"ADD\",\"name\":\"  \"}"));
        refused(400, "Name length more than 100 chars", api.postJson(WebhookTokenRoutes.PATH, key,
                "{\"action\":\"ADD\",\"name\":\"" + "n".repeat(101) + "\"}"));
        refused(400, "Wrong value for 'name': expected a string", api.postJson(WebhookTokenRoutes.PATH, key,
                "{\"action\":\"ADD\",\"name\":[1]}"));
        refused(400, "id is null", api.postJson(WebhookTokenRoutes.PATH, key, "{\"action\":\"REMOVE\"}"));
        refused(400, "Wrong value for 'id': expected a whole number, was 1.5",
                api.postJson(WebhookTokenRoutes.PATH, key, "{\"action\":\"REMOVE\",\"id\":1.5}"));
        refused(404, "Token not found", api.postJson(WebhookTokenRoutes.PATH, key,
                "{\"action\":\"REMOVE\",\"id\":987654321}"));
        refused(400, "action is null", api.postJson(WebhookTokenRoutes.PATH, key, "{}"));
        refused(400, "Wrong action", api.postJson(WebhookTokenRoutes.PATH, key, "{\"action\":\"UPDATE\"}"));
        refused(401, "Missing API key: send it in the Authorization header",
                api.postJson(WebhookTokenRoutes.PATH, null, "{\"action\":\"GET_LIST\"}"));
        refused(401, "Invalid API key", api.postJson(WebhookTokenRoutes.PATH, token, "{\"action\":\"GET_LIST\"}"));
    }
}
