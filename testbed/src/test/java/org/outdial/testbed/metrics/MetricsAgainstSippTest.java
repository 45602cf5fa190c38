package org.outdial.testbed.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;
import org.outdial.testing.Await;

/**
 * Issue 12's acceptance for {@code /metrics}: the real server dials a short campaign into a
 * SIPp callee; the exposition scraped before and after is parsed ({@link Exposition}) and the
 * counters have moved by what SIPp was told to do: calls started, outcomes by state, SIP
 * responses by code, post-dial delays, RTP packets both ways.
 */
class MetricsAgainstSippTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SippProcess sipp;
    private OutdialServer server;
    private UniTalkClient api;

    @BeforeEach
    void start() {
        sipp = SippProcess.callee(Duration.ofMinutes(2));
        int rtp = LoopbackPorts.evenRange(100);
        OutdialConfig defaults = OutdialConfig.defaults();
        OutdialConfig config = new OutdialConfig(new OutdialConfig.Http(0, "127.0.0.1"),
                StorageSettings.h2Memory("metrics-" + UUID.randomUUID()),
                new OutdialConfig.Sip("127.0.0.1", LoopbackPorts.sipPort(), rtp + "-" + (rtp + 99)),
                List.of(new TrunkSettings("sipp", "127.0.0.1", sipp.sipPort(), "udp", null, null, "15550100", "",
                        50, 100)),
                new OutdialConfig.Api(defaults.api().maxBodyBytes(), RateLimitSettings.unlimited()),
                new OutdialConfig.Dialer(Duration.ofSeconds(5)), defaults.audio());
        server = OutdialServer.start(config, InstantSource.system(), List.of());
        String key = new ApiKeys(server.database().dataSource()).create("metrics", Instant.now()).secret();
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

    /** A scrape without a key, as Prometheus makes it, parsed. */
    private Exposition scrape() {
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type")
                .orElse(""));
        return Exposition.parse(response.body());
    }

    private static double invite(Exposition e, int code) {
        return e.sum("outdial_sip_responses_total", Map.of("method", "INVITE", "code", Integer.toString(code)));
    }

    @Test
    void aCampaignAgainstSippMovesTheCountersByWhatSippWasToldToDo() throws Exception {
        long id = api.add(AutodialerTask.autodial("metrics").threads(4));
        String campaign = Long.toString(id);
        Map<String, String> ofCampaign = Map.of("campaign", campaign);
        Exposition before = scrape();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            numbers.add("38067" + (100 + i) + CalleeNumbers.ANSWER_THEN_HANG_UP);
            numbers.add("38067" + (200 + i) + CalleeNumbers.finalResponse(486));
            numbers.add("38067" + (300 + i) + CalleeNumbers.finalResponse(404));
        }

        api.addNumbers(id, numbers);
        Await.until("FINISHED", Duration.ofSeconds(60), () -> api.status(id).equals("FINISHED"));
        // A call's RTP figures are counted when its session closes, a moment after the call's record.
        Await.until("every RTP session of the campaign closed", Duration.ofSeconds(10),
                () -> scrape().sum("outdial_rtp_sessions_open") == 0);
        Exposition after = scrape();

        assertEquals(12, after.sum("outdial_calls_started_total", Map.of("campaign", campaign, "trunk", "sipp")));
        assertEquals(4, after.sum("outdial_calls_ended_total", Map.of("campaign", campaign, "state", "ANSW_RJCT")));
        assertEquals(4, after.sum("outdial_calls_ended_total", Map.of("campaign", campaign, "state", "BUSY")));
        assertEquals(4, after.sum("outdial_calls_ended_total", Map.of("campaign", campaign, "state", "NOT_EXIST")));
        assertEquals(12, after.sum("outdial_calls_ended_total", ofCampaign));
        assertEquals(4, after.sum("outdial_calls_answered_total", ofCampaign), "ASR's numerator");
        assertEquals(4, after.sum("outdial_call_talk_seconds_count", ofCampaign));
        long recorded = 0;
        for (JsonNode call : api.history(id, 100).path("items")) {
            recorded += call.path("seconds").asLong(0); // the charged seconds, null for unanswered calls
        }
        assertEquals(recorded, after.sum("outdial_call_talk_seconds_sum", ofCampaign), 1e-9,
                "ACD's numerator is the call records' seconds");
        assertEquals(0, after.sum("outdial_campaign_calls_in_flight", ofCampaign));

        assertEquals(12, invite(after, 100) - invite(before, 100));
        assertEquals(12, invite(after, 180) - invite(before, 180), "every number rang");
        assertEquals(4, invite(after, 200) - invite(before, 200));
        assertEquals(4, invite(after, 486) - invite(before, 486));
        assertEquals(4, invite(after, 404) - invite(before, 404));
        Map<String, String> sippTrunk = Map.of("trunk", "sipp");
        assertEquals(12, after.sum("outdial_call_post_dial_delay_seconds_count", sippTrunk)
                - before.sum("outdial_call_post_dial_delay_seconds_count", sippTrunk), "a post-dial delay per call");
        assertEquals("histogram", after.type("outdial_call_post_dial_delay_seconds"));

        double sent = after.sum("outdial_rtp_packets_total", Map.of("direction", "sent"))
                - before.sum("outdial_rtp_packets_total", Map.of("direction", "sent"));
        double received = after.sum("outdial_rtp_packets_total", Map.of("direction", "received"))
                - before.sum("outdial_rtp_packets_total", Map.of("direction", "received"));
        // Each answered call sends its greeting at 50 packets a second (SIPp hangs up at 2 s, if Outdial
        // has not yet); SIPp echoes what it gets, so what came back is at most what went.
        // (measured: 113 each way for four calls, about 0.56 s of greeting each).
        assertTrue(sent >= 4 * 20 && sent <= 4 * 50 * 3, "RTP packets sent: " + sent);
        assertTrue(received >= 4 * 10 && received <= sent, "RTP packets received (SIPp's echo): " + received);
        assertEquals(12, after.sum("outdial_rtp_sessions_total") - before.sum("outdial_rtp_sessions_total"),
                "one RTP session per INVITE (its SDP offer), answered or not");
        assertTrue(after.sum("outdial_rtp_bytes_total", Map.of("direction", "sent"))
                > before.sum("outdial_rtp_bytes_total", Map.of("direction", "sent")));
        assertTrue(after.sum("outdial_rtp_send_interval_error_seconds_count")
                > before.sum("outdial_rtp_send_interval_error_seconds_count"));

        assertEquals(1, after.sum("outdial_trunk_up", sippTrunk));
        assertTrue(after.sum("outdial_http_requests_seconds_count", Map.of("route", "/api/autodial/action"))
                >= 3, "the API calls of this test are counted by route");
        assertTrue(after.sum("jvm_memory_used_bytes") > 0);
        assertFalse(after.samples().stream().anyMatch(s -> s.labels().values().stream()
                .anyMatch(v -> v.startsWith("38067"))), "no phone number in any label");

        String documented = Files.readString(Path.of("..", "docs", "METRICS.md"));
        for (String family : after.families()) {
            String name = family.endsWith("_max") ? family.substring(0, family.length() - 4) : family;
            assertTrue(!name.startsWith("outdial_") || documented.contains("`" + name + "`"),
                    family + " is served but docs/METRICS.md does not list it");
        }

        // Numbers by state are read from the state counts at most every 5 s.
        Await.until("numbers by state", Duration.ofSeconds(15), () -> {
            Exposition now = scrape();
            return now.sum("outdial_numbers", Map.of("campaign", campaign, "state", "BUSY")) == 4
                    && now.sum("outdial_numbers", Map.of("campaign", campaign, "state", "NOT_EXIST")) == 4
                    && now.sum("outdial_numbers", Map.of("campaign", campaign, "state", "NEW")) == 0;
        });
    }
}
