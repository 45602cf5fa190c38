package org.outdial.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.outdial.sip.call.CallAction.AbandonInvite;
import org.outdial.sip.call.CallAction.AnswerReInvite;
import org.outdial.sip.call.CallAction.CloseMedia;
import org.outdial.sip.call.CallAction.ConnectMedia;
import org.outdial.sip.call.CallAction.Finish;
import org.outdial.sip.call.CallAction.RefuseReInvite;
import org.outdial.sip.call.CallAction.ReportAnswer;
import org.outdial.sip.call.CallAction.ReportProgress;
import org.outdial.sip.call.CallAction.ResendInviteWithAuth;
import org.outdial.sip.call.CallAction.SendAck;
import org.outdial.sip.call.CallAction.SendBye;
import org.outdial.sip.call.CallAction.SendCancel;
import org.outdial.sip.call.CallAction.StartTimer;
import org.outdial.sip.call.CallAction.StopTimer;
import org.outdial.sip.call.CallEvent.Answered;
import org.outdial.sip.call.CallEvent.ByeAnswered;
import org.outdial.sip.call.CallEvent.ByeNotSent;
import org.outdial.sip.call.CallEvent.ByeTimedOut;
import org.outdial.sip.call.CallEvent.ChallengeNotAnswered;
import org.outdial.sip.call.CallEvent.Hangup;
import org.outdial.sip.call.CallEvent.InternalError;
import org.outdial.sip.call.CallEvent.InviteSent;
import org.outdial.sip.call.CallEvent.InviteTimedOut;
import org.outdial.sip.call.CallEvent.NotPlaced;
import org.outdial.sip.call.CallEvent.Provisional;
import org.outdial.sip.call.CallEvent.ReInvite;
import org.outdial.sip.call.CallEvent.Rejected;
import org.outdial.sip.call.CallEvent.RemoteBye;
import org.outdial.sip.call.CallEvent.TimerFired;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.CallTimings;
import org.outdial.sip.outcome.LocalCause;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.outcome.Party;
import org.outdial.sip.sdp.MediaDirection;
import org.outdial.sip.sdp.NegotiatedAudio;

class CallStateMachineTest {

    private static final Instant T0 = Instant.parse("2024-06-03T10:00:00Z");
    private static final Duration RING = Duration.ofSeconds(30);
    private static final Duration CAP = Duration.ofMinutes(1);
    private static final NegotiatedAudio PEER = new NegotiatedAudio(new InetSocketAddress("192.0.2.5", 4000), 0, 101,
            20, MediaDirection.SENDRECV);
    private static final RemoteSdp AUDIO = new RemoteSdp.Usable(PEER);

    private static final Provisional TRYING = new Provisional(100, "Trying", RemoteSdp.NONE);
    private static final Provisional RINGING = new Provisional(180, "Ringing", RemoteSdp.NONE);
    private static final Provisional EARLY_MEDIA = new Provisional(183, "Session Progress", AUDIO);
    private static final Rejected BUSY = new Rejected(486, "Busy Here", 0);
    private static final Rejected CHALLENGE = new Rejected(401, "Unauthorized", 0);
    private static final Rejected TERMINATED = new Rejected(487, "Request Terminated", 0);

    /** One event of every kind, by the name the matrix below uses. */
    private static final Map<String, CallEvent> EVENTS = Map.ofEntries(
            Map.entry("InviteSent", new InviteSent(T0)),
            Map.entry("NotPlaced", new NotPlaced(LocalCause.LOCAL_ERROR, "no RTP port", T0)),
            Map.entry("Trying", TRYING),
            Map.entry("EarlyMedia", EARLY_MEDIA),
            Map.entry("Answered", new Answered(AUDIO)),
            Map.entry("AnsweredNoSdp", new Answered(RemoteSdp.NONE)),
            Map.entry("AnsweredBadSdp", new Answered(new RemoteSdp.Unusable("no G.711"))),
            Map.entry("Busy", BUSY),
            Map.entry("Challenge", CHALLENGE),
            Map.entry("Terminated", TERMINATED),
            Map.entry("ChallengeNotAnswered", new ChallengeNotAnswered(CHALLENGE)),
            Map.entry("InviteTimedOut", new InviteTimedOut()),
            Map.entry("ByeAnswered", new ByeAnswered()),
            Map.entry("ByeTimedOut", new ByeTimedOut()),
            Map.entry("ByeNotSent", new ByeNotSent()),
            Map.entry("RemoteBye", new RemoteBye(0)),
            Map.entry("ReInvite", new ReInvite()),
            Map.entry("RingTimer", new TimerFired(CallTimer.RING)),
            Map.entry("LengthTimer", new TimerFired(CallTimer.LENGTH)),
            Map.entry("CancelGuard", new TimerFired(CallTimer.CANCEL_GUARD)),
            Map.entry("Hangup", new Hangup()),
            Map.entry("InternalError", new InternalError("internal error: boom")));

