package org.outdial.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
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
import org.outdial.engine.error.EngineException;

/** The HTTP layer over real HTTP: routing, auth, bodies, and the error map. */
class ApiServerTest {

    private static final int MAX_BODY = 4096;

    /** What the test routes bind: a task with a number and a list. */
    record Task(String name, int threadCount, List<Integer> weekdays, Mode mode) {
    }

    enum Mode { FIXED, FREE, SMART }

    private static OutdialServer server;
    private static TestApi api;
    private static String key;

    @BeforeAll
    static void start() {
        RouteGroup testRoutes = router -> router
                .post("/test/task", request -> Response.data(request.bind("task", Task.class)))
                .post("/test/whole", request -> Response.data(request.bind(Task.class)))
                .post("/test/engine", request -> {
                    throw new EngineException(EngineException.Kind.valueOf(request.query("kind").orElseThrow()),
                            "Engine says no", request.query("data").map(List::of).orElse(null));
                })
                .post("/test/boom", request -> {
                    throw new IllegalStateException("secret internals at com.example.Foo");
                })
                .post("/test/form", request -> {
                    Map<String, Object> data = new LinkedHashMap<>(request.form());
                    request.query("type").ifPresent(type -> data.put("queryType", type));
                    request.files().forEach(part -> data.put(part.name(),
                            part.filename() + ":" + part.contentType() + ":" + new String(part.content(), StandardCharsets.UTF_8)));
                    return Response.data(data);
                })
                .post("/test/raw", request -> Response.json(List.of(1, 2, 3)))
                .post("/test/caller", request -> Response.success(request.caller().keyName()));
        server = OutdialServer.start(TestApi.config(MAX_BODY, RateLimitSettings.unlimited()),
                InstantSource.system(), List.of(testRoutes));
        api = new TestApi(server.port());
        key = new ApiKeys(server.database().dataSource()).create("tests", Instant.now()).secret();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMissingKeyIsRefusedWith401AndTheErrorShape() {
        HttpResponse<String> response = api.postJson("/test/caller", null, "{}");

        assertEquals(401, response.statusCode());
        assertEquals(Map.of("status", "Error", "message", "Missing API key: send it in the Authorization header"),
                TestApi.map(response));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void aWrongKeyIsRefusedWith401() {
        HttpResponse<String> raw = api.postJson("/test/caller", "not-a-key", "{}");
        HttpResponse<String> bearer = api.postJson("/test/caller", "Bearer not-a-key", "{}");

        assertEquals(401, raw.statusCode());
        assertEquals(Map.of("status", "Error", "message", "Invalid API key"), TestApi.map(raw));
        assertEquals(401, bearer.statusCode());
    }

    @Test
    void theKeyIsAcceptedRawAndAsBearer() {
        HttpResponse<String> raw = api.postJson("/test/caller", key, "{}");
        HttpResponse<String> bearer = api.postJson("/test/caller", "Bearer " + key, "{}");

        assertEquals(200, raw.statusCode(), raw.body());
        assertEquals(Map.of("status", "Success", "message", "tests"), TestApi.map(raw));
        assertEquals(200, bearer.statusCode(), bearer.body());
    }

    @Test
    void healthNeedsNoKeyAndReportsTheDatabase() {
        HttpResponse<String> response = api.get("/api/health", null);

        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"Success\",\"data\":{\"database\":\"UP\"}}", response.body());
    }

    @Test
    void aFieldIsBoundToATypedRecord() {
        HttpResponse<String> response = api.postJson("/test/task", key,
                "{\"action\":\"ADD\",\"task\":{\"name\":\"a\",\"threadCount\":5,\"weekdays\":[1,2],\"mode\":\"FREE\",\"extra\":true}}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"status\":\"Success\",\"data\":{\"name\":\"a\",\"threadCount\":5,\"weekdays\":[1,2],\"mode\":\"FREE\"}}",
                response.body());
    }

    @Test
    void aWrongTypeNamesTheFieldWithItsPrefix() {
        assertBadRequest(api.postJson("/test/task", key, "{\"task\":{\"threadCount\":\"many\"}}"),
                "Wrong value for 'task.threadCount': expected a number");
        assertBadRequest(api.postJson("/test/task", key, "{\"task\":{\"weekdays\":[1,\"x\"]}}"),
                "Wrong value for 'task.weekdays[1]': expected a number");
        assertBadRequest(api.postJson("/test/task", key, "{\"task\":{\"weekdays\":{}}}"),
                "Wrong value for 'task.weekdays': expected an array");
        assertBadRequest(api.postJson("/test/task", key, "{\"task\":{\"mode\":\"FAST\"}}"),
                "Wrong value for 'task.mode': expected one of FIXED, FREE, SMART, was 'FAST'");
        assertBadRequest(api.postJson("/test/task", key, "{\"task\":[1]}"),
                "Wrong value for 'task': expected an object");
        assertBadRequest(api.postJson("/test/whole", key, "{\"threadCount\":{}}"),
                "Wrong value for 'threadCount': expected a number");
    }

    @Test
    void malformedJsonIsA400ThatSaysWhere() {
        HttpResponse<String> response = api.postJson("/test/task", key, "{\"task\": {\"name\": }");

        assertEquals(400, response.statusCode());
        JsonNode body = TestApi.json(response);
        assertEquals("Error", body.get("status").asText());
        assertTrue(body.get("message").asText().startsWith("Malformed JSON: "), body.toString());
        assertTrue(body.get("message").asText().contains("line 1, column"), body.toString());
        assertNoInternals(response);
    }

    @Test
    void anUnclosedObjectSaysWhereItWasOpened() {
        assertBadRequest(api.postJson("/test/task", key, "{\"task\": {"),
                "Malformed JSON: Unexpected end-of-input: expected close marker for Object"
                        + " (opened at line 1, column 10) (line 1, column 11)");
    }

    @Test
    void aBodyThatIsNotAnObjectIsA400() {
        assertBadRequest(api.postJson("/test/task", key, "[1,2]"), "Request body must be a JSON object, was an array");
        assertBadRequest(api.postJson("/test/task", key, "\"text\""), "Request body must be a JSON object, was a string");
        assertBadRequest(api.postJson("/test/task", key, ""), "Request body is empty; expected a JSON object");
    }

    @Test
    void aBodyOverTheLimitIsA413WithTheErrorShape() {
        String big = "{\"task\":{\"name\":\"" + "x".repeat(MAX_BODY) + "\"}}";

        HttpResponse<String> response = api.postJson("/test/task", key, big);

        assertEquals(413, response.statusCode());
        assertEquals(Map.of("status", "Error", "message", "Request body too large: the limit is 4096 bytes"),
                TestApi.map(response));
        assertEquals(200, api.postJson("/test/caller", key, "{}").statusCode(), "the server still serves");
    }

    @Test
    void anUnknownPathIsA404AndAWrongMethodA405() {
        HttpResponse<String> unknown = api.postJson("/api/nothing", key, "{}");
        HttpResponse<String> wrongMethod = api.get("/test/task", key);

        assertEquals(404, unknown.statusCode());
        assertEquals(Map.of("status", "Error", "message", "Unknown path: /api/nothing"), TestApi.map(unknown));
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElse(""));
        assertEquals("Error", TestApi.json(wrongMethod).get("status").asText());
    }

