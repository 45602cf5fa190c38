package org.outdial.testbed.dialer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;
import org.outdial.testing.Await;

/**
 * A trunk that does not answer, tried as a user would: the real server dialing through a trunk
 * with nothing on its port, then a SIPp that appears there; and a SIPp trunk that answers 503.
 * The breaker's defaults (5 failures in a row, an OPTIONS every 5 s) are the ones in production;
 * SIPp's {@code -aa} answers the OPTIONS probes with 200.
 */
class TrunkHealthAgainstSippTest {

    private final List<SippProcess> sipps = new ArrayList<>();
    private OutdialServer server;
    private UniTalkClient api;

    private void start(int trunkPort, Duration ringTimeout) {
        int rtp = LoopbackPorts.evenRange(100);
        OutdialConfig defaults = OutdialConfig.defaults();
        OutdialConfig config = new OutdialConfig(new OutdialConfig.Http(0, "127.0.0.1"),
                StorageSettings.h2Memory("trunk-" + UUID.randomUUID()),
                new OutdialConfig.Sip("127.0.0.1", LoopbackPorts.sipPort(), rtp + "-" + (rtp + 99)),
                List.of(new TrunkSettings("carrier", "127.0.0.1", trunkPort, "udp", null, null, "15550100", "",
                        50, 50)),
                new OutdialConfig.Api(defaults.api().maxBodyBytes(), RateLimitSettings.unlimited()),
                new OutdialConfig.Dialer(ringTimeout), defaults.audio());
        server = OutdialServer.start(config);
        api = new UniTalkClient(server.port(), new ApiKeys(server.database().dataSource()).create("t", Instant.now()).secret());
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

    private String trunkStatus() {
        return api.health().path("trunks").path(0).path("status").asText();
    }

    private static String number(int serial, String behaviour) {
        return "38067" + String.format("%03d", serial) + behaviour;
    }

    @Test
    void aCampaignOnATrunkWithNothingOnItsPortBurnsNoNumberAndCallsEveryNumberOnceItComesBack() throws Exception {
        // UDP, nothing on the port: each INVITE gets no response until Timer B (64 x T1 = 32 s), so
        // this test takes about 40 s. (Over TCP the connection is refused at once, but sip-stack's
        // SipCall.start does not complete a call whose INVITE cannot be sent; see the issue 9 report.)
        int port = LoopbackPorts.sipPort();
        start(port, Duration.ofSeconds(40));
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            numbers.add(number(i, i % 2 == 0 ? CalleeNumbers.ANSWER_THEN_HANG_UP : CalleeNumbers.finalResponse(486)));
        }
        long id = api.add(AutodialerTask.autodial("dead trunk").threads(5));
        api.addNumbers(id, numbers);

        Await.until("the trunk is marked down", Duration.ofSeconds(45), () -> trunkStatus().equals("DOWN"));
        assertEquals(6, api.stateCount(id, "NEW") + api.stateCount(id, "DIALING"), "no number used up an attempt");
        assertTrue(api.task(id).path("statusNote").asText().startsWith("trunk carrier has not answered"),
                api.task(id).toString());
        JsonNode history = api.history(id, 100);
        assertTrue(history.path("count").asLong() >= 5, "the silent INVITEs are in the history: " + history);
        for (JsonNode call : history.path("items")) {
            assertEquals(102, call.path("q850Cause").asInt(), call.toString());
            assertEquals("FAIL", call.path("state").asText(), call.toString());
        }
        long failedAttempts = history.path("count").asLong();

        sipps.add(SippProcess.calleeOn(port, Duration.ofMinutes(2), "-aa"));
        Await.until("FINISHED once the trunk answers OPTIONS", Duration.ofSeconds(30),
                () -> api.status(id).equals("FINISHED"));

        assertEquals(3, api.stateCount(id, "ANSW_RJCT"), "every number ends in the callee's real outcome");
        assertEquals(3, api.stateCount(id, "BUSY"), "every number ends in the callee's real outcome");
        assertEquals("UP", trunkStatus());
        assertEquals(failedAttempts + 6, api.history(id, 100).path("count").asLong(), "each number called once more");
        for (String n : numbers) {
            assertEquals(1, api.action(UniTalkClient.request("GET_NUMBER", id).put("number", n)).path("realCalledCount").asInt(), n);
        }
    }

    @Test
    void aTrunkAnswering503IsMarkedDownAfterFiveAndUsedAgainWhenItAnswersOptions() throws Exception {
        SippProcess sipp = SippProcess.callee(Duration.ofMinutes(2), "-aa");
        sipps.add(sipp);
        start(sipp.sipPort(), Duration.ofSeconds(5));
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            numbers.add(number(i, CalleeNumbers.finalResponse(503)));
        }
        for (int i = 5; i < 10; i++) {
            numbers.add(number(i, CalleeNumbers.ANSWER_THEN_HANG_UP));
        }
        long id = api.add(AutodialerTask.autodial("503 trunk").threads(1));
        api.addNumbers(id, numbers);

        Await.until("FINISHED", Duration.ofSeconds(30), () -> api.status(id).equals("FINISHED"));
        assertEquals(5, api.stateCount(id, "BUSYOUT"), "a 503 is the seed's 'not enough lines'");
        assertEquals(5, api.stateCount(id, "ANSW_RJCT"));
        JsonNode events = api.history(id, 100);
        assertEquals(10, events.path("count").asLong());
        assertEquals("UP", trunkStatus());
    }
}
