package org.outdial.api.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
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
import org.outdial.api.config.OutdialConfig;

/** Seed 000's envelope and common errors over real HTTP against a started server (no trunk). */
class CallApiEnvelopeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static OutdialServer server;
    private static TestApi api;
    private static String key;

    @BeforeAll
    static void start() {
        OutdialConfig base = TestApi.config(64 << 20, RateLimitSettings.unlimited());
        server = OutdialServer.start(base.withJsonRpc(new OutdialConfig.JsonRpc("127.0.0.1", 1000, 100_000,
                Duration.ZERO, "", "74993720692", false, 1000, 0, true, "*", "")), InstantSource.system(), List.of());
        api = new TestApi(server.port());
        key = new ApiKeys(server.database().dataSource()).create("crm", Instant.now()).secret();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode call(String body) throws Exception {
        HttpResponse<String> r = api.post("/v4.0", null, "application/json; charset=UTF-8", body);
        return JSON.readTree(r.body());
    }

    private static void refused(String body, int code, String mnemonic, String message, String field) throws Exception {
        JsonNode reply = call(body);
        JsonNode error = reply.path("error");
        assertEquals(code, error.path("code").asInt(), reply.toString());
        assertEquals(mnemonic, error.path("data").path("mnemonic").asText(), reply.toString());
        assertEquals(message, error.path("message").asText(), reply.toString());
        if (field != null) {
            assertEquals(field, error.path("data").path("field").asText(), reply.toString());
        }
        assertEquals("2.0", reply.path("jsonrpc").asText());
    }

    @Test
    void theEnvelopesEdgeCasesAreRefusedWithTheSeedsCodesAndMnemonics() throws Exception {
        refused("{\"jsonrpc\":", -32700, "parse_error", "Invalid JSON was received by the server.", null);
        refused("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"list.calls\",\"params\":{}}]", -32099,
                "batch_opreations_not_supported", "Batch operations not supported", null);
        refused("{\"jsonrpc\":\"2.0\",\"method\":\"list.calls\",\"params\":{}}", -32099,
                "notifications_not_supported", "Notifications not supported", null);
        String invalid = "Invalid Request The JSON sent is not a valid Request object";
        refused("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"list.calls\",\"params\":{}}", -32600, "invalid_request",
                invalid, "jsonrpc");
        refused("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"list.calls\",\"params\":{}}", -32600, "invalid_request",
                invalid, "id");
        refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"list.calls\"}", -32600, "invalid_request", invalid, "params");
        refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"no.such\",\"params\":{}}", -32601, "method_not_found",
                "The method does not exist / is not available", "method");
        refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"list.calls\",\"params\":{}}", -32602,
                "required_parameter_missed", "The required parameter has been missed", "access_token");
        refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"list.calls\",\"params\":{\"access_token\":5}}", -32602,
                "data_type_error", "Data supplied is of wrong type", "access_token");
        refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"list.calls\",\"params\":{\"access_token\":\"nope\"}}",
                -32001, "access_token_invalid", "Access token is invalid", null);
        refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"list.calls\",\"params\":{\"access_token\":\"" + key
                + "\",\"extra\":1}}", -32602, "unexpected_parameters", "Unexpected method parameter(s)", "extra");
        refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"login.user\",\"params\":{\"login\":\"crm\",\"password\":\"x\"}}",
                -32001, "auth_error", "Login or password is wrong", null);
    }

    @Test
    void loginGivesASessionKeyThatWorksUntilLogout() throws Exception {
        JsonNode login = call("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"login.user\",\"params\":{\"login\":\"crm\","
                + "\"password\":\"" + key + "\"}}");
        assertEquals("a", login.path("id").asText());
        String token = login.path("result").path("data").path("access_token").asText();
        assertTrue(token.length() > 20, login.toString());
        assertTrue(login.path("result").path("metadata").path("limits").path("minute_limit").asInt() == 1000,
                login.toString());
        JsonNode out = call("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logout.user\",\"params\":{\"access_token\":\""
                + token + "\"}}");
        assertTrue(out.path("result").path("data").path("success").asBoolean(), out.toString());
        refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logout.user\",\"params\":{\"access_token\":\"" + token + "\"}}",
                -32001, "access_token_invalid", "Access token is invalid", null);
    }
}
