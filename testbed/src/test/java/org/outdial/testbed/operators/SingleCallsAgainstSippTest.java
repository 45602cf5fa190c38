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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testing.Await;

/**
 * Seed 004's single calls end to end, every peer a real SIP process: the trunk is SIPp's callee
 * ({@code callee.xml}: answers and stays until BYE), the operator a SIPp phone registering line
 * 2101 that answers what Outdial offers and never hangs up ({@code operator-calls.xml}).
 * /phones/directCall rings the line, then the number, and bridges them; /calls/hangup ends it;
 * /history/get shows it. originateNew plays a synthesis and hangs up. An autodialer's call is the
 * same call record through GET_CALLS_HISTORY and /history/get.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleCallsAgainstSippTest {

    private static final String LINE = "2101";
    private static final String PASSWORD = "secret-";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Path dir;
    private SippProcess callee;
    private Path calleeTrace;
    private OperatorsServer outdial;
    private SippOperators operator;
    private String key;
    private long profile;

    @BeforeAll
    void startPeersAndServer() throws IOException {
        dir = Files.createTempDirectory("outdial-single-");
        calleeTrace = dir.resolve("callee.log");
        callee = SippProcess.callee(Duration.ofMinutes(5), "-trace_shortmsg", "-shortmessage_file", calleeTrace.toString());
        outdial = OperatorsServer.start(callee.sipPort(), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(60));
        key = outdial.key;
        outdial.api.addPhone(LINE, PASSWORD + LINE);
        operator = SippOperators.start(outdial.sipPort, List.of(LINE), PASSWORD, dir, "operator-calls.xml");
        Await.until("the SIPp operator online", Duration.ofSeconds(20),
                () -> outdial.api.lineStatus(LINE).equals("online"));
        ObjectNode add = JSON.createObjectNode().put("action", "ADD");
        add.putObject("profile").put("name", "voice").put("voice", "en-us").put("speed", 170).put("pitch", 50);
        profile = outdial.api.post("ttsProfiles/action", add).path("data").asLong();
    }

    @AfterAll
    void stop() {
        try {
            if (operator != null) {
                operator.close();
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
    void directCallRingsTheOperatorThenTheNumberBridgesThemAndHangupEndsBoth() {
        LocalDateTime since = LocalDateTime.now().minusMinutes(1);
        operator.mark();
        int calleeMark = ShortMessages.read(calleeTrace).size();

        JsonNode called = form("/api/phones/directCall", "sip=" + LINE + "&number=380671110001&meta=lead-7");
        assertEquals("Called", called.path("message").asText(), called.toString());
        long id = called.path("data").path("id").asLong();

        // The operator's phone rings and answers first; only then is the number dialed, and it answers too.
        List<ShortMessages.SipCall> atOperator = Await.until("the operator answered", Duration.ofSeconds(10),
                () -> operator.calls(LINE), c -> c.size() == 1 && c.getFirst().answered());
        List<ShortMessages.SipCall> atCallee = Await.until("the callee answered", Duration.ofSeconds(10),
                () -> ShortMessages.callsReceived(ShortMessages.readFrom(calleeTrace, calleeMark)),
                c -> c.size() == 1 && c.getFirst().answered());
        assertTrue(atCallee.getFirst().invitedAt() >= atOperator.getFirst().invitedAt(),
                "the number is dialed after the operator's line: " + atOperator + " / " + atCallee);
        // A second call to the same number while this one is up is refused.
        JsonNode again = json("/api/calls/originateNew", "{\"phone\":\"380671110001\",\"audios\":[{\"tts\":{\"text\":\"x\","
                + "\"settingsId\":" + profile + "}}]}", 409);
        assertEquals("Call already in progress", again.path("message").asText());
        sleep(Duration.ofMillis(1500)); // a talk of a second or more

        // Hung up by the operator's line number, as the seed allows ("by internal/external line number").
        assertEquals("Found: 1", json("/api/calls/hangup", "{\"number\":\"" + LINE + "\"}", 200).path("message").asText());
        Await.until("both legs ended at the peers", Duration.ofSeconds(10),
                () -> operator.calls(LINE).getFirst().ended()
                        && ShortMessages.callsReceived(ShortMessages.readFrom(calleeTrace, calleeMark)).getFirst().ended());

        JsonNode call = awaitInHistory(since, id);
        assertEquals("DIRECT", call.path("source").asText());
        assertEquals("ANSWER", call.path("state").asText(), "the callee was connected to the operator: " + call);
        assertEquals(LINE, call.path("from").asText());
        assertEquals("380671110001", call.path("to").path(0).asText());
        assertEquals("lead-7", call.path("comment").asText());
        assertEquals("outdial", call.path("hangupBy").asText());
        assertEquals(200, call.path("sipCode").asInt());
        assertTrue(call.path("secondsTalk").asInt() >= 1, "the bridged talk: " + call);
        assertTrue(call.path("secondsFullTime").asInt() >= call.path("secondsTalk").asInt(), call.toString());
        // The line is free again for the next call.
        Await.until("the line ready again", Duration.ofSeconds(10), () -> outdial.api.lineStatus(LINE).equals("online"));
    }

    @Test
    void originateNewPlaysTheSynthesisToTheNumberAndHangsUp() {
        LocalDateTime since = LocalDateTime.now().minusMinutes(1);
        int calleeMark = ShortMessages.read(calleeTrace).size();
        JsonNode placed = json("/api/calls/originateNew", "{\"phone\":\"380671110002\",\"meta\":\"reminder\","
                + "\"audios\":[{\"tts\":{\"text\":\"Your order is ready for collection\",\"settingsId\":" + profile
                + "}}]}", 200);
        long id = placed.path("data").path("id").asLong();
        JsonNode call = awaitInHistory(since, id);
        assertEquals("API", call.path("source").asText());
        assertEquals("ANSW_RJCT", call.path("state").asText(), "answered, no operator: " + call);
        assertEquals("outdial", call.path("hangupBy").asText(), "Outdial hangs up after the audio: " + call);
        assertTrue(call.path("secondsTalk").asInt() >= 1, "the synthesis played for a second or more: " + call);
        List<ShortMessages.SipCall> atCallee = ShortMessages.callsReceived(ShortMessages.readFrom(calleeTrace, calleeMark));
        assertEquals(1, atCallee.size(), "one call reached SIPp: " + atCallee);
        assertTrue(atCallee.getFirst().answered() && atCallee.getFirst().ended(), atCallee.toString());
    }

    @Test
    void anAutodialersCallShowsTheSameFactsInGetCallsHistoryAndHistoryGet() {
        LocalDateTime since = LocalDateTime.now().minusMinutes(1);
        long autodialer = outdial.api.add(AutodialerTask.autodial("one call").silence(Duration.ofMillis(500)));
        outdial.api.addNumbers(autodialer, List.of("380671110003"));
        Await.until("FINISHED", Duration.ofSeconds(30), () -> outdial.api.status(autodialer).equals("FINISHED"));
        JsonNode record = outdial.history(autodialer).getFirst();
        JsonNode call = awaitInHistory(since, record.path("rid").asLong());
        assertEquals("AUTODIAL", call.path("source").asText());
        assertEquals(autodialer, call.path("autodialerId").asLong());
        assertEquals(record.path("id").asLong(), call.path("dbid").asLong());
        assertEquals(record.path("phone").asText(), call.path("to").path(0).asText());
        assertEquals(record.path("state").asText(), call.path("state").asText());
        assertEquals(record.path("secondsTalk").asInt(), call.path("secondsTalk").asInt());
        assertEquals(record.path("sipCode").asInt(), call.path("sipCode").asInt());
        assertEquals(record.path("q850Cause").asInt(), call.path("cause").asInt());
        assertEquals(record.path("hangupBy").asText(), call.path("hangupBy").asText());
    }

    @Test
    void jsonRpcInformerCallPlaysTheSynthesisAndIsInTheHistoryUnderItsCallSessionId() {
        LocalDateTime since = LocalDateTime.now().minusMinutes(1);
        JsonNode reply = json("/v4.0", "{\"jsonrpc\":\"2.0\",\"id\":\"r1\",\"method\":\"start.informer_call\","
                + "\"params\":{\"access_token\":\"" + key + "\",\"virtual_phone_number\":\"442079460000\","
                + "\"contact\":\"442079460123\",\"external_id\":\"crm-9\",\"contact_message\":{\"type\":\"tts\","
                + "\"value\":\"Your order is ready for collection\"}}}", 200);
        long id = reply.path("result").path("data").path("call_session_id").asLong();
        assertTrue(id > 0, reply.toString());
        JsonNode call = awaitInHistory(since, id);
        assertEquals("API", call.path("source").asText());
        assertEquals("ANSW_RJCT", call.path("state").asText(), call.toString());
        assertEquals("crm-9", call.path("comment").asText());
        assertTrue(call.path("secondsTalk").asInt() >= 1, "the synthesis played: " + call);
        // International calls are off by default: a US contact for a UK virtual number is refused.
        JsonNode refused = json("/v4.0", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"start.informer_call\","
                + "\"params\":{\"access_token\":\"" + key + "\",\"virtual_phone_number\":\"442079460000\","
                + "\"contact\":\"12125550100\",\"contact_message\":{\"type\":\"tts\",\"value\":\"x\"}}}", 200);
        assertEquals(-32002, refused.path("error").path("code").asInt(), refused.toString());
    }

    // ---- helpers

    private JsonNode awaitInHistory(LocalDateTime since, long id) {
        String body = "{\"dateFrom\":\"" + DATE_TIME.format(since) + "\",\"dateTo\":\""
                + DATE_TIME.format(LocalDateTime.now().plusMinutes(10)) + "\",\"limit\":1000}";
        return Await.until("call " + id + " in /history/get", Duration.ofSeconds(30), () -> {
            for (JsonNode call : json("/api/history/get", body, 200).path("calls")) {
                if (call.path("id").asLong() == id) {
                    return call;
                }
            }
            return null;
        }, c -> c != null);
    }

    private JsonNode json(String path, String body, int status) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), status);
    }

    private JsonNode form(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 200);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + outdial.server.port() + path);
    }

    private JsonNode send(HttpRequest.Builder request, int status) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request.header("Authorization", key)
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(status, response.statusCode(), response.body());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
