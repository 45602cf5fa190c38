package org.outdial.testbed.dialer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;
import org.outdial.testing.Await;
import org.outdial.testing.ManualClock;

/**
 * Campaigns run by the real server (HTTP API, dialer, SIP, RTP) against one SIPp callee whose
 * behaviour is chosen by the last four digits of each number (testbed/sipp/callee.xml).
 */
class CampaignAgainstSippTest {

    private SippProcess sipp;
    private OutdialServer server;
    private UniTalkClient api;
    /** Real time, moved forward by the test for retry intervals. */
    private ManualClock clock;

    @BeforeEach
    void start() {
        sipp = SippProcess.callee(Duration.ofMinutes(4));
        clock = ManualClock.followingSystemTime();
        int rtp = LoopbackPorts.evenRange(400);
        OutdialConfig defaults = OutdialConfig.defaults();
        OutdialConfig config = new OutdialConfig(new OutdialConfig.Http(0, "127.0.0.1"),
                StorageSettings.h2Memory("sipp-" + UUID.randomUUID()),
                new OutdialConfig.Sip("127.0.0.1", LoopbackPorts.sipPort(), rtp + "-" + (rtp + 399)),
                List.of(new TrunkSettings("sipp", "127.0.0.1", sipp.sipPort(), "udp", null, null, "15550100", "",
                        200, 500)),
                new OutdialConfig.Api(defaults.api().maxBodyBytes(), RateLimitSettings.unlimited()),
                new OutdialConfig.Dialer(Duration.ofSeconds(5)), defaults.audio());
        server = OutdialServer.start(config, clock, List.of());
        String key = new ApiKeys(server.database().dataSource()).create("sipp", Instant.now()).secret();
        api = new UniTalkClient(server.port(), key);
    }

    @AfterEach
    void stop() {
        try {
            server.close();
        } finally {
            sipp.close();
        }
    }

    private static String number(int serial, String behaviour) {
        return "38067" + String.format("%03d", serial % 1000) + behaviour;
    }

