package org.outdial.testbed.sipp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.call.InDialogRequest;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.outcome.Party;

/** Every row of the outcome table, produced by a real peer: SIPp's callee.xml. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallOutcomesAgainstSippTest {

    private SippLine line;

    @BeforeAll
    void startSipp() throws Exception {
        line = SippLine.start(Duration.ofMinutes(5));
    }

    @AfterAll
    void stopSipp() {
        if (line != null) {
            line.close();
        }
    }

    private CallOutcome call(String trunk, String number, Duration ringTimeout) throws Exception {
        Call call = line.telephony.dial(DialRequest.of(trunk, number, ringTimeout));
        return call.outcome().get(40, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0} is {1} with Q.850 cause {2}")
    @CsvSource({
            "486, BUSY, 17", "600, BUSY, 17",
            "480, NO_ANSWER, 18", "408, NO_ANSWER, 102",
            "404, NOT_EXIST, 1", "484, NOT_EXIST, 28", "485, NOT_EXIST, 1", "604, NOT_EXIST, 1", "410, NOT_EXIST, 22",
            "603, REJECTED, 21",
            "403, WRONG_DIRECTION, 21", "488, WRONG_DIRECTION, 127", "606, WRONG_DIRECTION, 58",
            "503, CONGESTION, 34",
            "500, FAILED, 41", "502, FAILED, 38", "487, FAILED, 127"})
    void finalResponseMapsToItsOutcome(int status, Outcome expected, int q850) throws Exception {
        CallOutcome outcome = call(SippLine.TRUNK, CalleeNumbers.finalResponse(status), Duration.ofSeconds(10));

        assertEquals(expected, outcome.outcome(), outcome.toString());
        assertEquals(status, outcome.sipCode());
        assertEquals(q850, outcome.q850());
        assertEquals(Party.REMOTE, outcome.endedBy());
        assertFalse(outcome.answered());
        assertNotNull(outcome.timings().firstProvisional(), "100/180 came before the final response");
        assertNotNull(outcome.timings().ringing(), "180 counts as ringing");
    }

    @Test
    void ringTimeoutCancelsAndIsNoAnswer() throws Exception {
        long start = System.nanoTime();
        CallOutcome outcome = call(SippLine.TRUNK, CalleeNumbers.RING_FOREVER, Duration.ofMillis(700));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(Outcome.NO_ANSWER, outcome.outcome(), outcome.toString());
        assertEquals(487, outcome.sipCode(), "SIPp answered our CANCEL's INVITE with 487");
        assertEquals(19, outcome.q850());
        assertEquals(Party.LOCAL, outcome.endedBy());
        assertTrue(millis >= 650 && millis < 5000, "ended after the ring timeout, took " + millis + " ms");
    }

    @Test
    void hangingUpBeforeTheAnswerCancelsTheCall() throws Exception {
        Call call = line.telephony.dial(DialRequest.of(SippLine.TRUNK, CalleeNumbers.RING_FOREVER,
                Duration.ofSeconds(30)));
        awaitRinging(call);
        call.hangup();
        CallOutcome outcome = call.outcome().get(10, TimeUnit.SECONDS);

        assertEquals(Outcome.CANCELLED, outcome.outcome(), outcome.toString());
        assertEquals(487, outcome.sipCode());
        assertEquals(Party.LOCAL, outcome.endedBy());
        assertFalse(call.answered().get());
    }

    @Test
    void answeredCallHungUpByUsReportsTimingsAndLocalHangup() throws Exception {
        Call call = line.telephony.dial(DialRequest.of(SippLine.TRUNK, CalleeNumbers.ANSWER, Duration.ofSeconds(10)));
        assertTrue(call.answered().get(10, TimeUnit.SECONDS));
        Thread.sleep(300);
        call.hangup();
        CallOutcome outcome = call.outcome().get(10, TimeUnit.SECONDS);

        assertEquals(Outcome.ANSWERED, outcome.outcome(), outcome.toString());
        assertEquals(200, outcome.sipCode());
        assertEquals(16, outcome.q850());
        assertEquals(Party.LOCAL, outcome.endedBy());
        var t = outcome.timings();
        assertTrue(!t.inviteSent().isAfter(t.firstProvisional()) && !t.firstProvisional().isAfter(t.ringing())
                && !t.ringing().isAfter(t.answered()) && !t.answered().isAfter(t.ended()), t.toString());
        assertTrue(t.talk().toMillis() >= 250, "talked about 300 ms, was " + t.talk());
    }

    @Test
    void calleeHangingUpEndsTheCallAsRemote() throws Exception {
        Call call = line.telephony.dial(DialRequest.of(SippLine.TRUNK, CalleeNumbers.ANSWER_THEN_HANG_UP,
                Duration.ofSeconds(10)));
        assertTrue(call.answered().get(10, TimeUnit.SECONDS));
        CallOutcome outcome = call.outcome().get(10, TimeUnit.SECONDS);

        assertEquals(Outcome.ANSWERED, outcome.outcome(), outcome.toString());
        assertEquals(Party.REMOTE, outcome.endedBy());
        assertEquals(16, outcome.q850(), "from SIPp's Reason: Q.850;cause=16");
        long talk = outcome.timings().talk().toMillis();
        assertTrue(talk >= 1800 && talk < 4000, "SIPp hangs up after 2 s, talk was " + talk + " ms");
    }

    @Test
    void callLengthCapHangsUpAnAnsweredCall() throws Exception {
        Call call = line.telephony.dial(new DialRequest(SippLine.TRUNK, CalleeNumbers.ANSWER, null,
                Duration.ofSeconds(10), Duration.ofMillis(800)));
        CallOutcome outcome = call.outcome().get(10, TimeUnit.SECONDS);

        assertEquals(Outcome.ANSWERED, outcome.outcome());
        assertEquals(Party.LOCAL, outcome.endedBy());
        long talk = outcome.timings().talk().toMillis();
        assertTrue(talk >= 750 && talk < 2000, "capped at 800 ms, talk was " + talk + " ms");
        assertTrue(outcome.reason().contains("cap"), outcome.reason());
    }

    @Test
    void digestChallengeIsAnsweredWithTheTrunkCredentials() throws Exception {
        Call call = line.telephony.dial(DialRequest.of(SippLine.AUTH_TRUNK, CalleeNumbers.AUTH_THEN_ANSWER,
                Duration.ofSeconds(10)));
        assertTrue(call.answered().get(10, TimeUnit.SECONDS), () -> call.outcome().getNow(null) + "");
        call.hangup();
        assertEquals(Outcome.ANSWERED, call.outcome().get(10, TimeUnit.SECONDS).outcome());
    }

    @Test
    void wrongDigestPasswordEndsInTheRefusal() throws Exception {
        CallOutcome outcome = call(SippLine.WRONG_PASSWORD_TRUNK, CalleeNumbers.AUTH_THEN_ANSWER,
                Duration.ofSeconds(10));

        assertEquals(403, outcome.sipCode(), outcome.toString());
        assertEquals(Outcome.WRONG_DIRECTION, outcome.outcome());
    }

    @Test
    void earlyMediaIsReportedBeforeTheAnswer() throws Exception {
        Call call = line.telephony.dial(DialRequest.of(SippLine.TRUNK, CalleeNumbers.EARLY_MEDIA_THEN_ANSWER,
                Duration.ofSeconds(10)));
        assertTrue(call.answered().get(10, TimeUnit.SECONDS));
        call.hangup();
        call.outcome().get(10, TimeUnit.SECONDS);

        assertTrue(call.progress().stream().anyMatch(p -> p.status() == 183 && p.earlyMedia()),
                call.progress().toString());
    }

    @Test
    void holdReInviteIsAnsweredRecvonlyAndTheCallStaysUp() throws Exception {
        Call call = line.telephony.dial(DialRequest.of(SippLine.TRUNK, CalleeNumbers.ANSWER_THEN_HOLD,
                Duration.ofSeconds(10)));
        CompletableFuture<InDialogRequest> holdAccepted = new CompletableFuture<>();
        line.telephony.onDialogRequest(r -> {
            if (r.callId().equals(call.id()) && r.method().equals(Request.OPTIONS)) {
                holdAccepted.complete(r);
            }
        });
        assertTrue(call.answered().get(10, TimeUnit.SECONDS));
        // SIPp re-INVITEs 300 ms after the answer. When our 200 says a=recvonly it sends an
        // OPTIONS in the dialog; when it does not, it hangs up with BYE, which ends the call.
        CompletableFuture.anyOf(holdAccepted, call.outcome()).get(10, TimeUnit.SECONDS);
        assertTrue(holdAccepted.isDone(), "SIPp accepted our answer to its hold: " + call.outcome().getNow(null));
        assertFalse(call.outcome().isDone(), "still up after the re-INVITE: " + call.outcome().getNow(null));
        call.hangup();
        CallOutcome outcome = call.outcome().get(10, TimeUnit.SECONDS);

        assertEquals(Outcome.ANSWERED, outcome.outcome());
        assertEquals(Party.LOCAL, outcome.endedBy());
    }

    @Test
    void inboundInviteIsRefusedWith403AndOptionsGets200() throws Exception {
        int before = line.telephony.counts().calls();
        try (SippProcess stranger = SippProcess.uac("127.0.0.1:" + line.telephony.settings().port(),
                Duration.ofSeconds(30), List.of("-sf", Sipp.scenario("stranger.xml").toString(),
                        "-s", "0044900123456", "-m", "1"))) {
            SippReport report = stranger.awaitExit(Duration.ofSeconds(20));

            assertEquals(0, report.exitCode(), "SIPp got 200 to OPTIONS and 403 to INVITE:\n" + report.output());
            assertEquals(1, report.successfulCalls());
        }
        assertEquals(before, line.telephony.counts().calls(), "no call was placed");
    }

    private static void awaitRinging(Call call) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (call.progress().stream().noneMatch(p -> p.status() == 180) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(call.progress().stream().anyMatch(p -> p.status() == 180), "rang: " + call.progress());
    }
}
