package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.TypeSettings;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.operator.OperatorClaims;
import org.outdial.media.audio.AudioSource;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.call.Telephony;
import org.outdial.sip.outcome.CallOutcome;

/**
 * The life of one GUARANTEED_DIAL call (seed 004: "calls are distributed directly to operators"):
 * an operator is reserved before the number is claimed ({@link #reserve}), so an answered person
 * never waits for one; then dial, play the number's own audio if it has one, ring the reserved
 * operator (the next free ones if they do not take it), bridge. An unanswered call gives the
 * operator back. It never ends in ANSW_NF_OP: someone was always there.
 */
public final class GuaranteedFlow implements CallFlow {

    /** Slack on top of the ring timeout before Outdial stops waiting for the network. */
    private static final Duration NETWORK_SLACK = Duration.ofSeconds(30);

    private final Telephony telephony;
    private final CallAudio audio;
    private final DialerSettings settings;
    private final InstantSource clock;
    private final OperatorClaims claims;
    private final OperatorConnect operators;
    private final OperatorLineBook lines;

    public GuaranteedFlow(Telephony telephony, CallAudio audio, DialerSettings settings, InstantSource clock,
                          OperatorClaims claims, OperatorConnect operators, OperatorLineBook lines) {
        this.telephony = Objects.requireNonNull(telephony, "telephony");
        this.audio = Objects.requireNonNull(audio, "audio");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.operators = Objects.requireNonNull(operators, "operators");
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    /** One ready operator per call, longest idle first; as many calls as operators were free. */
    @Override
    public Reservation reserve(Campaign campaign, int wanted, Instant now) {
        List<OperatorClaims.Claim> held = new ArrayList<>();
        if (wanted > 0) {
            List<String> campaignLines = lines.of(campaign);
            while (held.size() < wanted) {
                Optional<OperatorClaims.Claim> claim = claims.claim(campaign.id(), campaignLines,
                        OperatorLineBook.pacing(campaign), now);
                if (claim.isEmpty()) {
                    break;
                }
                held.add(claim.get());
            }
        }
        return Reservation.operators(held, claims);
    }

    @Override
    public CallResult run(CallTask task) throws InterruptedException {
        Campaign campaign = task.campaign();
        AutodialNumber number = task.number();
        OperatorClaims.Claim reserved = Objects.requireNonNull(task.operator(),
                "a GUARANTEED_DIAL call starts with an operator reserved");
        boolean settled = false;
        try {
            AudioSource own;
            AudioSource moh;
            try {
                own = audio.forGuaranteed(campaign, number);
                moh = audio.onHold(((TypeSettings.GuaranteedDial) campaign.settings().type()).moh());
            } catch (CallAudio.Unavailable e) {
                // Built before dialing, as for AUTODIAL: nobody is answered with an audio error.
                return CallResult.withoutCall(campaign.id(), number, NumberState.AUDIO_ERR, clock.instant(),
                        e.getMessage());
            }
            task.progress().dialed(clock.instant());
            Call call = telephony.dial(new DialRequest(task.route().trunk(), number.phone(), task.route().callerId(),
                    settings.ringTimeout(), settings.maxCallDuration()));
            task.progress().placed(call, number.phone());
            OperatorConnect.Connection connection = null;
            try {
                if (AutodialFlow.await(call.answered(), settings.ringTimeout().plus(NETWORK_SLACK)).orElse(false)) {
                    Instant answeredAt = clock.instant();
                    task.progress().answered(answeredAt);
                    if (played(call, own)) {
                        settled = true; // connect ends the reserved claim, whatever happens
                        connection = operators.connect(call, new OperatorConnect.Request(campaign, number,
                                () -> lines.of(campaign), OperatorLineBook.pacing(campaign), reserved, moh, answeredAt,
                                task.progress()));
                    }
                    task.progress().waitOver(); // hung up in the audio, or the connection is over
                }
            } finally {
                call.hangup();
            }
            CallOutcome outcome = AutodialFlow.await(call.outcome(), NETWORK_SLACK.plus(NETWORK_SLACK))
                    .orElseThrow(() -> new IllegalStateException("call " + call.id() + " reported no outcome"));
            task.progress().sipEnded(outcome.timings());
            CallResult result = AutodialFlow.result(campaign, number, outcome, null, clock.instant());
            return connection != null ? result.withOperator(connection) : result.withOperatorSide();
        } finally {
            if (!settled) {
                // Unanswered, failed, hung up during the number's audio, or interrupted: the operator
                // was never offered this call.
                claims.released(reserved, clock.instant());
            }
        }
    }

    /** Plays the number's own audio; false when the callee hung up during it. */
    private static boolean played(Call call, AudioSource own) throws InterruptedException {
        if (own.frameCount() == 0) {
            return !call.outcome().isDone();
        }
        try {
            call.play(own).get(own.duration().plus(NETWORK_SLACK).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            return false; // the callee hung up during it (the playback is cancelled), or media failed
        }
        return !call.outcome().isDone();
    }
}