    @Test
    void aFixedCampaignOfTwoHundredNumbersEndsWithTheStatesSippWasToldToProduce() throws Exception {
        // Behaviour by the last four digits, and the state each one must leave the number in.
        Map<String, String> behaviours = new LinkedHashMap<>();
        behaviours.put(CalleeNumbers.ANSWER, "ANSW_RJCT");
        behaviours.put(CalleeNumbers.ANSWER_THEN_HANG_UP, "ANSW_RJCT");
        behaviours.put(CalleeNumbers.finalResponse(486), "BUSY");
        behaviours.put(CalleeNumbers.finalResponse(603), "BUSY");
        behaviours.put(CalleeNumbers.finalResponse(404), "NOT_EXIST");
        behaviours.put(CalleeNumbers.finalResponse(480), "NOANSWER");
        behaviours.put(CalleeNumbers.finalResponse(503), "BUSYOUT");
        behaviours.put(CalleeNumbers.finalResponse(403), "WRONG_DIR");
        List<String> tails = new ArrayList<>(behaviours.keySet());
        List<String> numbers = new ArrayList<>();
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            String tail = i < 4 ? CalleeNumbers.RING_FOREVER : tails.get(i % tails.size());
            numbers.add(number(i, tail));
            expected.merge(i < 4 ? "NOANSWER" : behaviours.get(tail), 1L, Long::sum);
        }
        long id = api.add(AutodialerTask.autodial("two hundred").threads(5));
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (sampling.get()) {
                maxInFlight.accumulateAndGet(server.dialer().inFlight(id), Math::max);
                Thread.onSpinWait();
            }
        });

        api.addNumbers(id, numbers);
        Await.until("FINISHED", Duration.ofSeconds(150), () -> api.status(id).equals("FINISHED"));
        sampling.set(false);
        sampler.join();

        for (Map.Entry<String, Long> state : expected.entrySet()) {
            assertEquals(state.getValue(), api.stateCount(id, state.getKey()), "numbers in " + state.getKey());
        }
        assertEquals(200, api.task(id).path("statistics").path("callsDoneCount").asLong());
        JsonNode history = api.history(id, 1000);
        assertEquals(200, history.path("count").asLong(), "one call record per attempt");
        assertTrue(maxInFlight.get() <= 5, "never more than threadCount calls in flight, saw " + maxInFlight.get());
        assertEquals(5, maxInFlight.get(), "the pacer keeps threadCount calls going");
        JsonNode busy = null;
        for (JsonNode call : history.path("items")) {
            if (call.path("phone").asText().endsWith(CalleeNumbers.finalResponse(486))) {
                busy = call;
            }
        }
        assertEquals(486, busy.path("sipCode").asInt());
        assertEquals(17, busy.path("q850Cause").asInt());
        SippReport report = sipp.stop();
        assertEquals(200, report.counter("TotalCallCreated"), "SIPp saw one INVITE per number: " + report.stats());
    }

    @Test
    void retriesHappenByTheRulesWhenTheClockPassesTheirInterval() throws Exception {
        ObjectNode repeat = JsonNodeFactory.instance.objectNode().put("earlyStart", true).put("highPriority", true);
        repeat.putObject("statesSettings").putObject("BUSY").put("attempts", 2).put("intervalMinutes", 10);
        long id = api.add(AutodialerTask.autodial("retries").threads(2).repeatCalls(repeat));
        api.addNumbers(id, List.of(number(1, CalleeNumbers.finalResponse(486)), number(2, CalleeNumbers.ANSWER)));

        Await.until("first round", Duration.ofSeconds(30), () -> api.status(id).equals("WAITING_REPEAT"));
        assertEquals(2, api.history(id, 100).path("count").asLong());
        clock.advance(Duration.ofMinutes(11));
        Await.until("second attempt", Duration.ofSeconds(30), () -> api.history(id, 100).path("count").asLong() == 3);
        clock.advance(Duration.ofMinutes(11));
        Await.until("FINISHED after the last attempt", Duration.ofSeconds(30), () -> api.status(id).equals("FINISHED"));

        assertEquals(4, api.history(id, 100).path("count").asLong(), "one call and two repeats for the busy number");
        JsonNode busy = api.action(UniTalkClient.request("GET_NUMBER", id).put("number", number(1, CalleeNumbers.finalResponse(486))));
        assertEquals(3, busy.path("realCalledCount").asInt());
        assertEquals("BUSY", busy.path("state").asText());
    }

    @Test
    void pauseUnpauseCancelAndRefreshActOnALiveCampaign() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            numbers.add(number(i, CalleeNumbers.ANSWER_THEN_HANG_UP));
        }
        long id = api.add(AutodialerTask.autodial("live").threads(2));
        api.addNumbers(id, numbers);
        Await.until("dialing", Duration.ofSeconds(20), () -> api.status(id).equals("IN_PROGRESS"));

        api.action(UniTalkClient.request("PAUSE", id));
        assertEquals("PAUSED", api.status(id));
        Await.until("calls in flight end", Duration.ofSeconds(20), () -> server.dialer().inFlight(id) == 0);
        long afterPause = api.history(id, 1000).path("count").asLong();
        server.dialer().changed(id); // the dialer looks at the paused campaign (a line freed, a tick) ...
        server.dialer().flush().get(10, TimeUnit.SECONDS); // ... and has looked: anything it started is in flight
        assertEquals(0, server.dialer().inFlight(id), "no call starts while paused");
        assertEquals(afterPause, api.history(id, 1000).path("count").asLong(), "no call starts while paused");

        api.action(UniTalkClient.request("UNPAUSE", id));
        Await.until("dialing again", Duration.ofSeconds(20), () -> api.history(id, 1000).path("count").asLong() > afterPause);

        api.action(UniTalkClient.request("CANCEL", id));
        Await.until("FINISHED after cancel", Duration.ofSeconds(20), () -> api.status(id).equals("FINISHED"));
        long canceled = api.stateCount(id, "CANCEL");
        assertTrue(canceled > 0, "numbers never called became CANCEL");
        long called = api.history(id, 1000).path("count").asLong();
        assertEquals(40, canceled + called);

        ObjectNode refresh = UniTalkClient.request("REFRESH", id);
        refresh.putArray("callStates").add("CANCEL");
        api.action(refresh);
        Await.until("FINISHED after refresh", Duration.ofSeconds(60), () -> api.status(id).equals("FINISHED")
                && api.stateCount(id, "CANCEL") == 0);
        assertEquals(40, api.stateCount(id, "ANSW_RJCT"));
    }
}
