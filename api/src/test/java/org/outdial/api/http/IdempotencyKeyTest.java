package org.outdial.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.outdial.api.OutdialServer;
import org.outdial.api.TestApi;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;

/** The Idempotency-Key header over real HTTP, on a real route (ADD_NUMBERS) and on test routes. */
class IdempotencyKeyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTODIAL = "/api/autodial/action";

    /** A clock the test moves, to pass the 24 hours. */
    private static final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private static final AtomicInteger counted = new AtomicInteger();
    private static final AtomicInteger publicCounted = new AtomicInteger();
    private static final AtomicInteger failures = new AtomicInteger();
    private static volatile CountDownLatch slowEntered;
    private static volatile CountDownLatch slowRelease;

    private static OutdialServer server;
    private static TestApi api;
    private static String key;
    private static String otherKey;

    @BeforeAll
    static void start() {
        RouteGroup testRoutes = router -> router
                .post("/test/count", request -> Response.data(counted.incrementAndGet()))
                .post("/test/public", Access.PUBLIC, request -> Response.data(publicCounted.incrementAndGet()))
                .post("/test/fail", request -> {
                    failures.incrementAndGet();
                    throw new IllegalStateException("broken on purpose");
                })
                .post("/test/slow", request -> {
                    slowEntered.countDown();
                    if (!slowRelease.await(20, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                    return Response.success("slow done");
                });
        InstantSource clock = () -> now.get();
        server = OutdialServer.start(TestApi.config(1 << 20, RateLimitSettings.unlimited()), clock,
                List.of(testRoutes));
        api = new TestApi(server.port());
        ApiKeys keys = new ApiKeys(server.database().dataSource());
        key = keys.create("idempotency", Instant.now()).secret();
        otherKey = keys.create("other", Instant.now()).secret();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpRequest post(String path, String apiKey, String idempotencyKey, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", apiKey);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }

    private static HttpResponse<String> send(String path, String apiKey, String idempotencyKey, String body) {
        return api.send(post(path, apiKey, idempotencyKey, body));
    }

    private static boolean replayed(HttpResponse<String> response) {
        return response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false);
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private static long autodialer() {
        return autodialer(api, key);
    }

    /** A new AUTODIAL FIXED autodialer over {@code api}, for the tests here and on PostgreSQL. */
    static long autodialer(TestApi api, String key) {
        ObjectNode task = JSON.createObjectNode();
        task.put("name", "Idempotent campaign " + System.nanoTime());
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
        HttpResponse<String> response = api.postJson(AUTODIAL, key, body.toString());
        assertEquals(200, response.statusCode(), response.body());
        return TestApi.json(response).path("data").asLong();
    }

    private static int numbersIn(long id) {
        return numbersIn(api, key, id);
    }

    static int numbersIn(TestApi api, String key, long id) {
        HttpResponse<String> response = api.postJson(AUTODIAL, key,
                "{\"action\":\"GET_NUMBERS\",\"id\":" + id + ",\"limit\":5000}");
        assertEquals(200, response.statusCode(), response.body());
        return TestApi.json(response).size();
    }

    @Test
    void addNumbersRetriedWithTheSameKeyAddsOnceAndAnswersTheFirstAnswerAgain() {
        long id = autodialer();
        String body = "{\"action\":\"ADD_NUMBERS\",\"id\":" + id + ",\"numbers\":[\"380671234567\",\"380671234568\"]}";
        String idem = newKey();

        HttpResponse<String> first = send(AUTODIAL, key, idem, body);
        HttpResponse<String> retry = send(AUTODIAL, key, idem, body);

        assertEquals(200, first.statusCode(), first.body());
        assertFalse(replayed(first));
        JsonNode added = TestApi.json(first).path("data");
        assertEquals(2, added.path("added").asInt(), first.body());
        assertEquals(200, retry.statusCode(), retry.body());
        assertTrue(replayed(retry), "the retry is marked as replayed");
        assertEquals(first.body(), retry.body());
        assertTrue(retry.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(2, numbersIn(id));
        // Without the key the same body does run again: its numbers are then all duplicates.
        HttpResponse<String> again = api.postJson(AUTODIAL, key, body);
        assertEquals("Numbers not added", TestApi.json(again).path("message").asText(), again.body());
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedWith422AndDoesNotAct() {
        String idem = newKey();
        HttpResponse<String> first = send("/test/count", key, idem, "{\"n\":1}");
        int after = counted.get();

        HttpResponse<String> other = send("/test/count", key, idem, "{\"n\":2}");
        HttpResponse<String> otherPath = send("/test/public", key, idem, "{\"n\":1}");

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(422, other.statusCode(), other.body());
        assertEquals(Map.of("status", "Error", "message", "Idempotency-Key '" + idem
                + "' was used with another request; use a new key for a different request"), TestApi.map(other));
        assertEquals(after, counted.get());
        // A public route is another caller ("public"), so the same key is free there.
        assertEquals(200, otherPath.statusCode(), otherPath.body());
    }

    @Test
    void keysAreThoseOfOneCallerOnly() {
        String idem = newKey();
        HttpResponse<String> mine = send("/test/count", key, idem, "{}");
        HttpResponse<String> theirs = send("/test/count", otherKey, idem, "{}");

        assertEquals(200, theirs.statusCode(), theirs.body());
        assertFalse(replayed(theirs));
        assertEquals(TestApi.json(mine).path("data").asInt() + 1, TestApi.json(theirs).path("data").asInt());
    }

    @Test
    void theSameKeyWhileTheFirstRequestRunsIsRefusedWith409() throws Exception {
        slowEntered = new CountDownLatch(1);
        slowRelease = new CountDownLatch(1);
        String idem = newKey();
        CompletableFuture<HttpResponse<String>> first = api.client().sendAsync(post("/test/slow", key, idem, "{}"),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(slowEntered.await(20, TimeUnit.SECONDS), "the first request reached its handler");

        HttpResponse<String> meanwhile = send("/test/slow", key, idem, "{}");
        slowRelease.countDown();
        HttpResponse<String> done = first.get(20, TimeUnit.SECONDS);
        HttpResponse<String> after = send("/test/slow", key, idem, "{}");

        assertEquals(409, meanwhile.statusCode(), meanwhile.body());
        assertEquals(Map.of("status", "Error", "message", "A request with this Idempotency-Key is still being "
                + "processed; retry when it has finished"), TestApi.map(meanwhile));
        assertEquals(200, done.statusCode(), done.body());
        assertEquals(200, after.statusCode(), after.body());
        assertTrue(replayed(after));
        assertEquals(done.body(), after.body());
    }

    @Test
    void aKeyLongerThan255CharactersOrNotPrintableAsciiIsA400() {
        int before = counted.get();
        HttpResponse<String> tooLong = send("/test/count", key, "k".repeat(256), "{}");
        HttpResponse<String> longest = send("/test/count", key, "k".repeat(255), "{}");

        assertEquals(400, tooLong.statusCode(), tooLong.body());
        assertEquals(Map.of("status", "Error", "message",
                "Wrong value for header 'Idempotency-Key': expected 1 to 255 characters, was 256"), TestApi.map(tooLong));
        assertEquals(200, longest.statusCode(), longest.body());
        assertEquals(before + 1, counted.get());
    }

    @Test
    void aPublicRouteHonoursTheKeyToo() {
        String idem = newKey();
        HttpResponse<String> first = send("/test/public", null, idem, "{}");
        HttpResponse<String> retry = send("/test/public", null, idem, "{}");

        assertEquals(200, first.statusCode(), first.body());
        assertTrue(replayed(retry));
        assertEquals(first.body(), retry.body());
        assertEquals(TestApi.json(first).path("data").asInt(), publicCounted.get());
    }

    @Test
    void a5xxAnswerIsNotStoredSoTheRetryRunsAgain() {
        String idem = newKey();
        HttpResponse<String> first = send("/test/fail", key, idem, "{}");
        HttpResponse<String> retry = send("/test/fail", key, idem, "{}");

        assertEquals(500, first.statusCode(), first.body());
        assertEquals(500, retry.statusCode(), retry.body());
        assertFalse(replayed(retry));
        assertEquals(2, failures.get());
    }

    @Test
    void after24HoursTheKeyIsForgottenAndTheRequestRunsAgain() {
        String idem = newKey();
        HttpResponse<String> first = send("/test/count", key, idem, "{}");
        now.updateAndGet(t -> t.plus(Duration.ofHours(23)));
        HttpResponse<String> within = send("/test/count", key, idem, "{}");
        now.updateAndGet(t -> t.plus(Duration.ofHours(1).plusSeconds(1)));
        HttpResponse<String> after = send("/test/count", key, idem, "{\"other\":true}");

        assertTrue(replayed(within));
        assertEquals(first.body(), within.body());
        assertEquals(200, after.statusCode(), after.body());
        assertFalse(replayed(after), "a day later the key is new again, even for another body");
        assertEquals(TestApi.json(first).path("data").asInt() + 1, TestApi.json(after).path("data").asInt());
    }
}