    /** Feeds events one millisecond apart, from T0; remembers every action. */
    private static final class Driver {
        final CallStateMachine machine;
        final List<CallAction> all = new ArrayList<>();
        Instant now = T0;

        Driver(boolean hasCredentials) {
            machine = new CallStateMachine(RING, CAP, hasCredentials);
        }

        Driver() {
            this(true);
        }

        List<CallAction> on(CallEvent event) {
            now = now.plusMillis(1);
            List<CallAction> actions = machine.on(event, now);
            all.addAll(actions);
            return actions;
        }

        Driver to(CallEvent... events) {
            for (CallEvent e : events) {
                on(e);
            }
            return this;
        }

        CallOutcome outcome() {
            List<CallOutcome> finished = all.stream().filter(Finish.class::isInstance)
                    .map(a -> ((Finish) a).outcome()).toList();
            assertEquals(1, finished.size(), "one Finish: " + all);
            return finished.getFirst();
        }

        boolean finished() {
            return all.stream().anyMatch(Finish.class::isInstance);
        }
    }

    /** A machine in {@code state}, reached the ordinary way. */
    private static Driver in(CallState state) {
        Driver d = new Driver();
        return switch (state) {
            case CREATED -> d;
            case INVITING -> d.to(new InviteSent(T0));
            case EARLY -> d.to(new InviteSent(T0), RINGING);
            case CANCELLING -> d.to(new InviteSent(T0), RINGING, new Hangup());
            case CONFIRMED -> d.to(new InviteSent(T0), RINGING, new Answered(AUDIO));
            case ENDING -> d.to(new InviteSent(T0), RINGING, new Answered(AUDIO), new Hangup());
            case ENDED -> d.to(new InviteSent(T0), BUSY);
        };
    }

    private static String names(List<CallAction> actions) {
        return actions.isEmpty() ? "-"
                : actions.stream().map(a -> a.getClass().getSimpleName()).collect(Collectors.joining(" "));
    }

    // ---- every event in every state -------------------------------------------------------

