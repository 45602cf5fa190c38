package org.outdial.engine.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.trigger.BodyType;
import org.outdial.engine.trigger.HttpMethod;

/** Webhooks from the outbox to a real HTTP receiver on loopback (issue 12, "Delivery from the outbox"). */
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> open = new ArrayList<>();

    private <T extends AutoCloseable> T open(T resource) {
        open.add(0, resource);
        return resource;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private WebhookFixture fixture() throws Exception {
        return open(new WebhookFixture(WebhookFixture.FAST));
    }

    private Receiver receiver() throws Exception {
        return open(new Receiver());
    }

    private static Delivery awaitState(WebhookFixture f, long handler, DeliveryState state) throws InterruptedException {
        Receiver.await(WAIT, "handler " + handler + " delivery " + state,
                () -> f.deliveries.list(handler, null, null, 0, 1).stream().anyMatch(d -> d.state() == state));
        return f.deliveries.list(handler, null, null, 0, 1).getFirst();
    }

    @Test
    void standardJsonOfACallCompletionCarriesEverySeedField() throws Exception {
        WebhookFixture f = fixture();
        Receiver r = receiver();
        long hook = f.standardJson("std", r.url("/hook?source=outdial"));
        long campaign = f.autodialer("обзвон-окна", Map.of(TriggerEvent.AUTODIAL_ANSWER, List.of(hook)),
                "380971234567", "380971234568");
        f.call(campaign, "380971234567", NumberState.ANSWER, "2040");

        Receiver.Received got = r.awaitCount(1, WAIT).getFirst();
        assertEquals("POST", got.method());
        assertEquals("/hook?source=outdial", got.pathAndQuery(), "the URL parameters are the handler's query string");
        assertEquals("abc", got.header("X-Token"), "the handler's headers");
        assertTrue(got.header("Content-Type").startsWith("application/json"));
        JsonNode body = JSON.readTree(got.body());
        assertEquals(List.of("from", "operatorNumber", "callName", "callNote", "calledCount", "callState", "dialName",
                "totalCount", "doneCount", "projectName"), fieldNames(body));
        assertEquals("380971234567", body.get("from").asText());
        assertEquals("2040", body.get("operatorNumber").asText());
        assertEquals("Name 380971234567", body.get("callName").asText());
        assertEquals("note for 380971234567", body.get("callNote").asText());
        assertEquals(1, body.get("calledCount").asInt());
        assertEquals("ANSWER", body.get("callState").asText());
        assertEquals("обзвон-окна", body.get("dialName").asText());
        assertEquals(2, body.get("totalCount").asInt());
        assertEquals(1, body.get("doneCount").asInt());
        assertEquals("myproject", body.get("projectName").asText());
        assertEquals("AUTODIAL_ANSWER", got.header("outdial-event"));
        Delivery d = awaitState(f, hook, DeliveryState.DELIVERED);
        assertEquals(1, d.attempts());
        assertEquals(200, d.lastStatus());
        assertNull(d.lastError());
    }

    @Test
    void aNonCallEventSendsAnEmptyObjectAndAnUnboundEventSendsNothing() throws Exception {
        WebhookFixture f = fixture();
        Receiver r = receiver();
        long hook = f.standardJson("status", r.url("/status"));
        long campaign = f.autodialer("c-status", Map.of(TriggerEvent.AUTODIAL_STATUS_CHANGED, List.of(hook)),
                "380971234567");
        f.call(campaign, "380971234567", NumberState.ANSWER, null); // AUTODIAL_ANSWER is not bound
        f.module.campaigns().cancel(campaign);
        Receiver.await(WAIT, "the cancel's status change delivered", () -> f.deliveries.list(hook, campaign,
                DeliveryState.DELIVERED, 0, 100).stream().anyMatch(d -> d.eventId() > 0)
                && r.received().stream().anyMatch(q -> q.header("webhook-id") != null)
                && f.deliveries.list(hook, campaign, DeliveryState.PENDING, 0, 100).isEmpty());
        List<Delivery> all = f.deliveries.list(hook, campaign, null, 0, 100);
        assertTrue(all.stream().allMatch(d -> d.event() == TriggerEvent.AUTODIAL_STATUS_CHANGED),
                "only status changes are bound, not the call's AUTODIAL_ANSWER: " + all);
        List<Receiver.Received> got = r.awaitCount(all.size(), WAIT);
        assertEquals(all.size(), got.size());
        for (Receiver.Received req : got) {
            assertEquals("{}", req.body());
            assertEquals("AUTODIAL_STATUS_CHANGED", req.header("outdial-event"));
        }
    }

    @Test
    void aSpecifiedJsonTemplateGetsTheEventsValuesEscaped() throws Exception {
        WebhookFixture f = fixture();
        Receiver r = receiver();
        long hook = f.webhook("tpl", r.url("/tpl"), HttpMethod.PUT, BodyType.SPECIFIED_JSON,
                "{\"phone\":\"{phone}\",\"who\":\"{callName}\",\"what\":\"{event}\",\"keep\":{\"x\":\"{unknown}\"}}");
        long campaign = f.autodialer("c-tpl", Map.of(TriggerEvent.AUTODIAL_NOANSWER, List.of(hook)), "380971234567");
        f.call(campaign, "380971234567", NumberState.NOANSWER, null);
        Receiver.Received got = r.awaitCount(1, WAIT).getFirst();
        assertEquals("PUT", got.method());
        JsonNode body = JSON.readTree(got.body());
        assertEquals("380971234567", body.get("phone").asText());
        assertEquals("Name 380971234567", body.get("who").asText());
        assertEquals("AUTODIAL_NOANSWER", body.get("what").asText());
        assertEquals("{unknown}", body.get("keep").get("x").asText(), "a name that is no value stays as written");
    }

    @Test
    void aFormBodyIsUrlencodedWithTheEventsValues() throws Exception {
        WebhookFixture f = fixture();
        Receiver r = receiver();
        long hook = f.webhook("form", r.url("/form"), HttpMethod.POST, BodyType.FORM_URLENCODED,
                "phone={phone}&name={callName}&state={callState}&fixed=1");
        long campaign = f.autodialer("c-form", Map.of(TriggerEvent.AUTODIAL_BUSY, List.of(hook)), "380971234567");
        f.call(campaign, "380971234567", NumberState.BUSY, null);
        Receiver.Received got = r.awaitCount(1, WAIT).getFirst();
        assertTrue(got.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        assertEquals("phone=380971234567&name=Name+380971234567&state=BUSY&fixed=1", got.body());
    }

    @Test
    void eventsOfAnAutodialerArriveInOrderEvenWhenTheFirstIsRetried() throws Exception {
        WebhookFixture f = fixture();
        Receiver r = receiver();
        r.then(Receiver.Reply.status(500));
        long hook = f.standardJson("ordered", r.url("/o"));
        String[] phones = new String[12];
        for (int i = 0; i < phones.length; i++) {
            phones[i] = "3809712345" + (10 + i);
        }
        long campaign = f.autodialer("c-order", Map.of(TriggerEvent.AUTODIAL_ANSWER, List.of(hook)), phones);
        for (String phone : phones) {
            f.call(campaign, phone, NumberState.ANSWER, null);
        }
        List<Receiver.Received> got = r.awaitCount(phones.length + 1, WAIT);
        List<String> froms = new ArrayList<>();
        for (Receiver.Received req : got) {
            froms.add(JSON.readTree(req.body()).get("from").asText());
        }
        List<String> expected = new ArrayList<>();
        expected.add(phones[0]); // the 500
        expected.addAll(List.of(phones));
        assertEquals(expected, froms, "the first is sent again before any later one");
        Receiver.await(WAIT, "all delivered", () -> f.deliveries.list(hook, campaign, DeliveryState.DELIVERED, 0, 100)
                .size() == phones.length);
    }

    @Test
    void a500IsRetriedOnTheScheduleThenSucceeds() throws Exception {
        WebhookFixture f = fixture();
        Receiver r = receiver();
        r.then(Receiver.Reply.status(500));
        long hook = f.standardJson("retry500", r.url("/r"));
        long campaign = f.autodialer("c-500", Map.of(TriggerEvent.AUTODIAL_ANSWER, List.of(hook)), "380971234567");
        f.call(campaign, "380971234567", NumberState.ANSWER, null);
        List<Receiver.Received> got = r.awaitCount(2, WAIT);
        Delivery d = awaitState(f, hook, DeliveryState.DELIVERED);
        assertEquals(2, d.attempts());
        assertEquals(200, d.lastStatus());
        // The meters (docs/METRICS.md, "Webhooks"): one retried attempt, one delivered, and its lag.
        Receiver.await(WAIT, "both attempts counted", () -> f.registry.find("outdial.webhook.deliveries")
                .tag("result", "delivered").counter().count() == 1);
        assertEquals(1, f.registry.find("outdial.webhook.deliveries").tag("result", "retried").counter().count());
        assertEquals(0, f.registry.find("outdial.webhook.deliveries").tag("result", "failed").counter().count());
        var lag = f.registry.find("outdial.webhook.delivery.lag").timer();
        assertEquals(1, lag.count());
        assertTrue(lag.totalTime(TimeUnit.MILLISECONDS) >= 150, "the lag includes the retry's wait");
        assertEquals(0.0, f.registry.find("outdial.webhook.backlog").gauge().value(), "nothing left pending");
        Duration gap = Duration.between(got.get(0).at(), got.get(1).at());
        assertTrue(gap.toMillis() >= 150, "the second attempt waits the schedule's 200 ms, waited " + gap);
        assertEquals(got.get(0).header("webhook-id"), got.get(1).header("webhook-id"), "a retry keeps its id");
    }

    @Test
    void aTimeoutIsRetriedThenSucceeds() throws Exception {
        WebhookFixture f = fixture();
        Receiver r = receiver();
        r.then(Receiver.Reply.after(Duration.ofMillis(2500), 200)); // the 1 s timeout runs out first
        long hook = f.standardJson("slow", r.url("/slow"));
        long campaign = f.autodialer("c-slow", Map.of(TriggerEvent.AUTODIAL_ANSWER, List.of(hook)), "380971234567");
        f.call(campaign, "380971234567", NumberState.ANSWER, null);
        Receiver.await(WAIT, "a failed first attempt",
                () -> f.only(hook).attempts() >= 1);
        Delivery first = f.only(hook);
        if (first.state() == DeliveryState.PENDING) {
            assertTrue(first.lastError().contains("no response within 1000 ms"), first.lastError());
        }
        Delivery d = awaitState(f, hook, DeliveryState.DELIVERED);
        assertEquals(2, d.attempts());
        assertEquals(200, d.lastStatus());
    }

    @Test
    void afterTheLastAttemptOfTheScheduleTheDeliveryFailsIsKeptAndTheQueueMovesOn() throws Exception {
        WebhookFixture f = fixture();
        Receiver r = receiver();
        r.then(Receiver.Reply.status(503), Receiver.Reply.status(503), Receiver.Reply.status(503));
        long hook = f.standardJson("dead", r.url("/dead"));
        long campaign = f.autodialer("c-dead", Map.of(TriggerEvent.AUTODIAL_ANSWER, List.of(hook)),
                "380971234567", "380971234568");
        f.call(campaign, "380971234567", NumberState.ANSWER, null);
        f.call(campaign, "380971234568", NumberState.ANSWER, null);
        Receiver.await(WAIT, "one failed, one delivered", () ->
                f.deliveries.list(hook, null, DeliveryState.FAILED, 0, 10).size() == 1
                        && f.deliveries.list(hook, null, DeliveryState.DELIVERED, 0, 10).size() == 1);
        Delivery failed = f.deliveries.list(hook, null, DeliveryState.FAILED, 0, 10).getFirst();
        assertEquals(3, failed.attempts(), "the schedule has three attempts");
        assertEquals(503, failed.lastStatus());
        assertEquals("HTTP 503", failed.lastError());
        assertEquals(4, r.received().size());

        f.deliveries.redeliver(failed.id());
        Delivery again = awaitState(f, hook, DeliveryState.DELIVERED);
        Receiver.await(WAIT, "the failed one delivered", () -> f.deliveries.find(failed.id()).state()
                == DeliveryState.DELIVERED);
        assertEquals(1, f.deliveries.find(failed.id()).attempts(), "REDELIVER starts the schedule again");
        assertEquals(DeliveryState.DELIVERED, again.state());
    }

    @Test
    void theSignatureVerifiesAsStandardWebhooksDescribesIt() throws Exception {
        WebhookFixture f = fixture();
        Receiver r = receiver();
        long hook = f.standardJson("signed", r.url("/signed"));
        long campaign = f.autodialer("c-sig", Map.of(TriggerEvent.AUTODIAL_ANSWER, List.of(hook)), "380971234567");
        f.call(campaign, "380971234567", NumberState.ANSWER, null);
        Receiver.Received got = r.awaitCount(1, WAIT).getFirst();
        String secret = f.handlers.signed(hook).orElseThrow().secret();
        assertTrue(secret.startsWith("whsec_"));
        assertTrue(verifies(secret, got), "signature " + got.header("webhook-signature"));
        assertTrue(got.header("webhook-id").startsWith("evt_"));
        Receiver.Received tampered = new Receiver.Received(got.method(), got.pathAndQuery(), got.headers(),
                got.body().replace("380971234567", "380971234560"), got.at());
        assertTrue(!verifies(secret, tampered), "a changed body does not verify");
    }

    /**
     * A receiver's check written from standardwebhooks.com: signed content is
     * {@code msg_id.timestamp.payload}; key = base64-decode of the secret after {@code whsec_};
     * the header holds space-delimited {@code v1,<base64>} signatures; the timestamp must be
     * within five minutes; compare in constant time.
     */
    private static boolean verifies(String secret, Receiver.Received req) throws Exception {
        String id = req.header("webhook-id");
        long timestamp = Long.parseLong(req.header("webhook-timestamp"));
        if (Math.abs(System.currentTimeMillis() / 1000 - timestamp) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.split("_", 2)[1]), "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + req.body()).getBytes(StandardCharsets.UTF_8));
        for (String sig : req.header("webhook-signature").split(" ")) {
            String[] parts = sig.split(",", 2);
            if (parts[0].equals("v1") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aRestartMidDeliveryDeliversTheRestExactlyOnce() throws Exception {
        WebhookFixture f = fixture();
        Receiver r = receiver();
        // The third request hangs past the restart: it is the one in flight.
        r.then(Receiver.Reply.status(200), Receiver.Reply.status(200), Receiver.Reply.after(Duration.ofSeconds(3), 200));
        long hook = f.standardJson("restart", r.url("/restart"));
        String[] phones = new String[8];
        for (int i = 0; i < phones.length; i++) {
            phones[i] = "3809712346" + (10 + i);
        }
        long campaign = f.autodialer("c-restart", Map.of(TriggerEvent.AUTODIAL_ANSWER, List.of(hook)), phones);
        for (String phone : phones) {
            f.call(campaign, phone, NumberState.ANSWER, null);
        }
        r.awaitCount(3, WAIT);
        f.restart();
        Receiver.await(Duration.ofSeconds(30), "every delivery delivered after the restart", () ->
                f.deliveries.list(hook, null, DeliveryState.DELIVERED, 0, 100).size() == phones.length);
        Map<String, Integer> byId = new HashMap<>();
        for (Receiver.Received req : r.received()) {
            byId.merge(req.header("webhook-id"), 1, Integer::sum);
        }
        assertEquals(phones.length, byId.size(), "every event arrived");
        long twice = byId.values().stream().filter(n -> n > 1).count();
        assertTrue(twice <= 1 && byId.values().stream().allMatch(n -> n <= 2),
                "only the one in flight may arrive twice: " + byId);
        List<String> order = r.received().stream().map(q -> q.header("webhook-id")).distinct().toList();
        assertEquals(order.stream().sorted((a, b) -> Long.compare(id(a), id(b))).toList(), order, "in order");
    }

    private static long id(String webhookId) {
        return Long.parseLong(webhookId.substring(4));
    }

    @Test
    void aPausedHandlerHoldsItsDeliveriesUntilResumed() throws Exception {
        WebhookFixture f = fixture();
        Receiver r = receiver();
        long hook = f.standardJson("paused", r.url("/p"));
        f.handlers.pause(hook, true);
        long campaign = f.autodialer("c-pause", Map.of(TriggerEvent.AUTODIAL_ANSWER, List.of(hook)), "380971234567");
        f.call(campaign, "380971234567", NumberState.ANSWER, null);
        assertEquals(DeliveryState.PENDING, f.only(hook).state());
        f.handlers.pause(hook, false);
        f.deliverer.wake();
        awaitState(f, hook, DeliveryState.DELIVERED);
        assertEquals(1, r.received().size());
    }

    @Test
    void removingScheduledHandlersByPhoneRemovesOnlyThatPhonesDeliveriesNotSentYet() throws Exception {
        WebhookFixture f = fixture();
        Receiver r = receiver();
        long hook = f.standardJson("scheduled", r.url("/s"));
        f.handlers.pause(hook, true);
        long campaign = f.autodialer("c-scheduled", Map.of(TriggerEvent.AUTODIAL_ANSWER, List.of(hook)),
                "380971234567", "380971234568");
        f.call(campaign, "380971234567", NumberState.ANSWER, null);
        f.call(campaign, "380971234568", NumberState.ANSWER, null);

        assertEquals(1, f.deliveries.removeScheduled(List.of("380971234567", "380500000000")));
        assertEquals(0, f.deliveries.removeScheduled(List.of("380971234567")), "already removed");
        f.handlers.pause(hook, false);
        f.deliverer.wake();
        Receiver.await(WAIT, "the other phone's delivery recorded", () -> f.deliveries.list(hook, null, null, 0, 10)
                .stream().anyMatch(d -> d.state() == DeliveryState.DELIVERED));
        assertEquals(1, r.received().size(), "only the other phone's was sent");
        List<Delivery> all = f.deliveries.list(hook, null, null, 0, 10);
        Delivery removed = all.stream().filter(d -> d.state() == DeliveryState.REMOVED).findFirst().orElseThrow();
        assertEquals("removed by /api/eventHandlers/removeScheduledByPhones", removed.lastError());
        assertEquals(0, removed.attempts());
        assertEquals(1, all.stream().filter(d -> d.state() == DeliveryState.DELIVERED).count(), all.toString());
        assertTrue(r.received().getFirst().body().contains("380971234568"), r.received().getFirst().body());
        assertEquals(0, f.deliveries.removeScheduled(List.of("380971234568")), "a delivered one is not scheduled");

        f.deliveries.redeliver(removed.id());
        Receiver.await(WAIT, "the removed one sent on REDELIVER", () -> r.received().size() == 2);
    }

    @Test
    void theSsrfGuardRefusesLoopbackByDefaultWithAClearError() throws Exception {
        WebhookFixture f = open(new WebhookFixture(WebhookFixture.FAST.withAllowPrivateTargets(false)));
        Receiver r = receiver();
        long hook = f.standardJson("ssrf", r.url("/ssrf"));
        long campaign = f.autodialer("c-ssrf", Map.of(TriggerEvent.AUTODIAL_ANSWER, List.of(hook)), "380971234567");
        f.call(campaign, "380971234567", NumberState.ANSWER, null);
        Delivery d = awaitState(f, hook, DeliveryState.FAILED);
        assertEquals(3, d.attempts());
        assertNull(d.lastStatus());
        assertEquals("refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address"
                + " (webhooks.allow-private-targets is false)", d.lastError());
        assertEquals(0, r.received().size(), "nothing reached the receiver");
    }

    @Test
    void blockNumberPutsTheNumberOnTheListInTheEventsTransaction() throws Exception {
        WebhookFixture f = fixture();
        long block = f.handlers.add(new org.outdial.engine.trigger.TriggerAction(0, "block",
                org.outdial.engine.trigger.TriggerActionType.BLOCK_NUMBER, null, null, null, null, null));
        long campaign = f.autodialer("c-block", Map.of(TriggerEvent.AUTODIAL_ANSWER, List.of(block)), "380971234567");
        f.call(campaign, "380971234567", NumberState.ANSWER, null);
        assertTrue(new org.outdial.engine.blocklist.BlockedLists(f.database.dataSource(), java.time.InstantSource.system())
                .contains(org.outdial.engine.blocklist.BlockedList.BLOCKED_FOR_AUTODIAL_PHONES, "380971234567"));
        assertEquals(0, f.deliveries.list(block, null, null, 0, 10).size(), "no delivery: nothing to send");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
