package org.outdial.testbed.simulate;

import java.time.Duration;
import java.util.Objects;

/**
 * One simulated campaign: who answers, how fast, how long operators talk (issue 11's grid: answer
 * rate 10-40 %, teams of 5-100, talk exponential with mean 120 s, wrap-up 15 s, dial to answer
 * uniform 6-24 s).
 *
 * @param operators          logged-in operators, all day
 * @param answerRate         share of dials a person answers, (0, 1]
 * @param dialToAnswerMin    shortest time from dial to answer
 * @param dialToAnswerMax    longest time from dial to answer (uniform between the two)
 * @param ringTimeout        an unanswered dial is given up after this
 * @param meanTalk           mean talk time (exponentially distributed)
 * @param wrapUp             fixed wrap-up after every talk
 * @param operatorNoAnswer   share of offers an operator does not answer, [0, 1)
 * @param hours              simulated hours
 * @param seed               the random seed: the same workload and seed give the same run
 */
public record Workload(int operators, double answerRate, Duration dialToAnswerMin, Duration dialToAnswerMax,
                       Duration ringTimeout, Duration meanTalk, Duration wrapUp, double operatorNoAnswer,
                       double hours, long seed) {

    public Workload {
        if (operators < 1) {
            throw new IllegalArgumentException("operators must be >= 1, was " + operators);
        }
        if (!(answerRate > 0 && answerRate <= 1)) {
            throw new IllegalArgumentException("answerRate must be in (0, 1], was " + answerRate);
        }
        Objects.requireNonNull(dialToAnswerMin, "dialToAnswerMin");
        Objects.requireNonNull(dialToAnswerMax, "dialToAnswerMax");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        Objects.requireNonNull(meanTalk, "meanTalk");
        Objects.requireNonNull(wrapUp, "wrapUp");
        if (dialToAnswerMin.isNegative() || dialToAnswerMax.compareTo(dialToAnswerMin) < 0) {
            throw new IllegalArgumentException("dial to answer must be 0 <= min <= max, was " + dialToAnswerMin
                    + ".." + dialToAnswerMax);
        }
        if (ringTimeout.compareTo(dialToAnswerMax) < 0) {
            throw new IllegalArgumentException("ringTimeout must be >= dialToAnswerMax, was " + ringTimeout);
        }
        if (meanTalk.isNegative() || meanTalk.isZero() || wrapUp.isNegative()) {
            throw new IllegalArgumentException("meanTalk must be > 0 and wrapUp >= 0, was " + meanTalk + ", " + wrapUp);
        }
        if (!(operatorNoAnswer >= 0 && operatorNoAnswer < 1)) {
            throw new IllegalArgumentException("operatorNoAnswer must be in [0, 1), was " + operatorNoAnswer);
        }
        if (!(hours > 0)) {
            throw new IllegalArgumentException("hours must be > 0, was " + hours);
        }
    }

    /** Issue 11's grid cell: talk 120 s exponential, wrap-up 15 s, dial to answer 6-24 s, 8 hours. */
    public static Workload gridCell(int operators, double answerRate, long seed) {
        return new Workload(operators, answerRate, Duration.ofSeconds(6), Duration.ofSeconds(24),
                Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(15), 0, 8, seed);
    }

    /** This workload over {@code simulatedHours} instead. */
    public Workload withHours(double simulatedHours) {
        return new Workload(operators, answerRate, dialToAnswerMin, dialToAnswerMax, ringTimeout, meanTalk, wrapUp,
                operatorNoAnswer, simulatedHours, seed);
    }

    /** This workload with another seed. */
    public Workload withSeed(long newSeed) {
        return new Workload(operators, answerRate, dialToAnswerMin, dialToAnswerMax, ringTimeout, meanTalk, wrapUp,
                operatorNoAnswer, hours, newSeed);
    }
}
