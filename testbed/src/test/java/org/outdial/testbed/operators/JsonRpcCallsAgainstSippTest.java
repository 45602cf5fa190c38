package org.outdial.testbed.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.outdial.engine.call.SingleCall;
import org.outdial.testbed.phones.OperatorPhones;
import org.outdial.testbed.phones.PhoneBehaviour;
import org.outdial.testbed.phones.PhoneLine;
import org.outdial.testbed.phones.PhonesSettings;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testing.Await;

/**
 * The JSON-RPC Call API's call methods over real HTTP against real peers: the contact is SIPp's
 * callee ({@code callee.xml}: answers, echoes RTP back, stays until BYE), the operator a simulated
 * phone registering line 2201 that answers, plays its own tone, listens (Goertzel) and never hangs
 * up. {@code start.simple_call} bridges them; {@code list.calls} shows the call and its legs;
 * {@code send.dtmf} digits go to SIPp and come back through its echo, decoded by Outdial's own leg;
 * {@code disconnect.leg} ends the call from one leg. SIPp's echo is how the operator hears the
 * contact: what the operator hears of itself went operator, bridge, contact, bridge, operator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonRpcCallsAgainstSippTest {

    private static final String LINE = "2201";
    private static final String PASSWORD = "secret-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SippProcess callee;
    private Path calleeTrace;
    private OperatorsServer outdial;
    private OperatorPhones phones;

    @BeforeAll
    void startPeersAndServer() throws Exception {
        Path dir = Files.createTempDirectory("outdial-jsonrpc-");
        calleeTrace = dir.resolve("callee.log");
        callee = SippProcess.callee(Duration.ofMinutes(5), "-trace_shortmsg", "-shortmessage_file", calleeTrace.toString());
        outdial = OperatorsServer.start(callee.sipPort(), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(60));
        outdial.api.addPhone(LINE, PASSWORD + LINE);
        phones = OperatorPhones.start(PhonesSettings.loopback("127.0.0.1", outdial.sipPort, 2201, 1,
                PhoneBehaviour.answersUntilHungUp(Duration.ofMillis(50))).withLines(List.of(new PhoneLine(LINE,
                PASSWORD + LINE))));
        assertTrue(phones.awaitRegistered(Duration.ofSeconds(10)), "the simulated operator phone registered");
        Await.until("the operator's line online", Duration.ofSeconds(10),
                () -> outdial.api.lineStatus(LINE).equals("online"));
    }

    @AfterAll
    void stop() {
        try {
            if (phones != null) {
                phones.close();
            }
            if (outdial != null) {
                outdial.close();
            }
        } finally {
            if (callee != null) {
                callee.close();
            }
        }
    }

    @Test
    void listCallsShowsTheSimpleCallWithItsLegsAndNotAfterItEnds() {
        long id = simpleCall("operator", "442079460101", "crm-list");
        JsonNode call = awaitListed(id, "both legs connected", c -> connected(c, "operator") && connected(c, "contact"));
        assertEquals(OperatorsServer.VIRTUAL_NUMBER, call.path("virtual_phone_number").asText(), call.toString());
        assertEquals("442079460101", call.path("contact_phone_number").asText(), call.toString());
        assertEquals(LINE, call.path("operator_phone_number").asText(), call.toString());
        assertEquals("crm-list", call.path("external_id").asText(), call.toString());
        assertEquals("in", call.path("direction").asText(), "the seed's default direction: " + call);
        assertTrue(call.path("start_time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), call.toString());
        assertEquals(2, call.path("legs").size(), call.toString());
        assertEquals(LINE, leg(call, "operator").path("phone_number").asText());
        assertEquals("442079460101", leg(call, "contact").path("phone_number").asText());
        assertTrue(leg(call, "operator").path("leg_id").asLong() != leg(call, "contact").path("leg_id").asLong(), call.toString());

        hangup(id);
        Await.until("the call gone from list.calls", Duration.ofSeconds(10), () -> listed(id) == null);
        Await.until("the line ready again", Duration.ofSeconds(10), () -> outdial.api.lineStatus(LINE).equals("online"));
    }

    @Test
    void sendDtmfDigitsReachSippAndComeBackThroughItsEcho() {
        long id = simpleCall("operator", "442079460102", null);
        JsonNode call = awaitListed(id, "both legs connected", c -> connected(c, "operator") && connected(c, "contact"));
        long contactLeg = leg(call, "contact").path("leg_id").asLong();
        // What SIPp echoes back is decoded by Outdial's own leg to it: the digits reached SIPp.
        SingleCall.Leg leg = outdial.server.singleCalls().find(id).orElseThrow().leg(contactLeg).orElseThrow();
        StringBuffer echoed = new StringBuffer();
        leg.call().onDtmf(e -> echoed.append(e.digit()));

        JsonNode sent = rpc("send.dtmf", params().put("call_session_id", id).put("leg_id", contactLeg).put("dtmf", "159#"));
        assertTrue(sent.path("result").path("data").path("success").asBoolean(), sent.toString());
        Await.until("SIPp echoed 159#", Duration.ofSeconds(10), () -> echoed.toString().equals("159#"));

        JsonNode noLeg = rpc("send.dtmf", params().put("call_session_id", id).put("leg_id", contactLeg + 1).put("dtmf", "1"));
        assertEquals("invalid_parameter_value", noLeg.path("error").path("data").path("mnemonic").asText(), noLeg.toString());
        assertEquals("leg_id", noLeg.path("error").path("data").path("field").asText(), noLeg.toString());
        JsonNode badDigits = rpc("send.dtmf", params().put("call_session_id", id).put("leg_id", contactLeg).put("dtmf", "12x"));
        assertEquals("dtmf", badDigits.path("error").path("data").path("field").asText(), badDigits.toString());

        hangup(id);
        Await.until("the call gone from list.calls", Duration.ofSeconds(10), () -> listed(id) == null);
        JsonNode gone = rpc("send.dtmf", params().put("call_session_id", id).put("leg_id", contactLeg).put("dtmf", "1"));
        assertEquals("call_session_not_found", gone.path("error").path("data").path("mnemonic").asText(), gone.toString());
        Await.until("the line ready again", Duration.ofSeconds(10), () -> outdial.api.lineStatus(LINE).equals("online"));
    }

    @Test
    void disconnectLegEndsTheOperatorsLegAndWithItTheCall() {
        int calleeMark = ShortMessages.read(calleeTrace).size();
        long id = simpleCall("operator", "442079460103", null);
        JsonNode call = awaitListed(id, "both legs connected", c -> connected(c, "operator") && connected(c, "contact"));
        JsonNode done = rpc("disconnect.leg", params().put("call_session_id", id)
                .put("leg_id", leg(call, "operator").path("leg_id").asLong()));
        assertTrue(done.path("result").path("data").path("success").asBoolean(), done.toString());
        Await.until("the call gone from list.calls", Duration.ofSeconds(10), () -> listed(id) == null);
        Await.until("the contact's leg ended at SIPp", Duration.ofSeconds(10),
                () -> ShortMessages.callsReceived(ShortMessages.readFrom(calleeTrace, calleeMark)).stream()
                        .anyMatch(ShortMessages.SipCall::ended));
        JsonNode gone = rpc("disconnect.leg", params().put("call_session_id", id).put("leg_id", 1));
        assertEquals("call_session_not_found", gone.path("error").path("data").path("mnemonic").asText(), gone.toString());
        Await.until("the line ready again", Duration.ofSeconds(10), () -> outdial.api.lineStatus(LINE).equals("online"));
    }

    @Test
    void refusalsNameTheParameterAndPlaceNoCall() {
        int calleeMark = ShortMessages.read(calleeTrace).size();
        ObjectNode call = params().put("virtual_phone_number", OperatorsServer.VIRTUAL_NUMBER)
                .put("contact", "442079460104").put("operator", LINE);
        JsonNode combination = rpc("start.simple_call", call.deepCopy().put("first_call", "contact")
                .put("early_switching", true));
        assertEquals("invalid_parameters_combination", mnemonic(combination), combination.toString());
        assertEquals("early_switching", combination.path("error").path("data").path("field").asText());
        JsonNode media = rpc("start.simple_call", call.deepCopy().put("first_call", "operator").put("media_file_id", 987654));
        assertEquals("media_file_not_found", mnemonic(media), media.toString());
        assertEquals("The media file with id 987654 not found", media.path("error").path("message").asText());
        JsonNode virtual = rpc("start.simple_call", call.deepCopy().put("first_call", "operator")
                .put("virtual_phone_number", "442079469999"));
        assertEquals("virtual_phone_number_not_found", mnemonic(virtual), virtual.toString());
        assertEquals(-32007, virtual.path("error").path("code").asInt());
        assertTrue(virtual.path("error").path("data").path("metadata").path("limits").has("minute_remaining"),
                virtual.toString());
        assertEquals(0, ShortMessages.callsReceived(ShortMessages.readFrom(calleeTrace, calleeMark)).size(),
                "no call reached SIPp");
    }

    private static String mnemonic(JsonNode reply) {
        return reply.path("error").path("data").path("mnemonic").asText();
    }

    // ---- helpers

    /** start.simple_call; the call_session_id. */
    private long simpleCall(String firstCall, String contact, String externalId) {
        ObjectNode p = params().put("first_call", firstCall).put("virtual_phone_number", OperatorsServer.VIRTUAL_NUMBER)
                .put("contact", contact).put("operator", LINE);
        if (externalId != null) {
            p.put("external_id", externalId);
        }
        JsonNode reply = rpc("start.simple_call", p);
        long id = reply.path("result").path("data").path("call_session_id").asLong();
        assertTrue(id > 0, reply.toString());
        return id;
    }

    private JsonNode awaitListed(long id, String what, Predicate<JsonNode> done) {
        return Await.until("call " + id + " in list.calls with " + what, Duration.ofSeconds(15), () -> listed(id),
                c -> c != null && done.test(c));
    }

    /** The call {@code id} as list.calls shows it now, or null. */
    private JsonNode listed(long id) {
        JsonNode reply = rpc("list.calls", params());
        assertTrue(reply.path("result").path("data").isArray(), reply.toString());
        for (JsonNode call : reply.path("result").path("data")) {
            if (call.path("call_session_id").asLong() == id) {
                return call;
            }
        }
        return null;
    }

    private static JsonNode leg(JsonNode call, String type) {
        for (JsonNode leg : call.path("legs")) {
            if (leg.path("type").asText().equals(type)) {
                return leg;
            }
        }
        return JSON.missingNode();
    }

    private static boolean connected(JsonNode call, String type) {
        return leg(call, type).path("state").asText().equals("connected");
    }

    private void hangup(long id) {
        assertEquals("Found: 1", json("/api/calls/hangup", "{\"id\":" + id + "}").path("message").asText());
    }

    private ObjectNode params() {
        return JSON.createObjectNode().put("access_token", outdial.key);
    }

    private JsonNode rpc(String method, ObjectNode params) {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", "t").put("method", method);
        request.set("params", params);
        return json("/v4.0", request.toString());
    }

    private JsonNode json(String path, String body) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + outdial.server.port() + path))
                    .header("Content-Type", "application/json").header("Authorization", outdial.key)
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
