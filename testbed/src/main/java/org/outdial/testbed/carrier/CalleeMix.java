package org.outdial.testbed.carrier;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How the carrier's callees behave, decided per call by a random generator seeded with the run's
 * seed and the dialed number, so one number always behaves the same way (a campaign that dials it
 * again sees the same result, and a test can look up a number that is busy).
 *
 * <p>The default shares are roughly what a consumer outbound campaign sees on mobile numbers:
 * about half answered, one in six rings out, one in eight busy, a few percent each of
 * non-existent, unreachable (480), declined (603) and network failures (503, 500).
 *
 * @param seed        mixed with each number; another seed gives other numbers other behaviours
 * @param answerShare the share of numbers that answer, 0..1; the other behaviours share the rest
 *                    in their default proportions
 * @param ringing     how long an answering (or declining, or unreachable) callee lets it ring
 * @param talk        how long an answered callee stays on before hanging up, unless Outdial does first
 * @param nonAnswers  what the numbers that do not answer do: {@link NonAnswers#MIXED}, the default
 *                    shares of ring-outs and refusals, or {@link NonAnswers#RING_OUT}, every one
 *                    rings until the caller gives up (the pacing simulator's model)
 */
public record CalleeMix(long seed, double answerShare, Span ringing, Span talk, NonAnswers nonAnswers) {

    /** What the numbers that do not answer do. */
    public enum NonAnswers {
        /** The default shares: ring-outs, busy, unknown, unreachable, declined, network failures. */
        MIXED,
        /**
         * Every one rings until the caller cancels (or the ring cap): what the pacing simulator
         * models, a non-answer given up at the ring timeout; so a real run and the simulator see
         * the same calls ({@code ./outdial bench smart-run}).
         */
        RING_OUT;

        /** Parses {@code mixed} or {@code ring-out}. */
        public static NonAnswers parse(String text) {
            return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "mixed" -> MIXED;
                case "ring-out" -> RING_OUT;
                default -> throw new IllegalArgumentException("non-answers must be mixed or ring-out, was '" + text + "'");
            };
        }
    }

    /** Percent of all calls with the default answer share of 55 %; the non-answer ones add up to 45. */
    private static final int RING_OUT = 15;
    private static final int BUSY = 12;
    private static final int NOT_FOUND = 5;
    private static final int UNAVAILABLE = 4;
    private static final int DECLINED = 4;
    private static final int SERVICE_UNAVAILABLE = 3;
    private static final int SERVER_ERROR = 2;
    private static final int NON_ANSWER_TOTAL = RING_OUT + BUSY + NOT_FOUND + UNAVAILABLE + DECLINED
            + SERVICE_UNAVAILABLE + SERVER_ERROR;

    public static final double DEFAULT_ANSWER_SHARE = 0.55;
    public static final Span DEFAULT_RINGING = new Span(Duration.ofSeconds(1), Duration.ofSeconds(4));
    public static final Span DEFAULT_TALK = new Span(Duration.ofSeconds(3), Duration.ofSeconds(15));
    /** Network refusals (busy, unknown number, congestion) come this fast: no one is rung. */
    private static final Span NETWORK_DELAY = new Span(Duration.ofMillis(50), Duration.ofMillis(500));

    public CalleeMix {
        if (!(answerShare >= 0 && answerShare <= 1)) {
            throw new IllegalArgumentException("answer share must be 0..1, was " + answerShare);
        }
        if (ringing == null || talk == null || nonAnswers == null) {
            throw new IllegalArgumentException("ringing, talk and nonAnswers must be given");
        }
    }

    /** The default non-answers ({@link NonAnswers#MIXED}). */
    public CalleeMix(long seed, double answerShare, Span ringing, Span talk) {
        this(seed, answerShare, ringing, talk, NonAnswers.MIXED);
    }

    /** This mix with {@code value} for the numbers that do not answer; the same numbers answer, the same way. */
    public CalleeMix withNonAnswers(NonAnswers value) {
        return new CalleeMix(seed, answerShare, ringing, talk, value);
    }

    /** The default shares and timings with {@code seed}. */
    public static CalleeMix realistic(long seed) {
        return new CalleeMix(seed, DEFAULT_ANSWER_SHARE, DEFAULT_RINGING, DEFAULT_TALK);
    }

    /** What the callee behind {@code number} does; only its digits count ({@code +380...} is {@code 380...}). */
    public CalleeBehaviour behaviourOf(String number) {
        String digits = number.replaceAll("[^0-9]", "");
        // SplittableRandom mixes its seed (MurmurHash3's finalizer), so neighbouring numbers are unrelated.
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + digits.hashCode());
        double draw = random.nextDouble();
        if (draw < answerShare) {
            return new CalleeBehaviour.Answer(ringing.pick(random), talk.pick(random));
        }
        if (nonAnswers == NonAnswers.RING_OUT) {
            return new CalleeBehaviour.RingUntilCancel();
        }
        // Scale the rest onto the non-answer behaviours in their default proportions.
        double point = (draw - answerShare) / (1 - answerShare) * NON_ANSWER_TOTAL;
        if ((point -= RING_OUT) < 0) {
            return new CalleeBehaviour.RingUntilCancel();
        }
        if ((point -= BUSY) < 0) {
            return new CalleeBehaviour.Refuse(486, NETWORK_DELAY.pick(random), false);
        }
        if ((point -= NOT_FOUND) < 0) {
            return new CalleeBehaviour.Refuse(404, NETWORK_DELAY.pick(random), false);
        }
        if ((point -= UNAVAILABLE) < 0) {
            // A mobile out of coverage: the network pages it, rings back, then gives up.
            return new CalleeBehaviour.Refuse(480, ringing.pick(random).multipliedBy(2), true);
        }
        if ((point -= DECLINED) < 0) {
            return new CalleeBehaviour.Refuse(603, ringing.pick(random), true);
        }
        if ((point -= SERVICE_UNAVAILABLE) < 0) {
            return new CalleeBehaviour.Refuse(503, NETWORK_DELAY.pick(random), false);
        }
        return new CalleeBehaviour.Refuse(500, NETWORK_DELAY.pick(random), false);
    }

    /** A range of durations, both ends included; picked uniformly at millisecond resolution. */
    public record Span(Duration min, Duration max) {

        public Span {
            if (min == null || max == null || min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("a span needs 0 <= min <= max, was " + min + ".." + max);
            }
        }

        /** Parses {@code 1-4} (seconds) or {@code 200ms-900ms}. */
        public static Span parse(String text) {
            String[] ends = text.split("-", 2);
            if (ends.length != 2) {
                throw new IllegalArgumentException("expected MIN-MAX such as 1-4 or 200ms-900ms, was '" + text + "'");
            }
            return new Span(duration(ends[0]), duration(ends[1]));
        }

        private static Duration duration(String text) {
            String t = text.strip();
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                t = t.substring(0, t.length() - 1);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        }

        Duration pick(SplittableRandom random) {
            long from = min.toMillis();
            long to = max.toMillis();
            return Duration.ofMillis(from == to ? from : random.nextLong(from, to + 1));
        }
    }
}
