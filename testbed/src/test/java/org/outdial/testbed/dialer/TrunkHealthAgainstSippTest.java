package org.outdial.testbed.dialer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.outdial.api.OutdialServer;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.api.config.OutdialConfig;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testbed.sipp.CalleeNumbers;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testbed.sipp.SippReport;

/**
 * A trunk that does not answer, tried as a user would: the real server dialing through a trunk
 * with nothing on its port, then a SIPp that appears there; and a SIPp trunk that answers 503.
 * The breaker's defaults (5 failures in a row, an OPTIONS every 5 s) are the ones in production.
 */
class TrunkHealthAgainstSippTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<SippProcess> sipps = new ArrayList<>();
    private OutdialServer server;
    private Api api;

    private void start(int trunkPort, String transport) {
        int rtp = LoopbackPorts.evenRange(100);
        OutdialConfig defaults = OutdialConfig.defaults();
        OutdialConfig config = new OutdialConfig(new OutdialConfig.Http(0, "127.0.0.1"),
                StorageSettings.h2Memory("trunk-" + UUID.randomUUID()),
                new OutdialConfig.Sip("127.0.0.1", LoopbackPorts.sipPort(), rtp + "-" + (rtp + 99)),
                List.of(new TrunkSettings("carrier", "127.0.0.1", trunkPort, transport, null, null, "15550100", "",
                        50, 50)),
                new OutdialConfig.Api(defaults.api().maxBodyBytes(), RateLimitSettings.unlimited()),
                new OutdialConfig.Dialer(Duration.ofSeconds(5)), defaults.audio());
        server = OutdialServer.start(config);
        api = new Api(server.port(), new ApiKeys(server.database().dataSource()).create("t", Instant.now()).secret());
    }

    @AfterEach
    void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            sipps.forEach(SippProcess::close);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    private JsonNode health() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/health")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return Api.JSON.readTree(response.body()).path("data");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String trunkStatus() {
        return health().path("trunks").path(0).path("status").asText();
    }

    private static String number(int serial, String behaviour) {
        return "38067" + String.format("%03d", serial) + behaviour;
    }

    @Test
    void aCampaignOnATrunkWithNothingOnItsPortBurnsNoNumberAndCallsEveryNumberOnceItComesBack() throws Exception {
        // TCP: a port with nothing on it refuses the connection at once (Q.850 38); over UDP the same
        // trunk takes Timer B's 32 s per INVITE to fail (102), which docs/DIALER.md describes.
        int port = LoopbackPorts.sipPort();
        start(port, "tcp");
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            numbers.add(number(i, i % 2 == 0 ? CalleeNumbers.ANSWER_THEN_HANG_UP : CalleeNumbers.finalResponse(486)));
        }
        long id = api.createCampaign("dead trunk", 2, null);
        api.addNumbers(id, numbers);

        await("the trunk is marked down", Duration.ofSeconds(20), () -> trunkStatus().equals("DOWN"));
        assertEquals(6, api.stateCount(id, "NEW"), "no number used up an attempt");
        assertTrue(api.task(id).path("statusNote").asText().startsWith("trunk carrier has not answered"),
                api.task(id).toString());
        JsonNode history = api.history(id, 100);
        assertTrue(history.path("count").asLong() >= 5, "the failed INVITEs are in the history: " + history);
        assertEquals(38, history.path("items").path(0).path("q850Cause").asInt(), history.toString());
        long failedAttempts = history.path("count").asLong();

        sipps.add(SippProcess.calleeOn(port, Duration.ofMinutes(2), "-t", "t1", "-aa"));
        await("FINISHED once the trunk answers OPTIONS", Duration.ofSeconds(30),
                () -> api.status(id).equals("FINISHED"));

        assertEquals(3, api.stateCount(id, "ANSW_RJCT"));
        assertEquals(3, api.stateCount(id, "BUSY"));
        assertEquals("UP", trunkStatus());
        assertEquals(failedAttempts + 6, api.history(id, 100).path("count").asLong(), "each number called once more");
        for (String n : numbers) {
            assertEquals(1, api.action(Api.body("GET_NUMBER", id).put("number", n)).path("realCalledCount").asInt(), n);
        }
        SippReport report = sipps.getFirst().stop();
        assertEquals(6, report.counter("TotalCallCreated") - report.counter("OutOfCallMsgs"),
                "SIPp saw one INVITE per number: " + report.stats());
    }

    @Test
    void aTrunkAnswering503IsMarkedDownAfterFiveAndUsedAgainWhenItAnswersOptions() throws Exception {
        SippProcess sipp = SippProcess.callee(Duration.ofMinutes(2), "-aa");
        sipps.add(sipp);
        start(sipp.sipPort(), "udp");
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            numbers.add(number(i, CalleeNumbers.finalResponse(503)));
        }
        for (int i = 5; i < 10; i++) {
            numbers.add(number(i, CalleeNumbers.ANSWER_THEN_HANG_UP));
        }
        long id = api.createCampaign("503 trunk", 1, null);
        api.addNumbers(id, numbers);

        await("FINISHED", Duration.ofSeconds(30), () -> api.status(id).equals("FINISHED"));
        assertEquals(5, api.stateCount(id, "BUSYOUT"), "a 503 is the seed's 'not enough lines'");
        assertEquals(5, api.stateCount(id, "ANSW_RJCT"));
        JsonNode events = api.history(id, 100);
        assertEquals(10, events.path("count").asLong());
        assertEquals("UP", trunkStatus());
    }
}
