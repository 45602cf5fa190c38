package org.outdial.engine.dialer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.outdial.engine.abandonment.AbandonmentLedger;
import org.outdial.engine.abandonment.AbandonmentSettings;
import org.outdial.engine.operator.OperatorBoard;
import org.outdial.engine.operator.OperatorClaims.Claim;
import org.outdial.engine.pacing.ModeSettings.OperatorPacing;
import org.outdial.engine.pacing.Outlook;
import org.outdial.sip.registrar.Registration;
import org.outdial.testing.ManualClock;

/** What SMART is shown of a campaign: its team from the board, its calls without an operator, its sample, its abandonment. */
class OutlookBuilderTest {

    private static final long CAMPAIGN = 5;
    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    private static final List<String> LINES = List.of("101", "102", "103", "104", "105");
    private static final OperatorPacing PACING = new OperatorPacing(null, null, Duration.ofSeconds(15),
            Duration.ofSeconds(10), false);

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-06-03T10:00:00Z"));
    private final OperatorBoard board = new OperatorBoard(clock, Map.of());
    private final LiveCalls live = new LiveCalls();
    private final AbandonmentLedger ledger = AbandonmentLedger.empty(AbandonmentSettings.DEFAULTS);
    private final OutlookBuilder builder = new OutlookBuilder(board, live, ledger, Duration.ofSeconds(30));

    private Instant now() {
        return clock.instant();
    }

    private void register(String line) {
        board.online(new Registration(line, "sip:" + line + "@192.0.2.1:5060", "udp",
                new InetSocketAddress("192.0.2.1", 5060), now().plusSeconds(3600), "test"));
    }

    @Test
    void theTeamIsEachWorkingOperatorWithSinceWhenAndTheEndOfAWrapUp() {
        LINES.forEach(this::register); // 105 stays registered but is the one left ready
        Instant t0 = now();
        Claim talking = board.claim(CAMPAIGN, List.of("101"), PACING, now()).orElseThrow();
        clock.advance(Duration.ofSeconds(3));
        board.answered(talking, now());
        Instant talkingSince = now();
        Claim offered = board.claim(CAMPAIGN, List.of("102"), PACING, now()).orElseThrow();
        Instant offeredSince = now();
        Claim wrapped = board.claim(CAMPAIGN, List.of("103"), PACING, now()).orElseThrow();
        board.answered(wrapped, now());
        clock.advance(Duration.ofSeconds(60));
        board.talkEnded(wrapped, Duration.ofSeconds(60), now()); // over markAsBusyMinSecondsTalk: 15 s of wrap-up
        Instant wrapSince = now();
        board.offline("104", org.outdial.sip.registrar.RegistrationListener.OfflineReason.UNREGISTERED);

        Outlook outlook = builder.build(CAMPAIGN, KYIV, PACING, LINES, now());

        assertEquals(List.of(
                new Outlook.Operator(Outlook.Activity.TALKING, talkingSince, null),
                new Outlook.Operator(Outlook.Activity.OFFERED, offeredSince, null),
                new Outlook.Operator(Outlook.Activity.WRAP_UP, wrapSince, wrapSince.plusSeconds(15)),
                new Outlook.Operator(Outlook.Activity.READY, t0, null)), outlook.operators(),
                "104 is offline: not part of the team");
    }

    @Test
    void callsWithoutAnOperatorAreTheOnesDialingRingingOrWaiting() {
        Instant t0 = now();
        LiveCall ringing = started(t0);
        LiveCall waiting = started(t0);
        waiting.answered(t0.plusSeconds(8));
        LiveCall withOperator = started(t0);
        withOperator.answered(t0.plusSeconds(5));
        withOperator.withOperator(true);

        Outlook outlook = builder.build(CAMPAIGN, KYIV, PACING, LINES, t0.plusSeconds(9));

        assertEquals(List.of(new Outlook.Call(t0, null), new Outlook.Call(t0, t0.plusSeconds(8))), outlook.calls());
    }

    @Test
    void aCallWhoseWaitIsOverIsNotWaitingThoughItIsStillInFlight() {
        Instant t0 = now();
        LiveCall talked = started(t0);
        talked.answered(t0.plusSeconds(2));
        talked.withOperator(true);
        talked.talked(Duration.ofSeconds(20));
        talked.waitOver();
        talked.withOperator(false); // the operator let go; the call is being hung up and recorded
        LiveCall abandoned = started(t0);
        abandoned.answered(t0.plusSeconds(3));
        abandoned.waitOver(); // hearing the abandonment message

        assertEquals(List.of(), builder.build(CAMPAIGN, KYIV, PACING, LINES, t0.plusSeconds(23)).calls());
    }

