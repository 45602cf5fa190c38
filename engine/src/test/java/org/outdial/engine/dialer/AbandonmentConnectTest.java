package org.outdial.engine.dialer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.outdial.engine.abandonment.AbandonmentSettings;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.campaign.CampaignStatus;
import org.outdial.engine.campaign.CampaignType;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.NumberData;
import org.outdial.engine.number.NumberState;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.tts.SpeechSynthesizer;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testing.ManualClock;

/**
 * The grace (FCC 47 CFR 64.1200(a)(7)): a SMART callee with no operator on the line within it
 * hears the message and is hung up; in every mode it decides what the ledger counts as abandoned.
 */
class AbandonmentConnectTest {

    private static final Instant T0 = Instant.parse("2026-03-04T08:00:00Z");
    private static final String CALLEE = "380671234567";
    private static final Duration GRACE = Duration.ofMillis(300);
    private static final AudioSource MESSAGE = AudioSource.silence(Duration.ofMillis(200));

    private final ManualClock clock = ManualClock.at(T0);
    private final FakeTelephony telephony = new FakeTelephony(clock);
    private final FakeOperators operators = new FakeOperators();
    private final DialerSettings settings = new DialerSettings(Duration.ofSeconds(10), Duration.ofHours(1), List.of(
            new TrunkSettings("test", "127.0.0.1", 5060, "udp", null, null, null, "", 10, 10)),
            BreakerSettings.DEFAULTS, Duration.ofSeconds(20), Duration.ofSeconds(60));
    private final SpeechSynthesizer synthesizer = (text, profile) -> {
        assertEquals("Acme calling. To opt out, call 0800 555 0100.", text);
        return MESSAGE;
    };
    private final OperatorConnect connect = new OperatorConnect(telephony, operators, OperatorReadiness.of(operators),
            settings, clock, OpenLegs.none(), new AbandonmentSettings(3.0, Duration.ofDays(30), GRACE, 5,
                    "Acme calling. To opt out, call 0800 555 0100."),
            AbandonMessage.spoken(synthesizer, "Acme calling. To opt out, call 0800 555 0100."));

    @Test
    void aSmartCalleeNobodyTakesWithinTheGraceHearsTheMessageAndIsAbandoned() throws Exception {
        Call callee = answered();
        long started = System.nanoTime();

        OperatorConnect.Connection c = connect.connect(callee, request(CampaignMode.SMART));

        assertTrue(System.nanoTime() - started >= GRACE.toNanos(), "not before the grace");
        assertEquals(NumberState.ANSW_NF_OP, c.state());
        assertTrue(c.abandoned());
        assertEquals("outdial", c.hangupBy());
        assertTrue(c.detail().startsWith("no operator on the line within 0.3 s of the answer: abandoned"), c.detail());
        assertTrue(c.detail().endsWith("the message played"), c.detail());
        assertEquals(MESSAGE.description(), telephony.plays().getLast(), "the message is the last thing played");
        assertTrue(telephony.lineCalls().isEmpty());
    }

    @Test
    void aSmartOperatorStillRingingAtTheGraceIsCancelledAndNotBlamed() throws Exception {
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.ringsForever());
        operators.ready("2001");
        Call callee = answered();

        OperatorConnect.Connection c = connect.connect(callee, request(CampaignMode.SMART));