    @ParameterizedTest(name = "{1} in {0} -> {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            CREATED    | InviteSent           | INVITING   | StartTimer
            CREATED    | NotPlaced            | ENDED      | Finish
            CREATED    | Trying               | CREATED    | -
            CREATED    | EarlyMedia           | CREATED    | -
            CREATED    | Answered             | CREATED    | -
            CREATED    | AnsweredNoSdp        | CREATED    | -
            CREATED    | AnsweredBadSdp       | CREATED    | -
            CREATED    | Busy                 | CREATED    | -
            CREATED    | Challenge            | CREATED    | -
            CREATED    | Terminated           | CREATED    | -
            CREATED    | ChallengeNotAnswered | CREATED    | -
            CREATED    | InviteTimedOut       | CREATED    | -
            CREATED    | ByeAnswered          | CREATED    | -
            CREATED    | ByeTimedOut          | CREATED    | -
            CREATED    | ByeNotSent           | CREATED    | -
            CREATED    | RemoteBye            | CREATED    | -
            CREATED    | ReInvite             | CREATED    | RefuseReInvite
            CREATED    | RingTimer            | CREATED    | -
            CREATED    | LengthTimer          | CREATED    | -
            CREATED    | CancelGuard          | CREATED    | -
            CREATED    | Hangup               | ENDED      | Finish
            CREATED    | InternalError        | ENDED      | Finish

            INVITING   | Trying               | EARLY      | ReportProgress
            INVITING   | EarlyMedia           | EARLY      | ConnectMedia ReportProgress
            INVITING   | Answered             | CONFIRMED  | SendAck StopTimer ConnectMedia StartTimer ReportAnswer
            INVITING   | AnsweredNoSdp        | ENDING     | SendAck StopTimer CloseMedia SendBye
            INVITING   | AnsweredBadSdp       | ENDING     | SendAck StopTimer CloseMedia SendBye
            INVITING   | Busy                 | ENDED      | Finish
            INVITING   | Challenge            | INVITING   | ResendInviteWithAuth
            INVITING   | Terminated           | ENDED      | Finish
            INVITING   | ChallengeNotAnswered | ENDED      | Finish
            INVITING   | InviteTimedOut       | ENDED      | Finish
            INVITING   | ByeAnswered          | INVITING   | -
            INVITING   | ByeTimedOut          | INVITING   | -
            INVITING   | ByeNotSent           | INVITING   | -
            INVITING   | RemoteBye            | INVITING   | -
            INVITING   | ReInvite             | INVITING   | RefuseReInvite
            INVITING   | RingTimer            | CANCELLING | StopTimer StartTimer CloseMedia
            INVITING   | LengthTimer          | INVITING   | -
            INVITING   | CancelGuard          | INVITING   | -
            INVITING   | Hangup               | CANCELLING | StopTimer StartTimer CloseMedia
            INVITING   | InternalError        | ENDED      | Finish

            EARLY      | Trying               | EARLY      | ReportProgress
            EARLY      | EarlyMedia           | EARLY      | ConnectMedia ReportProgress
            EARLY      | Answered             | CONFIRMED  | SendAck StopTimer ConnectMedia StartTimer ReportAnswer
            EARLY      | AnsweredNoSdp        | ENDING     | SendAck StopTimer CloseMedia SendBye
            EARLY      | AnsweredBadSdp       | ENDING     | SendAck StopTimer CloseMedia SendBye
            EARLY      | Busy                 | ENDED      | Finish
            EARLY      | Challenge            | INVITING   | ResendInviteWithAuth
            EARLY      | Terminated           | ENDED      | Finish
            EARLY      | ChallengeNotAnswered | ENDED      | Finish
            EARLY      | InviteTimedOut       | ENDED      | Finish
            EARLY      | ByeAnswered          | EARLY      | -
            EARLY      | ByeTimedOut          | EARLY      | -
            EARLY      | ByeNotSent           | EARLY      | -
            EARLY      | RemoteBye            | EARLY      | -
            EARLY      | ReInvite             | EARLY      | RefuseReInvite
            EARLY      | RingTimer            | CANCELLING | StopTimer SendCancel StartTimer CloseMedia
            EARLY      | LengthTimer          | EARLY      | -
            EARLY      | CancelGuard          | EARLY      | -
            EARLY      | Hangup               | CANCELLING | StopTimer SendCancel StartTimer CloseMedia
            EARLY      | InternalError        | ENDED      | Finish

            CANCELLING | Trying               | CANCELLING | ReportProgress
            CANCELLING | EarlyMedia           | CANCELLING | ReportProgress
            CANCELLING | Answered             | ENDING     | SendAck CloseMedia SendBye
            CANCELLING | AnsweredNoSdp        | ENDING     | SendAck CloseMedia SendBye
            CANCELLING | AnsweredBadSdp       | ENDING     | SendAck CloseMedia SendBye
            CANCELLING | Busy                 | ENDED      | Finish
            CANCELLING | Challenge            | ENDED      | Finish
            CANCELLING | Terminated           | ENDED      | Finish
            CANCELLING | ChallengeNotAnswered | CANCELLING | -
            CANCELLING | InviteTimedOut       | ENDED      | Finish
            CANCELLING | ByeAnswered          | CANCELLING | -
            CANCELLING | ByeTimedOut          | CANCELLING | -
            CANCELLING | ByeNotSent           | CANCELLING | -
            CANCELLING | RemoteBye            | CANCELLING | -
            CANCELLING | ReInvite             | CANCELLING | RefuseReInvite
            CANCELLING | RingTimer            | CANCELLING | -
            CANCELLING | LengthTimer          | CANCELLING | -
            CANCELLING | CancelGuard          | ENDED      | AbandonInvite Finish
            CANCELLING | Hangup               | CANCELLING | -
            CANCELLING | InternalError        | ENDED      | Finish

            CONFIRMED  | Trying               | CONFIRMED  | -
            CONFIRMED  | EarlyMedia           | CONFIRMED  | -
            CONFIRMED  | Answered             | CONFIRMED  | -
            CONFIRMED  | AnsweredNoSdp        | CONFIRMED  | -
            CONFIRMED  | AnsweredBadSdp       | CONFIRMED  | -
            CONFIRMED  | Busy                 | CONFIRMED  | -
            CONFIRMED  | Challenge            | CONFIRMED  | -
            CONFIRMED  | Terminated           | CONFIRMED  | -
            CONFIRMED  | ChallengeNotAnswered | CONFIRMED  | -
            CONFIRMED  | InviteTimedOut       | CONFIRMED  | -
            CONFIRMED  | ByeAnswered          | CONFIRMED  | -
            CONFIRMED  | ByeTimedOut          | CONFIRMED  | -
            CONFIRMED  | ByeNotSent           | CONFIRMED  | -
            CONFIRMED  | RemoteBye            | ENDED      | Finish
            CONFIRMED  | ReInvite             | CONFIRMED  | AnswerReInvite
            CONFIRMED  | RingTimer            | CONFIRMED  | -
            CONFIRMED  | LengthTimer          | ENDING     | StopTimer CloseMedia SendBye
            CONFIRMED  | CancelGuard          | CONFIRMED  | -
            CONFIRMED  | Hangup               | ENDING     | StopTimer CloseMedia SendBye
            CONFIRMED  | InternalError        | ENDED      | Finish

            ENDING     | Trying               | ENDING     | -
            ENDING     | EarlyMedia           | ENDING     | -
            ENDING     | Answered             | ENDING     | -
            ENDING     | AnsweredNoSdp        | ENDING     | -
            ENDING     | AnsweredBadSdp       | ENDING     | -
            ENDING     | Busy                 | ENDING     | -
            ENDING     | Challenge            | ENDING     | -
            ENDING     | Terminated           | ENDING     | -
            ENDING     | ChallengeNotAnswered | ENDING     | -
            ENDING     | InviteTimedOut       | ENDING     | -
            ENDING     | ByeAnswered          | ENDED      | Finish
            ENDING     | ByeTimedOut          | ENDED      | Finish
            ENDING     | ByeNotSent           | ENDED      | Finish
            ENDING     | RemoteBye            | ENDED      | Finish
            ENDING     | ReInvite             | ENDING     | RefuseReInvite
            ENDING     | RingTimer            | ENDING     | -
            ENDING     | LengthTimer          | ENDING     | -
            ENDING     | CancelGuard          | ENDING     | -
            ENDING     | Hangup               | ENDING     | -
            ENDING     | InternalError        | ENDED      | Finish

            ENDED      | Trying               | ENDED      | -
            ENDED      | EarlyMedia           | ENDED      | -
            ENDED      | Answered             | ENDED      | -
            ENDED      | AnsweredNoSdp        | ENDED      | -
            ENDED      | AnsweredBadSdp       | ENDED      | -
            ENDED      | Busy                 | ENDED      | -
            ENDED      | Challenge            | ENDED      | -
            ENDED      | Terminated           | ENDED      | -
            ENDED      | ChallengeNotAnswered | ENDED      | -
            ENDED      | InviteTimedOut       | ENDED      | -
            ENDED      | ByeAnswered          | ENDED      | -
            ENDED      | ByeTimedOut          | ENDED      | -
            ENDED      | ByeNotSent           | ENDED      | -
            ENDED      | RemoteBye            | ENDED      | -
            ENDED      | ReInvite             | ENDED      | RefuseReInvite
            ENDED      | RingTimer            | ENDED      | -
            ENDED      | LengthTimer          | ENDED      | -
            ENDED      | CancelGuard          | ENDED      | -
            ENDED      | Hangup               | ENDED      | -
            ENDED      | InternalError        | ENDED      | -
            """)
    void everyEventInEveryState(CallState state, String event, CallState next, String actions) {
        Driver d = in(state);
        assertEquals(state, d.machine.state(), "set-up");

        assertEquals(actions, names(d.on(EVENTS.get(event))));
        assertEquals(next, d.machine.state());
    }

    @Test
    void theMatrixCoversEveryEventKindInEveryState() {
        // CallEvent's permitted records, by name: a new kind of event must get its rows above.
        List<String> kinds = Arrays.stream(CallEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .sorted().toList();
        List<String> covered = EVENTS.values().stream().map(e -> e.getClass().getSimpleName()).distinct().sorted()
                .toList();
        assertEquals(kinds, covered);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"INVITING", "EARLY", "CANCELLING", "CONFIRMED", "ENDING", "ENDED"})
    void aCallIsPlacedOnceOnly(CallState state) {
        Driver d = in(state);
        var e = assertThrows(IllegalStateException.class, () -> d.on(EVENTS.get("InviteSent")));
        assertTrue(e.getMessage().contains(state.name()), e.getMessage());
        assertThrows(IllegalStateException.class, () -> d.on(EVENTS.get("NotPlaced")));
    }

    @Test
    void noSequenceOfEventsFinishesACallTwice() {
        List<CallEvent> events = EVENTS.entrySet().stream()
                .filter(e -> !e.getKey().equals("InviteSent") && !e.getKey().equals("NotPlaced"))
                .map(Map.Entry::getValue).toList();
        Random random = new Random(9);
        for (int run = 0; run < 2_000; run++) {
            Driver d = new Driver(random.nextBoolean()).to(new InviteSent(T0));
            for (int i = 0; i < 12; i++) {
                boolean wasOver = d.finished();
                List<CallAction> actions = d.on(events.get(random.nextInt(events.size())));
                if (wasOver) {
                    assertTrue(actions.stream().allMatch(RefuseReInvite.class::isInstance),
                            "after the end only re-INVITEs are refused: " + d.all);
                }
            }
            assertTrue(d.all.stream().filter(Finish.class::isInstance).count() <= 1, d.all.toString());
            assertEquals(d.finished(), d.machine.state() == CallState.ENDED);
        }
    }

    // ---- whole calls ----------------------------------------------------------------------

    @Test
    void anAnsweredCallHungUpByUsEndsWhenItsByeIsAnswered() {
        Driver d = new Driver();
        assertEquals(List.of(new StartTimer(CallTimer.RING, RING)), d.on(new InviteSent(T0)));
        assertEquals(List.of(new ReportProgress(new CallProgress(100, "Trying", false, d.now.plusMillis(1)))),
                d.on(TRYING));
        assertEquals(List.of(new ReportProgress(new CallProgress(180, "Ringing", false, d.now.plusMillis(1)))),
                d.on(RINGING));
        assertEquals(List.of(new SendAck(), new StopTimer(CallTimer.RING), new ConnectMedia(PEER),
                new StartTimer(CallTimer.LENGTH, CAP), new ReportAnswer()), d.on(new Answered(AUDIO)));
        assertEquals(List.of(new StopTimer(CallTimer.LENGTH), new CloseMedia(), new SendBye(16)), d.on(new Hangup()));
        Instant byeSent = d.now;
        d.on(new ByeAnswered());

        CallOutcome outcome = d.outcome();
        assertEquals(Outcome.ANSWERED, outcome.outcome());
        assertEquals(200, outcome.sipCode());
        assertEquals(16, outcome.q850());
        assertEquals("hung up", outcome.reason());
        assertEquals(Party.LOCAL, outcome.endedBy());
        assertEquals(new CallTimings(T0, T0.plusMillis(2), T0.plusMillis(3), T0.plusMillis(4), byeSent),
                outcome.timings(), "ended when the BYE left, not when its 200 came");
        assertTrue(((Finish) d.all.getLast()).answered());
    }

    @Test
    void theCalleeHangingUpEndsTheCallWithItsCause() {
        CallOutcome withCause = in(CallState.CONFIRMED).to(new RemoteBye(17)).outcome();
        assertEquals(Outcome.ANSWERED, withCause.outcome());
        assertEquals(17, withCause.q850(), "RFC 3326 Reason from the BYE");
        assertEquals(Party.REMOTE, withCause.endedBy());
        assertEquals("callee hung up", withCause.reason());

        assertEquals(16, in(CallState.CONFIRMED).to(new RemoteBye(0)).outcome().q850());
    }

    @Test
    void aFinalResponseEndsTheCallWithItsRowAndThePeersReasonCause() {
        CallOutcome busy = in(CallState.EARLY).to(new Rejected(486, "Busy Here", 0)).outcome();
        assertEquals(Outcome.BUSY, busy.outcome());
        assertEquals(486, busy.sipCode());
        assertEquals(17, busy.q850());
        assertEquals("486 Busy Here", busy.reason());
        assertEquals(Party.REMOTE, busy.endedBy());
        assertFalse(((Finish) in(CallState.EARLY).to(BUSY).all.getLast()).answered());

        CallOutcome withReason = in(CallState.EARLY).to(new Rejected(486, "Busy Here", 34)).outcome();
        assertEquals(Outcome.BUSY, withReason.outcome(), "the peer's cause never changes the outcome");
        assertEquals(34, withReason.q850());
    }

    @Test
    void anUnsolicited487IsTheTrunksOwnCancellation() {
        CallOutcome outcome = in(CallState.EARLY).to(TERMINATED).outcome();
        assertEquals(Outcome.FAILED, outcome.outcome());
        assertEquals(127, outcome.q850());
        assertEquals(Party.REMOTE, outcome.endedBy());
    }

    @Test
    void noResponseAtAllIsTimerB() {
        CallOutcome outcome = in(CallState.INVITING).to(new InviteTimedOut()).outcome();
        assertEquals(Outcome.FAILED, outcome.outcome());
        assertEquals(0, outcome.sipCode());
        assertEquals(102, outcome.q850());
        assertEquals("no response from the trunk", outcome.reason());
        assertEquals(Party.LOCAL, outcome.endedBy());
    }

    @Test
    void aCallThatCannotBePlacedEndsAtOnceWithNothingSent() {
        Driver d = new Driver();
        d.on(new NotPlaced(LocalCause.LOCAL_ERROR, "no RTP port: all in use", T0));
        CallOutcome outcome = d.outcome();
        assertEquals(Outcome.FAILED, outcome.outcome());
        assertEquals(41, outcome.q850());
        assertEquals(0, outcome.sipCode());
        assertEquals("no RTP port: all in use", outcome.reason());
        assertEquals(T0, outcome.timings().inviteSent(), "the dial time");
        assertEquals(1, d.all.size(), "no timer, no SIP: " + d.all);
    }

    @Test
    void theCallLengthCapSendsByeAndALostByeStillEndsTheCall() {
        Driver d = in(CallState.CONFIRMED);
        assertEquals(List.of(new StopTimer(CallTimer.LENGTH), new CloseMedia(), new SendBye(16)),
                d.on(new TimerFired(CallTimer.LENGTH)));
        d.on(new ByeTimedOut());

        CallOutcome outcome = d.outcome();
        assertEquals(Outcome.ANSWERED, outcome.outcome());
        assertEquals("call-length cap of PT1M reached", outcome.reason());
        assertEquals(Party.LOCAL, outcome.endedBy());
    }

    @Test
    void earlyMediaStaysTheMediaPathWhenThe2xxHasNoSdp() {
        Driver d = in(CallState.INVITING);
        assertEquals(List.of(new ConnectMedia(PEER), new ReportProgress(new CallProgress(183, "Session Progress",
                true, d.now.plusMillis(1)))), d.on(EARLY_MEDIA));

        assertEquals(List.of(new SendAck(), new StopTimer(CallTimer.RING), new StartTimer(CallTimer.LENGTH, CAP),
                new ReportAnswer()), d.on(new Answered(RemoteSdp.NONE)));
        assertEquals(CallState.CONFIRMED, d.machine.state());
    }

    @Test
    void an100TryingWithSdpIsNotEarlyMedia() {
        Driver d = in(CallState.INVITING);
        assertEquals(List.of(new ReportProgress(new CallProgress(100, "Trying", false, d.now.plusMillis(1)))),
                d.on(new Provisional(100, "Trying", AUDIO)));
    }

    @Test
    void aTwoHundredWhoseSdpIsUnusableIsAckedByedAndFailed() {
        Driver d = in(CallState.EARLY);
        assertEquals(List.of(new SendAck(), new StopTimer(CallTimer.RING), new CloseMedia(), new SendBye(88)),
                d.on(new Answered(new RemoteSdp.Unusable("no PCMU or PCMA"))));
        d.on(new ByeAnswered());

        CallOutcome outcome = d.outcome();
        assertEquals(Outcome.FAILED, outcome.outcome());
        assertEquals(88, outcome.q850());
        assertEquals(200, outcome.sipCode());
        assertEquals("answer SDP unusable", outcome.reason());
        assertTrue(outcome.answered(), "it was answered");
        assertFalse(((Finish) d.all.getLast()).answered(), "but the flow never gets a call to talk on");
    }

    // ---- the races ------------------------------------------------------------------------

    @Test
    void anAnswerRacingOurCancelIsAckedAndByedAtOnce() {
        // RFC 3261 §9.1: a CANCEL cannot stop a 2xx already on its way; §15: the caller ACKs it and
        // ends the session with BYE.
        Driver d = in(CallState.EARLY);
        assertEquals(List.of(new StopTimer(CallTimer.RING), new SendCancel(),
                new StartTimer(CallTimer.CANCEL_GUARD, CallStateMachine.CANCEL_GUARD), new CloseMedia()),
                d.on(new Hangup()));
        assertEquals(List.of(new SendAck(), new CloseMedia(), new SendBye(16)), d.on(new Answered(AUDIO)));
        assertEquals(List.of(), d.on(new Rejected(487, "Request Terminated", 0)),
                "a 487 after the 2xx changes nothing");
        d.on(new ByeAnswered());

        CallOutcome outcome = d.outcome();
        assertEquals(Outcome.CANCELLED, outcome.outcome());
        assertEquals(200, outcome.sipCode());
        assertEquals("answered as we cancelled; hung up", outcome.reason());
        assertEquals(Party.LOCAL, outcome.endedBy());
        assertFalse(((Finish) d.all.getLast()).answered(), "the flow sees an unanswered call");
        assertTrue(d.all.stream().noneMatch(ReportAnswer.class::isInstance));
    }

    @Test
    void anAnswerRacingTheRingTimeoutIsNoAnswerWithCause19() {
        Driver d = in(CallState.EARLY).to(new TimerFired(CallTimer.RING));
        assertEquals(List.of(new SendAck(), new CloseMedia(), new SendBye(19)), d.on(new Answered(AUDIO)));
        d.on(new ByeAnswered());

        CallOutcome outcome = d.outcome();
        assertEquals(Outcome.NO_ANSWER, outcome.outcome());
        assertEquals(19, outcome.q850());
    }

    @Test
    void aCancelBeforeAnyProvisionalIsHeldUntilTheFirstOne() {
        // RFC 3261 §9.1: a CANCEL should not be sent before a provisional response to the INVITE.
        Driver d = in(CallState.INVITING);
        assertTrue(d.on(new Hangup()).stream().noneMatch(SendCancel.class::isInstance));
        assertEquals(List.of(new ReportProgress(new CallProgress(100, "Trying", false, d.now.plusMillis(1))),
                new SendCancel()), d.on(TRYING));
        assertTrue(d.on(RINGING).stream().noneMatch(SendCancel.class::isInstance), "one CANCEL only");
        d.on(TERMINATED);

        CallOutcome outcome = d.outcome();
        assertEquals(Outcome.CANCELLED, outcome.outcome());
        assertEquals(487, outcome.sipCode());
        assertEquals(16, outcome.q850());
        assertEquals("hung up before answer", outcome.reason());
        assertEquals(Party.LOCAL, outcome.endedBy());
    }

    @Test
    void aHeldCancelWhoseInviteNeverGetsAnAnswerEndsAtTimerB() {
        Driver d = in(CallState.INVITING).to(new TimerFired(CallTimer.RING), new InviteTimedOut());

        CallOutcome outcome = d.outcome();
        assertEquals(Outcome.NO_ANSWER, outcome.outcome(), "our ring timeout is why it ended");
        assertEquals(19, outcome.q850());
        assertEquals(0, outcome.sipCode());
        assertEquals("ring timeout", outcome.reason());
        assertTrue(d.all.stream().noneMatch(SendCancel.class::isInstance));
    }

    @Test
    void theCancelGuardGivesUpOnAnInviteThatNeverEnds() {
        Driver d = in(CallState.EARLY).to(new TimerFired(CallTimer.RING));
        assertEquals(CallState.CANCELLING, d.machine.state());
        assertEquals(List.of(new AbandonInvite(), new Finish(new CallOutcome(Outcome.NO_ANSWER, 0, 19, "ring timeout",
                Party.LOCAL, new CallTimings(T0, T0.plusMillis(2), T0.plusMillis(2), null, d.now.plusMillis(1))))),
                d.on(new TimerFired(CallTimer.CANCEL_GUARD)));
        assertEquals(List.of(), d.on(TERMINATED), "the 487 that comes after all is dropped");
    }

    @Test
    void aChallengeIsAnsweredOnceThenTheRetryIsCancelledLikeAnyInvite() {
        // 401, then our authenticated INVITE; hung up before its first 1xx; CANCEL waits for it; 487.
        Driver d = in(CallState.EARLY);
        assertEquals(List.of(new ResendInviteWithAuth(1)), d.on(CHALLENGE));
        assertEquals(CallState.INVITING, d.machine.state());
        assertTrue(d.on(new Hangup()).stream().noneMatch(SendCancel.class::isInstance),
                "the 1xx of the first INVITE does not count for the new one");
        assertTrue(d.on(TRYING).contains(new SendCancel()));
        d.on(TERMINATED);

        CallOutcome outcome = d.outcome();
        assertEquals(Outcome.CANCELLED, outcome.outcome());
        assertEquals(487, outcome.sipCode());
    }

    @Test
    void aChallengeToTheRetryEndsTheCallWithItsRow() {
        CallOutcome outcome = in(CallState.INVITING).to(CHALLENGE, TRYING, CHALLENGE).outcome();
        assertEquals(Outcome.FAILED, outcome.outcome());
        assertEquals(401, outcome.sipCode());
        assertEquals(21, outcome.q850());
        assertEquals("401 Unauthorized", outcome.reason());
        assertEquals(Party.REMOTE, outcome.endedBy());
    }

    @Test
    void aChallengeIsNotAnsweredWithoutCredentialsOrWhileCancelling() {
        Driver noCredentials = new Driver(false).to(new InviteSent(T0));
        noCredentials.on(new Rejected(407, "Proxy Authentication Required", 0));
        assertEquals(407, noCredentials.outcome().sipCode());

        Driver cancelling = in(CallState.CANCELLING);
        cancelling.on(CHALLENGE);
        assertEquals(401, cancelling.outcome().sipCode(), "the trunk's answer crossed our CANCEL");
        assertTrue(cancelling.all.stream().noneMatch(ResendInviteWithAuth.class::isInstance));
    }

    @Test
    void aChallengeThatCannotBeAnsweredEndsWithTheChallengesRow() {
        Driver d = in(CallState.INVITING).to(CHALLENGE, new ChallengeNotAnswered(CHALLENGE));
        assertEquals(Outcome.FAILED, d.outcome().outcome());
        assertEquals(401, d.outcome().sipCode());
    }

    @Test
    void aReInviteIsAnsweredWhileUpAndRefusedWhileOurByeIsPending() {
        Driver d = in(CallState.CONFIRMED);
        assertEquals(List.of(new AnswerReInvite()), d.on(new ReInvite()));
        d.on(new Hangup());
        assertEquals(List.of(new RefuseReInvite(491)), d.on(new ReInvite()), "RFC 3261 §14.2");
        d.on(new ByeAnswered());

        assertEquals(Party.LOCAL, d.outcome().endedBy());
    }

    @Test
    void aByeRightAfterTheReInviteEndsTheCallAsRemote() {
        // The callee re-INVITEs (hold) and hangs up before its ACK: the BYE ends the call.
        Driver d = in(CallState.CONFIRMED).to(new ReInvite(), new RemoteBye(0));

        assertEquals(Party.REMOTE, d.outcome().endedBy());
        assertEquals(List.of(new RefuseReInvite(491)), d.on(new ReInvite()), "nothing is re-negotiated after the end");
    }

    @Test
    void byesThatCrossEndTheCallAsOurs() {
        Driver d = in(CallState.CONFIRMED);
        d.on(new Hangup());
        assertEquals(1, d.on(new RemoteBye(17)).size());
        assertEquals(List.of(), d.on(new ByeAnswered()), "the 481 or 200 to our BYE comes after the end");

        CallOutcome outcome = d.outcome();
        assertEquals(Party.LOCAL, outcome.endedBy());
        assertEquals(16, outcome.q850(), "our BYE's cause, not the crossing one's");
        assertEquals("hung up", outcome.reason());
    }

    @Test
    void anInternalErrorEndsTheCallOnceWhateverItsState() {
        Driver d = in(CallState.EARLY).to(new InternalError("internal error: boom"));
        assertEquals(Outcome.FAILED, d.outcome().outcome());
        assertEquals(41, d.outcome().q850());
        assertEquals(List.of(), d.on(new InternalError("again")));
    }
}