    @Test
    void anAnswerCountsWhenItComesNotWhenItsTalkEnds() {
        Instant t0 = now();
        LiveCall talking = started(t0);
        talking.answered(t0.plusSeconds(3));
        talking.withOperator(true); // talking: in flight for a while yet
        LiveCall waiting = started(t0);
        waiting.answered(t0.plusSeconds(2));
        for (int i = 0; i < 8; i++) {
            live.ended(CAMPAIGN, started(t0)); // rang out at the ring timeout
        }

        Outlook.Measured m = builder.build(CAMPAIGN, KYIV, PACING, LINES, t0.plusSeconds(5)).measured();

        assertEquals(10, m.dialed(), "8 rang out, 2 answered and still up");
        assertEquals(2, m.answered());
        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(2)), m.dialToAnswer());
        assertEquals(List.of(), m.talk(), "no talk has ended");

        talking.talked(Duration.ofSeconds(40));
        live.ended(CAMPAIGN, talking);
        Outlook.Measured after = builder.build(CAMPAIGN, KYIV, PACING, LINES, t0.plusSeconds(45)).measured();
        assertEquals(10, after.dialed(), "its outcome was counted once, at the answer");
        assertEquals(2, after.answered());
        assertEquals(List.of(Duration.ofSeconds(40)), after.talk());
    }

    @Test
    void theSampleKeepsTheLastFiveHundredEndedCalls() {
        Instant t0 = now();
        for (int i = 0; i < 600; i++) {
            LiveCall call = started(t0);
            if (i % 4 == 0) { // one in four answered after i % 20 seconds, then an operator talks 100 + i s
                call.answered(t0.plusSeconds(i % 20));
                call.offered(true);
                call.talked(Duration.ofSeconds(100 + i));
            } else if (i % 4 == 1) {
                call.offered(false); // an operator refused one the callee then left
            }
            live.ended(CAMPAIGN, call);
        }
        LiveCall neverDialed = new LiveCall(t0); // an audio error: no call placed, not sampled
        live.started(CAMPAIGN, neverDialed);
        live.ended(CAMPAIGN, neverDialed);

        Outlook.Measured m = builder.build(CAMPAIGN, KYIV, PACING, LINES, t0).measured();

        assertEquals(500, m.dialed(), "calls 100..599");
        assertEquals(125, m.answered());
        assertEquals(125, m.dialToAnswer().size());
        assertEquals(Duration.ZERO, m.dialToAnswer().getFirst(), "call 100: 100 % 20 = 0 s");
        assertEquals(Duration.ofSeconds(200), m.talk().getFirst());
        assertEquals(Duration.ofSeconds(696), m.talk().getLast());
        assertEquals(250, m.offers());
        assertEquals(125, m.offersAnswered());
        assertEquals(Duration.ofSeconds(15), m.wrapUp(), "the campaign's markAsBusySeconds");
        assertEquals(Duration.ofSeconds(30), m.ringTimeout());
        assertTrue(builder.build(CAMPAIGN, KYIV, PACING, LINES, t0).calls().isEmpty());
    }

    @Test
    void theAbandonmentIsTheLedgersInTheCampaignsZoneWithTheCap() {
        Instant now = Instant.parse("2026-06-03T10:00:00Z"); // 13:00 in Kyiv
        ledger.counted(CAMPAIGN, Instant.parse("2026-06-02T20:30:00Z"), true); // 23:30 Kyiv, yesterday
        ledger.counted(CAMPAIGN, Instant.parse("2026-06-02T21:30:00Z"), false); // 00:30 Kyiv, today

        Outlook.Abandonment a = builder.build(CAMPAIGN, KYIV, PACING, LINES, now).abandonment();

        assertEquals(new Outlook.Abandonment(new Outlook.Tally(2, 1), new Outlook.Tally(1, 0), 3.0, 5,
                Duration.ofSeconds(2)), a);
    }

    private LiveCall started(Instant at) {
        LiveCall call = new LiveCall(at);
        call.dialed(at);
        live.started(CAMPAIGN, call);
        return call;
    }
}