    @Test
    void engineRefusalsMapToTheirStatusWithTheSeedsMessageAndData() {
        Map<String, Integer> expected = Map.of("INVALID", 400, "NOT_FOUND", 404, "CONFLICT", 409,
                "BUSY", 409, "TOO_LARGE", 413);
        expected.forEach((kind, status) -> {
            HttpResponse<String> response = api.postJson("/test/engine?kind=" + kind, key, "{}");
            assertEquals(status, response.statusCode(), kind);
            assertEquals(Map.of("status", "Error", "message", "Engine says no"), TestApi.map(response), kind);
        });

        HttpResponse<String> withData = api.postJson("/test/engine?kind=INVALID&data=123abc", key, "{}");
        assertEquals("{\"status\":\"Error\",\"message\":\"Engine says no\",\"data\":[\"123abc\"]}", withData.body());
    }

    @Test
    void anUnexpectedFailureIsA500WithoutInternalsAndWithAnErrorId() {
        HttpResponse<String> response = api.postJson("/test/boom", key, "{}");

        assertEquals(500, response.statusCode());
        assertEquals("{\"status\":\"Error\",\"message\":\"Internal error\"}", response.body());
        assertTrue(response.headers().firstValue(ErrorMapper.ERROR_ID_HEADER).orElse("").matches("[0-9a-f]{8}"));
    }