        assertEquals(NumberState.ANSW_NF_OP, c.state());
        assertTrue(c.abandoned());
        assertEquals("2001", c.operatorNumber(), "the last one offered it");
        assertEquals(List.of("claim 2001", "released 2001"), operators.log(), "released, not refused");
        assertEquals(0, operators.openClaims());
        callee.hangup();
        assertEquals(0, telephony.liveCalls(), "the operator's leg was cancelled");
    }

    @Test
    void aSmartOperatorWhoAnswersWithinTheGraceTalks() throws Exception {
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.answers(Duration.ZERO, Duration.ofSeconds(30)));
        operators.ready("2001");

        OperatorConnect.Connection c = connect.connect(answered(), request(CampaignMode.SMART));

        assertEquals(NumberState.ANSWER, c.state());
        assertFalse(c.abandoned());
        assertFalse(telephony.plays().contains(MESSAGE.description()));
    }

    @Test
    void aSmartCalleeHearingTheMessageIsNoLongerACallWaitingForAnOperator() throws Exception {
        LiveCalls live = new LiveCalls();
        LiveCall progress = tracked(live);
        java.util.concurrent.atomic.AtomicInteger waitingDuringMessage = new java.util.concurrent.atomic.AtomicInteger(-1);
        // The message is synthesized when it first plays: what SMART's outlook sees at that moment.
        OperatorConnect connect = new OperatorConnect(telephony, operators, OperatorReadiness.of(operators), settings,
                clock, OpenLegs.none(), new AbandonmentSettings(3.0, Duration.ofDays(30), GRACE, 5, "Sorry."),
                AbandonMessage.spoken((text, profile) -> {
                    waitingDuringMessage.set(live.withoutOperator(7).size());
                    return MESSAGE;
                }, "Sorry."));
        assertEquals(1, live.withoutOperator(7).size(), "answered and waiting");

        OperatorConnect.Connection c = connect.connect(answered(), request(CampaignMode.SMART, progress));

        assertEquals(NumberState.ANSW_NF_OP, c.state());
        assertEquals(0, waitingDuringMessage.get(), "a callee hearing the message wants no operator");
        assertEquals(List.of(), live.withoutOperator(7));
    }

    @Test
    void aCalleeWhoseTalkIsOverIsNotWaitingWhileTheCallIsHungUpAndRecorded() throws Exception {
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.answers(Duration.ZERO, Duration.ofMillis(100)));
        operators.ready("2001");
        LiveCalls live = new LiveCalls();
        LiveCall progress = tracked(live);

        OperatorConnect.Connection c = connect.connect(answered(), request(CampaignMode.SMART, progress));

        assertEquals(NumberState.ANSWER, c.state());
        assertFalse(progress.withOperator(), "the operator let go");
        assertEquals(List.of(), live.withoutOperator(7), "in flight until recorded, but nobody waits");
    }

    private static LiveCall tracked(LiveCalls live) {
        LiveCall progress = new LiveCall(T0);
        progress.dialed(T0);
        progress.answered(T0);
        live.started(7, progress);
        return progress;
    }

    @Test
    void aFreeCalleeTakenAfterTheGraceTalksButCountsAsAbandoned() throws Exception {
        // The fake operator answers 3 s later on the test's clock: past the grace.
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.answers(Duration.ofSeconds(3), Duration.ofSeconds(30)));
        operators.ready("2001");

        OperatorConnect.Connection c = connect.connect(answered(), request(CampaignMode.FREE));

        assertEquals(NumberState.ANSWER, c.state(), "FREE keeps waiting up to dialer.operator-wait-limit");
        assertTrue(c.abandoned(), "FCC: no operator on the line within the grace");
        assertEquals(T0, c.waitStart());
    }

    @Test
    void aFreeCalleeTakenWithinTheGraceIsNotAbandoned() throws Exception {
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.answers(Duration.ofMillis(200), Duration.ofSeconds(30)));
        operators.ready("2001");

        OperatorConnect.Connection c = connect.connect(answered(), request(CampaignMode.FREE));

        assertEquals(NumberState.ANSWER, c.state());
        assertFalse(c.abandoned());
    }

    @Test
    void aCalleeWhoHangsUpWithinTheGraceWasNotAbandoned() throws Exception {
        Call callee = answered();
        telephony.calleeHangsUp(CALLEE);
        assertTrue(callee.outcome().isDone());

        OperatorConnect.Connection c = connect.connect(callee, request(CampaignMode.SMART));

        assertEquals(NumberState.ANSW_NF_OP, c.state());
        assertEquals("callee", c.hangupBy());
        assertFalse(c.abandoned(), "they left before the grace was over");
        assertFalse(telephony.plays().contains(MESSAGE.description()));
    }

    @Test
    void aFreeCalleeOutdialGivesUpOnIsAbandoned() throws Exception {
        OperatorConnect shortWait = new OperatorConnect(telephony, operators, OperatorReadiness.of(operators),
                settings.withOperatorTimes(Duration.ofSeconds(20), Duration.ofMillis(100)), clock);

        OperatorConnect.Connection c = shortWait.connect(answered(), request(CampaignMode.FREE));

        assertEquals(NumberState.ANSW_NF_OP, c.state());
        assertEquals("outdial", c.hangupBy());
        assertTrue(c.abandoned(), "hung up on without an operator");
        assertTrue(telephony.plays().stream().noneMatch(MESSAGE.description()::equals), "FREE plays no message");
    }

    private Call answered() throws Exception {
        Call callee = telephony.dial(DialRequest.of("test", CALLEE, Duration.ofSeconds(10)));
        assertTrue(callee.answered().get(1, TimeUnit.SECONDS));
        return callee;
    }

    private static OperatorConnect.Request request(CampaignMode mode) {
        return request(mode, LiveCall.untracked(T0));
    }

    private static OperatorConnect.Request request(CampaignMode mode, LiveCall progress) {
        Campaign campaign = new Campaign(7, "Spring sale", CampaignType.AUTODIAL, mode, CampaignStatus.IN_PROGRESS, T0,
                null, null, null, 0, T0);
        AutodialNumber number = new AutodialNumber(1, 7, new NumberData(CALLEE, "Ivan Petrenko", null, null,
                new java.util.TreeMap<>(), List.of()), NumberState.DIALING, T0, 0, 0, 0, false, null);
        return new OperatorConnect.Request(campaign, number, () -> List.of("2001"), null, null,
                AudioSource.silence(Duration.ofSeconds(1)), T0, progress);
    }
}
