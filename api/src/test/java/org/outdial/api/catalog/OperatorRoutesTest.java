package org.outdial.api.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.outdial.api.OutdialServer;
import org.outdial.api.TestApi;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.operator.WorkStatus;

/** /api/phones/inner/setStatus over real HTTP, against the server's own database. */
class OperatorRoutesTest {

    private static OutdialServer server;
    private static TestApi api;
    private static String key;

    @BeforeAll
    static void start() {
        server = OutdialServer.start(TestApi.config(1 << 20, RateLimitSettings.unlimited()), InstantSource.system(),
                List.of());
        api = new TestApi(server.port());
        key = new ApiKeys(server.database().dataSource()).create("operators", Instant.now()).secret();
        ok(api.postJson("/api/phones/inner/action", key,
                "{\"action\":\"ADD\",\"phone\":{\"number\":\"4030\",\"password\":\"s3cret-pass\"}}"));
    }

    @AfterAll
    static void stop() {
        server.close();
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

    private static HttpResponse<String> setStatus(String json) {
        return api.postJson("/api/phones/inner/setStatus", key, json);
    }

    private static WorkStatus stored(String number) {
        return new Operators(server.database().dataSource(), InstantSource.system()).workStatus(number);
    }

    @Test
    void setStatusStoresTheWorkStatus() {
        ok(setStatus("{\"number\":\"4030\",\"status\":\"PAUS\"}"));
        assertEquals(WorkStatus.PAUS, stored("4030"));
        ok(setStatus("{\"number\":4030,\"status\":\"STOP\",\"statusName\":null}"));
        assertEquals(WorkStatus.STOP, stored("4030"));
        ok(setStatus("{\"number\":\"4030\",\"status\":\"WORK\"}"));
        assertEquals(WorkStatus.WORK, stored("4030"));
    }

    @Test
    void setStatusRefusesAnUnknownLineAWrongStatusAndACustomStatusName() {
        refused(404, "Operator not found: 9999", setStatus("{\"number\":\"9999\",\"status\":\"WORK\"}"));
        refused(400, "Wrong status", setStatus("{\"number\":\"4030\",\"status\":\"LUNCH\"}"));
        refused(400, "status is null", setStatus("{\"number\":\"4030\"}"));
        refused(400, "number is null", setStatus("{\"status\":\"WORK\"}"));
        refused(404, "Status name not found: Cold Calling",
                setStatus("{\"number\":\"4030\",\"status\":\"WORK\",\"statusName\":\"Cold Calling\"}"));
    }

    @Test
    void aLineWhosePhoneIsNotRegisteredIsOfflineWhateverItsWorkStatus() {
        ok(setStatus("{\"number\":\"4030\",\"status\":\"WORK\"}"));
        assertEquals("offline", ok(api.postJson("/api/phones/inner", key, "")).get("data").get("4030").asText());
    }
}
