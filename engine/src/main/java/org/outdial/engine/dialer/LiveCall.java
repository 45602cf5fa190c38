package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.outdial.sip.call.Call;
import org.outdial.sip.outcome.CallTimings;

/**
 * How far one call in flight has come, as its flow tells it: dialed, answered, with an operator or
 * not, offers made, the talk. {@link LiveCalls} reads it for SMART's outlook (calls without an
 * operator) and keeps a sample of it when the call ends. Written by the call's thread, read by
 * the dialer's: every field is volatile, and each is written once or only grows.
 */
public final class LiveCall {

    private final Instant startedAt;
    private volatile Instant dialedAt;
    private volatile Instant answeredAt;
    private volatile boolean withOperator;
    private volatile int offers;
    private volatile int offersAnswered;
    private volatile Duration talk;
    private volatile Duration connected;
    private volatile Duration postDialDelay;
    private volatile boolean waitOver;
    /** The callee's leg once dialed, its number, and the operator line last offered it: what /calls/hangup finds. */
    private volatile Call callee;
    private volatile String phone;
    private volatile String operatorLine;
    private volatile boolean hungUp;
    /** Told once, at the answer; set by {@link LiveCalls#started}. */
    private volatile java.util.function.Consumer<LiveCall> onAnswered;
    /** Whether {@link LiveCalls} has this call's outcome in its sample (guarded by LiveCalls). */
    boolean outcomeSampled;

    /** @param startedAt when the dialer started the call (its dial time until {@link #dialed} says otherwise) */
    public LiveCall(Instant startedAt) {
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    }

    /** A call whose progress nobody reads (tests of other things, a flow called directly). */
    public static LiveCall untracked(Instant now) {
        return new LiveCall(now);
    }

    /** The INVITE is about to go out. */
    public void dialed(Instant at) {
        dialedAt = at;
    }

    /** The callee's leg was placed to {@code number} (digits): it can now be hung up by number. */
    public void placed(Call call, String number) {
        phone = number;
        callee = call;
        if (hungUp) {
            call.hangup(); // hung up by the API between the dial and now
        }
    }

    /** The operator on {@code line} is offered the call (rung, then talking): the line /calls/hangup finds it by. */
    public void offeredTo(String line) {
        operatorLine = line;
    }

    /** Whether the callee's number or the operator line it talks with is {@code digits}. */
    public boolean involves(String digits) {
        return digits.equals(phone) || digits.equals(operatorLine);
    }

    /** Hangs the callee up (seed 004 /calls/hangup): the flow ends the operator's leg with it and records the call. */
    public void hangup() {
        hungUp = true;
        Call call = callee;
        if (call != null) {
            call.hangup();
        }
    }

    /** The callee answered. */
    public void answered(Instant at) {
        boolean first = answeredAt == null;
        answeredAt = at;
        java.util.function.Consumer<LiveCall> listener = onAnswered;
        if (first && listener != null) {
            listener.accept(this);
        }
    }

    /** {@code listener} hears of the answer when it comes (LiveCalls' sample of outcomes). */
    void onAnswered(java.util.function.Consumer<LiveCall> listener) {
        onAnswered = listener;
    }

    /** An operator holds the call (claimed, reserved, or talking), or no longer does (refused, released). */
    public void withOperator(boolean holding) {
        withOperator = holding;
    }

    /** An operator was offered the call; {@code answered} when they took it. */
    public void offered(boolean answered) {
        offers++;
        if (answered) {
            offersAnswered++;
        }
    }

    /**
     * The callee no longer waits for an operator: they talked, were abandoned (and hear the message
     * now), or the wait was given up. What is left is the call's end and its record, so SMART must
     * not count them as a person about to take an operator (docs/PACING.md, "What SMART sees").
     */
    public void waitOver() {
        waitOver = true;
    }

    /** The callee talked with an operator this long. */
    public void talked(Duration bridged) {
        talk = bridged;
    }

    /**
     * The call's SIP moments, once it ended: how long it was connected (answer to end) and its
     * post-dial delay (INVITE to the first 180 or 183), for {@link CallFigures}.
     */
    public void sipEnded(CallTimings timings) {
        if (timings.answered() != null) {
            connected = timings.talk();
        }
        if (timings.inviteSent() != null && timings.ringing() != null) {
            Duration delay = Duration.between(timings.inviteSent(), timings.ringing());
            postDialDelay = delay.isNegative() ? Duration.ZERO : delay;
        }
    }

    /** Answer to end, or null when unanswered (or the flow never said). */
    public Duration connected() {
        return connected;
    }

    /** INVITE to the first 180 or 183, or null when it never rang (or the flow never said). */
    public Duration postDialDelay() {
        return postDialDelay;
    }

    /** Whether the flow placed the call (an audio error ends it before). */
    public boolean wasDialed() {
        return dialedAt != null;
    }

    public Instant dialedAt() {
        Instant d = dialedAt;
        return d != null ? d : startedAt;
    }

    public Instant answeredAt() {
        return answeredAt;
    }

    public boolean withOperator() {
        return withOperator;
    }

    /** See {@link #waitOver()}. */
    public boolean isWaitOver() {
        return waitOver;
    }

    public int offers() {
        return offers;
    }

    public int offersAnswered() {
        return offersAnswered;
    }

    /** The bridged talk, or null when the call reached no operator. */
    public Duration talk() {
        return talk;
    }
}
