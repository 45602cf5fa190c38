package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.outdial.engine.operator.OperatorState;
import org.outdial.sip.call.Call;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.Party;

/**
 * One always-connected line's leg as {@link StandingLegs} keeps it: being called, open, or backing
 * off after a failure (not answered, or hung up by the operator or the network). Thread-safe.
 */
final class StandingLeg {

    /** Where a line's standing leg is. */
    enum State {
        /** Its phone is being called (the line is OFFERED meanwhile). */
        CALLING,
        /** Answered and live: callees are switched onto it. */
        OPEN,
        /** The last call failed or the operator hung up: the line is rung per call until {@code retryAt}. */
        BACKING_OFF;

        /** What {@link StandingLegs#reconcile} does with a leg in this state. */
        enum Verdict { KEEP, FORGET, HANG_UP, CALL_AGAIN }
    }

    /** A leg open at least this long before it ends is no failure in a row: the back-off starts over. */
    static final Duration STEADY = Duration.ofMinutes(1);

    final String line;
    private State state = State.CALLING;
    private Call call;
    private Instant openedAt;
    private Instant retryAt;
    private int failures;

    StandingLeg(String line) {
        this.line = line;
    }

    synchronized void calling(Call placed) {
        call = placed;
    }

    synchronized void opened(Instant now) {
        requireState(State.CALLING);
        state = State.OPEN;
        openedAt = now;
    }

    /** The back-off is over and the line was claimed to be called again. */
    synchronized void callAgain() {
        requireState(State.BACKING_OFF);
        state = State.CALLING;
        call = null;
        openedAt = null;
    }

    /** The call was not answered: backs off; returns for how long (the back-off doubles with each failure in a row). */
    synchronized Duration failed(Instant now, StandingLegs.BackOff backOff) {
        requireState(State.CALLING);
        return backOff(now, backOff);
    }

    /** The open, live call, if there is one. */
    synchronized Optional<Call> open() {
        return state == State.OPEN && !call.outcome().isDone() ? Optional.of(call) : Optional.empty();
    }

    /**
     * One check of {@link StandingLegs#reconcile}.
     *
     * @param wanted   whether the line is still in an always-connected group
     * @param lineNow  the line's state on the board
     */
    synchronized State.Verdict check(Instant now, boolean wanted, OperatorState lineNow, StandingLegs.BackOff backOff) {
        return switch (state) {
            case CALLING -> State.Verdict.KEEP; // its call thread settles it
            case OPEN -> {
                CallOutcome ended = call.outcome().getNow(null);
                if (ended != null) {
                    if (ended.endedBy() != Party.REMOTE) {
                        yield State.Verdict.FORGET; // ended by Outdial (MAX_LEG, a shutdown): call again
                    }
                    if (Duration.between(openedAt, now).compareTo(STEADY) >= 0) {
                        failures = 0;
                    }
                    backOff(now, backOff);
                    yield State.Verdict.KEEP;
                }
                // Paused, stopped or unregistered: Outdial hangs up, the operator is not kept on an idle line.
                yield !wanted || lineNow == OperatorState.PAUSED || lineNow == OperatorState.OFFLINE
                        ? State.Verdict.HANG_UP : State.Verdict.KEEP;
            }
            case BACKING_OFF -> !wanted ? State.Verdict.FORGET
                    : !now.isBefore(retryAt) ? State.Verdict.CALL_AGAIN : State.Verdict.KEEP;
        };
    }

    synchronized State state() {
        return state;
    }

    /** How many failures in a row led to the back-off now running. */
    synchronized int failures() {
        return failures;
    }

    synchronized void hangUp() {
        if (call != null) {
            call.hangup();
        }
    }

    private Duration backOff(Instant now, StandingLegs.BackOff backOff) {
        failures++;
        Duration wait = backOff.after(failures);
        retryAt = now.plus(wait);
        state = State.BACKING_OFF;
        return wait;
    }

    private void requireState(State expected) {
        if (state != expected) {
            throw new IllegalStateException("standing leg to " + line + " is " + state + ", not " + expected);
        }
    }
}
