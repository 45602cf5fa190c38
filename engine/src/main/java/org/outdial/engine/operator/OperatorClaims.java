package org.outdial.engine.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.outdial.engine.pacing.Outlook;
import org.outdial.engine.pacing.ModeSettings.OperatorPacing;

/**
 * The one owner of which operator is offered which call, across every campaign: an operator is
 * claimed once, the way a number is claimed once, and is never offered two calls at once. Each
 * claim ends in exactly one of {@link #answered} (then {@link #talkEnded}), {@link #refused} or
 * {@link #released}. Thread-safe; every method takes the time it acts at.
 */
public interface OperatorClaims {

    /**
     * Claims the ready operator among {@code lines} who has been idle longest (seed 004: the
     * campaign's {@code groupId} members, or its {@code pseudoGroupOperators}), and marks them
     * offered; empty when none of them is ready.
     *
     * @param pacing the campaign's FREE/SMART options (wrap-up, pause after no answers), or null
     *               for a campaign without them (GUARANTEED_DIAL in FIXED mode, AUTODIAL transfers)
     */
    Optional<Claim> claim(long campaignId, List<String> lines, OperatorPacing pacing, Instant now);

    /** How many of {@code lines} are ready for a call now: what FREE paces by. */
    int ready(Collection<String> lines, Instant now);

    /** How many operators hold a claim for {@code campaignId} now (offered, reserved, talking): its calls that have one. */
    int claimedBy(long campaignId);

    /** The operator answered the offer: talking. */
    void answered(Claim claim, Instant now);

    /**
     * The operator did not take the offer: ready again, or paused once {@code pauseOperatorNoAnswerLimit}
     * offers in a row went unanswered ({@link Refusal#BUSY} and {@link Refusal#UNREACHABLE} do not count
     * as unanswered: the first marks the line busy elsewhere, the second offline).
     */
    void refused(Claim claim, Refusal why, Instant now);

    /** The claim was not offered after all (the callee never answered, the call failed before): ready again. */
    void released(Claim claim, Instant now);

    /** The talk the operator answered is over: wrap-up for {@code markAsBusySeconds}, or ready. */
    void talkEnded(Claim claim, Duration talk, Instant now);

    /** Called (on the caller's thread, must not block) whenever an operator may have become ready. */
    void onReady(Runnable listener);

    /**
     * What SMART predicts from ({@link Outlook#operators}): those of {@code lines} that are logged in
     * and working (ready, offered, talking or in wrap-up), since when, and when a wrap-up ends. None
     * where operators are not followed.
     */
    default List<Outlook.Operator> outlook(Collection<String> lines, Instant now) {
        return List.of();
    }

    /**
     * Claims nobody and has nobody ready: the claims of a process whose operator board is not
     * wired, so operator campaigns wait (WAITING_OPERATORS) and transfers find no operator.
     */
    static OperatorClaims none() {
        return new OperatorClaims() {
            @Override
            public Optional<Claim> claim(long campaignId, List<String> lines, OperatorPacing pacing, Instant now) {
                return Optional.empty();
            }

            @Override
            public int ready(Collection<String> lines, Instant now) {
                return 0;
            }

            @Override
            public int claimedBy(long campaignId) {
                return 0;
            }

            @Override
            public void answered(Claim claim, Instant now) {
                throw new IllegalStateException("no operator was claimed: " + claim);
            }

            @Override
            public void refused(Claim claim, Refusal why, Instant now) {
                throw new IllegalStateException("no operator was claimed: " + claim);
            }

            @Override
            public void released(Claim claim, Instant now) {
                throw new IllegalStateException("no operator was claimed: " + claim);
            }

            @Override
            public void talkEnded(Claim claim, Duration talk, Instant now) {
                throw new IllegalStateException("no operator was claimed: " + claim);
            }

            @Override
            public void onReady(Runnable listener) {
                // nobody ever becomes ready
            }
        };
    }

    /** Why an offer was not taken. */
    enum Refusal {
        /** Rang for the whole offer time. */
        NO_ANSWER,
        /** The operator declined (486/603 from a phone with nobody else on it, or a hang-up while ringing). */
        DECLINED,
        /** The phone is busy with another call (486 Busy Here while Outdial gave it none). */
        BUSY,
        /** The phone could not be reached (no registration, a transport error, no response). */
        UNREACHABLE
    }

    /**
     * One operator claimed for one call.
     *
     * @param line       the operator's line number
     * @param campaignId the campaign whose call it is
     * @param pacing     the campaign's operator options, or null
     * @param claimedAt  when it was claimed
     */
    record Claim(String line, long campaignId, OperatorPacing pacing, Instant claimedAt) {
    }
}