    @Test
    void aBareArrayCanBeReturnedWithoutTheEnvelope() {
        HttpResponse<String> response = api.postJson("/test/raw", key, "{}");

        assertEquals("[1,2,3]", response.body());
    }

    @Test
    void multipartFieldsAndFilesReachTheHandler() {
        String boundary = "----outdial-test";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"name\"\r\n\r\n"
                + "Привет\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"type\"\r\n\r\n"
                + "AUTODIAL\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"hello.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n"
                + "RIFF-data\r\n"
                + "--" + boundary + "--\r\n";

        HttpResponse<String> response = api.post("/test/form", key, "multipart/form-data; boundary=" + boundary, body);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode data = TestApi.json(response).get("data");
        assertEquals("Привет", data.get("name").asText());
        assertEquals("AUTODIAL", data.get("type").asText());
        assertEquals("hello.wav:audio/wav:RIFF-data", data.get("file").asText());
    }

    @Test
    void urlEncodedFieldsAndQueryParametersReachTheHandler() {
        HttpResponse<String> response = api.post("/test/form?type=AUDIO_TYPES", key,
                "application/x-www-form-urlencoded", "name=a+b&temp=true");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"status\":\"Success\",\"data\":{\"name\":\"a b\",\"temp\":\"true\",\"queryType\":\"AUDIO_TYPES\"}}",
                response.body());
    }

    @Test
    void aMalformedMultipartBodyIsA400() {
        HttpResponse<String> noBoundary = api.post("/test/form", key, "multipart/form-data", "garbage");
        HttpResponse<String> unterminated = api.post("/test/form", key, "multipart/form-data; boundary=xyz",
                "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue-without-end");

        assertEquals(400, noBoundary.statusCode(), noBoundary.body());
        assertEquals("Malformed form data: multipart/form-data needs a boundary",
                TestApi.json(noBoundary).get("message").asText());
        assertEquals(400, unterminated.statusCode(), unterminated.body());
        assertTrue(TestApi.json(unterminated).get("message").asText().startsWith("Malformed form data"),
                unterminated.body());
    }

    @Test
    void badInputNeverProducesA500OrAStackTrace() {
        List<String> bodies = List.of("{", "}", "nul", "{\"task\":", "{\"task\":{\"threadCount\":1e999}}",
                "{\"task\":{\"threadCount\":99999999999999999999}}", "[[[[[[[[[[", "\u0000\u0001", "{\"a\":\"\\u12\"}");
        for (String body : bodies) {
            HttpResponse<String> response = api.postJson("/test/task", key, body);
            assertEquals(400, response.statusCode(), body + " -> " + response.body());
            assertEquals("Error", TestApi.json(response).get("status").asText());
            assertNoInternals(response);
        }
    }

    @Test
    void keepAliveConnectionsServeSeveralRequests() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(api.uri("/test/caller"))
                .header("Authorization", key)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        for (int i = 0; i < 5; i++) {
            assertEquals(200, api.client().send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    private static void assertBadRequest(HttpResponse<String> response, String message) {
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(Map.of("status", "Error", "message", message), TestApi.map(response));
    }

    private static void assertNoInternals(HttpResponse<String> response) {
        String body = response.body();
        assertFalse(body.contains("com.fasterxml"), body);
        assertFalse(body.contains("org.outdial"), body);
        assertFalse(body.contains("Exception"), body);
        assertFalse(body.contains("\tat "), body);
        assertFalse(body.contains("Source"), body);
        assertFalse(body.contains("StreamReadFeature"), body);
    }
}
