package org.outdial.engine.pacing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What SMART predicts from (issue 11): the campaign's operators and calls as they are now, what its
 * calls so far measured, and its abandonment against the cap. FIXED and FREE get {@link #NONE} and
 * do not read it. The dialer fills it from the operator board, its calls in flight and the
 * abandonment ledger; the pacing simulator fills it from its simulated team.
 *
 * @param operators   the campaign's logged-in operators (not OFFLINE, not PAUSED, not busy elsewhere)
 * @param calls       the campaign's calls in flight that have no operator yet: dialing, ringing, or
 *                    answered and waiting for one
 * @param measured    what this campaign's calls measured so far
 * @param abandonment the campaign's abandonment and the cap it must stay under
 */
public record Outlook(List<Operator> operators, List<Call> calls, Measured measured, Abandonment abandonment) {

    /** Nothing known: FIXED and FREE, or a dialer without operators. */
    public static final Outlook NONE = new Outlook(List.of(), List.of(), Measured.NONE, Abandonment.NONE);

    public Outlook {
        operators = List.copyOf(Objects.requireNonNull(operators, "operators"));
        calls = List.copyOf(Objects.requireNonNull(calls, "calls"));
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(abandonment, "abandonment");
    }

    /** What an operator is doing, as far as pacing cares. */
    public enum Activity {
        /** Free: will take the next answered call. */
        READY,
        /** Being rung with a call (or holding one reserved). */
        OFFERED,
        /** Talking to a callee. */
        TALKING,
        /** After a talk, busy until {@link Operator#freeAt}. */
        WRAP_UP
    }

    /**
     * One logged-in operator.
     *
     * @param activity what they are doing
     * @param since    since when
     * @param freeAt   when a WRAP_UP ends; null for the other activities (their end is not known)
     */
    public record Operator(Activity activity, Instant since, Instant freeAt) {
        public Operator {
            Objects.requireNonNull(activity, "activity");
            Objects.requireNonNull(since, "since");
            if ((activity == Activity.WRAP_UP) != (freeAt != null)) {
                throw new IllegalArgumentException("freeAt is set exactly for WRAP_UP, was " + activity + " " + freeAt);
            }
        }
    }

    /**
     * One call without an operator.
     *
     * @param dialedAt   when it was dialed
     * @param answeredAt when the callee answered; null while it is dialing or ringing
     */
    public record Call(Instant dialedAt, Instant answeredAt) {
        public Call {
            Objects.requireNonNull(dialedAt, "dialedAt");
            if (answeredAt != null && answeredAt.isBefore(dialedAt)) {
                throw new IllegalArgumentException("answeredAt " + answeredAt + " is before dialedAt " + dialedAt);
            }
        }
    }

    /**
     * What this campaign's calls measured (recent ones, a bounded sample each; a cold start has none
     * and the pacer uses its prior).
     *
     * @param dialed         calls ended so far (answered or not)
     * @param answered       of those, answered by a person
     * @param dialToAnswer   time from dial to answer of recent answered calls
     * @param talk           talk times of recent calls connected to an operator
     * @param wrapUp         what follows a talk before the operator is free again (the campaign's
     *                       {@code markAsBusySeconds} when the talk is long enough; zero otherwise)
     * @param ringTimeout    after how long an unanswered call is given up
     * @param offers         offers made to operators
     * @param offersAnswered of those, answered by the operator
     */
    public record Measured(long dialed, long answered, List<Duration> dialToAnswer, List<Duration> talk,
                           Duration wrapUp, Duration ringTimeout, long offers, long offersAnswered) {

        public static final Measured NONE = new Measured(0, 0, List.of(), List.of(), Duration.ZERO,
                Duration.ofSeconds(30), 0, 0);

        public Measured {
            if (dialed < 0 || answered < 0 || answered > dialed) {
                throw new IllegalArgumentException("measured must be 0 <= answered <= dialed, was " + answered + ", " + dialed);
            }
            if (offers < 0 || offersAnswered < 0 || offersAnswered > offers) {
                throw new IllegalArgumentException("measured must be 0 <= offersAnswered <= offers, was "
                        + offersAnswered + ", " + offers);
            }
            dialToAnswer = List.copyOf(Objects.requireNonNull(dialToAnswer, "dialToAnswer"));
            talk = List.copyOf(Objects.requireNonNull(talk, "talk"));
            Objects.requireNonNull(wrapUp, "wrapUp");
            Objects.requireNonNull(ringTimeout, "ringTimeout");
            if (wrapUp.isNegative() || ringTimeout.isNegative() || ringTimeout.isZero()) {
                throw new IllegalArgumentException("wrapUp must be >= 0 and ringTimeout > 0, was " + wrapUp + ", "
                        + ringTimeout);
            }
        }
    }

    /**
     * Live-answered and abandoned calls in one window (FCC 47 CFR 64.1200(a)(7): abandoned = no
     * operator on the line within the grace after the callee answered).
     */
    public record Tally(long liveAnswered, long abandoned) {

        public static final Tally NONE = new Tally(0, 0);

        public Tally {
            if (liveAnswered < 0 || abandoned < 0 || abandoned > liveAnswered) {
                throw new IllegalArgumentException("tally must be 0 <= abandoned <= liveAnswered, was " + abandoned
                        + ", " + liveAnswered);
            }
        }

        /** Abandoned over live-answered, in percent; 0 when nothing was answered. */
        public double percent() {
            return liveAnswered == 0 ? 0 : 100.0 * abandoned / liveAnswered;
        }
    }

    /**
     * The campaign's abandonment and its cap (configuration {@code pacing.abandonment.*}, docs/PACING.md).
     *
     * @param window        over the configured window (30 days by default)
     * @param today         over the current day (in the campaign's time zone)
     * @param targetPercent the cap, in percent (3.0 by default)
     * @param minTeam       a team smaller than this is paced progressively (as FREE)
     * @param grace         how long an answered callee may wait for an operator before the call is abandoned
     */
    public record Abandonment(Tally window, Tally today, double targetPercent, int minTeam, Duration grace) {

        public static final Abandonment NONE = new Abandonment(Tally.NONE, Tally.NONE, 3.0, 1, Duration.ofSeconds(2));

        public Abandonment {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(today, "today");
            if (!(targetPercent > 0 && targetPercent <= 100)) {
                throw new IllegalArgumentException("targetPercent must be in (0, 100], was " + targetPercent);
            }
            if (minTeam < 1) {
                throw new IllegalArgumentException("minTeam must be >= 1, was " + minTeam);
            }
            Objects.requireNonNull(grace, "grace");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("grace must be >= 0, was " + grace);
            }
        }
    }
}
