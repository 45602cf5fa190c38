package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.scenario.InAction;
import org.outdial.engine.scenario.InScenario;
import org.outdial.engine.scenario.Scenarios;
import org.outdial.media.audio.AudioSource;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.call.Telephony;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.CallTimings;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.outcome.Party;

/**
 * The life of one AUTODIAL call, top to bottom like the call itself: build the audio, dial, wait
 * for the answer, play, wait the autodialer's {@code delay}, run the incoming scenario (hang up, or
 * TRANSFER_TO_GROUP: connect to a free operator of its group), and report how it ended. Runs on a
 * virtual thread; every wait has a bound.
 */
public final class AutodialFlow implements CallFlow {

    /** Slack on top of the ring timeout before Outdial stops waiting for the network. */
    private static final Duration NETWORK_SLACK = Duration.ofSeconds(30);
    /** Q.850 102, "recovery on timer expiry": sip-stack's cause for an INVITE without a response (Timer B). */
    private static final int NO_RESPONSE_CAUSE = 102;

    private final Telephony telephony;
    private final CallAudio audio;
    private final Scenarios scenarios;
    private final DialerSettings settings;
    private final InstantSource clock;
    private final OperatorConnect operators;
    private final OperatorLineBook lines;

    public AutodialFlow(Telephony telephony, CallAudio audio, Scenarios scenarios, DialerSettings settings,
                        InstantSource clock, OperatorConnect operators, OperatorLineBook lines) {
        this.telephony = telephony;
        this.audio = audio;
        this.scenarios = scenarios;
        this.settings = settings;
        this.clock = clock;
        this.operators = operators;
        this.lines = lines;
    }

    @Override
    public CallResult run(CallTask task) throws InterruptedException {
        Campaign campaign = task.campaign();
        AutodialNumber number = task.number();
        AudioSource greeting;
        try {
            greeting = audio.forNumber(campaign, number);
        } catch (CallAudio.Unavailable e) {
            // Seed 004, useTaskAudioIfAudioError false: "End call with error". The audio is built before
            // dialing, so nobody is answered with silence.
            return CallResult.withoutCall(campaign.id(), number, NumberState.AUDIO_ERR, clock.instant(), e.getMessage());
        }
        // Read before dialing: a campaign that transfers is paced and recorded by its operators.
        InScenario scenario = scenario(task.plan().scenarioId());
        task.progress().dialed(clock.instant());
        Call call = telephony.dial(new DialRequest(task.route().trunk(), number.phone(), task.route().callerId(),
                settings.ringTimeout(), settings.maxCallDuration()));
        task.progress().placed(call, number.phone());
        OperatorConnect.Connection connection = null;
        try {
            if (await(call.answered(), settings.ringTimeout().plus(NETWORK_SLACK)).orElse(false)) {
                task.progress().answered(clock.instant());
                connection = afterAnswer(task, call, greeting, scenario);
                task.progress().waitOver(); // hung up in the audio, no transfer, or the operator's talk is over
            }
        } finally {
            call.hangup();
        }
        CallOutcome outcome = await(call.outcome(), NETWORK_SLACK.plus(NETWORK_SLACK))
                .orElseThrow(() -> new IllegalStateException("call " + call.id() + " reported no outcome"));
        task.progress().sipEnded(outcome.timings());
        CallResult result = result(campaign, number, outcome, null, clock.instant());
        if (connection != null) {
            return result.withOperator(connection);
        }
        return transfers(scenario) ? result.withOperatorSide() : result;
    }

    private InScenario scenario(Long scenarioId) {
        return scenarioId == null ? null : scenarios.findIn(scenarioId).orElse(null);
    }

    private static boolean transfers(InScenario scenario) {
        return scenario != null && scenario.action() == InAction.TRANSFER_TO_GROUP;
    }

    /** Plays, waits the delay, runs the scenario; returns the operator connection when it transferred, else null. */
    private OperatorConnect.Connection afterAnswer(CallTask task, Call call, AudioSource greeting, InScenario scenario)
            throws InterruptedException {
        Duration playing = greeting.duration().plus(NETWORK_SLACK);
        try {
            call.play(greeting).get(playing.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            // the callee hung up during the audio (the playback is cancelled), or media failed: the outcome says which
            return null;
        }
        Duration delay = task.plan().delay();
        if (delay.isPositive() && await(call.outcome(), delay).isPresent()) {
            return null; // the callee hung up during the pause
        }
        if (call.outcome().isDone() || !transfers(scenario)) {
            return null; // no scenario, or HANGUP
        }
        // Seed 004 TRANSFER_TO_GROUP: "Transfer the call to a free line of a group of internal lines".
        // An AUTODIAL has no moh: the callee hears the default hold tone.
        long groupId = scenario.groupId();
        return operators.connect(call, new OperatorConnect.Request(task.campaign(), task.number(),
                () -> lines.group(groupId), OperatorLineBook.pacing(task.campaign()), null, HoldMusic.DEFAULT,
                clock.instant(), task.progress()));
    }

    static CallResult result(Campaign campaign, AutodialNumber number, CallOutcome outcome, String detail,
                                     Instant now) {
        CallTimings t = outcome.timings();
        if (trunkNeverResponded(outcome)) {
            // Our ring timeout came before any response, not even 100 Trying: no CANCEL can be sent
            // before a provisional response (RFC 3261 §9.1), sip-stack reports NO_ANSWER, but nobody
            // rang. It is Timer B's case, a trunk that does not answer: FAIL with its cause, 102.
            return new CallResult(campaign.id(), number, NumberState.FAIL, null, NO_RESPONSE_CAUSE, "outdial", null,
                    null, null, now, "no response from the trunk, not even 100 Trying, within the ring timeout");
        }
        NumberState state = outcome.answered() ? NumberState.ANSW_RJCT : OutcomeStates.forAutodial(outcome.outcome());
        Instant finalAt = t.answered() != null ? t.answered() : t.ended();
        Integer dialToClient = t.inviteSent() == null || finalAt == null ? null : seconds(Duration.between(t.inviteSent(), finalAt));
        Integer forAnswered = t.dialToAnswer().map(AutodialFlow::seconds).orElse(null);
        Integer talk = outcome.answered() ? seconds(t.talk()) : null;
        String reason = detail != null ? detail : outcome.reason();
        // The end is read from the engine's clock, not the SIP stack's, so call records, retry times
        // and calling windows share one time line (they differ by the recording's milliseconds).
        return new CallResult(campaign.id(), number, state, outcome.sipCode() == 0 ? null : outcome.sipCode(),
                outcome.q850() == 0 ? null : outcome.q850(), outcome.endedBy() == Party.REMOTE ? "callee" : "outdial",
                dialToClient, forAnswered, talk, now, reason);
    }

    /** An unanswered call that got no response at all from the trunk (no SIP code, no 1xx), whatever ended it locally. */
    static boolean trunkNeverResponded(CallOutcome outcome) {
        return outcome.outcome() == Outcome.NO_ANSWER && outcome.sipCode() == 0
                && outcome.timings().firstProvisional() == null;
    }

    private static int seconds(Duration d) {
        return (int) Math.round(d.toMillis() / 1000.0);
    }

    static <T> Optional<T> await(java.util.concurrent.CompletableFuture<T> future, Duration timeout)
            throws InterruptedException {
        try {
            return Optional.ofNullable(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }
}
