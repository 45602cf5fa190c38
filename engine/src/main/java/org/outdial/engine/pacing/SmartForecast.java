package org.outdial.engine.pacing;

import java.time.Duration;
import java.time.Instant;

/**
 * SMART's look ahead, second by second over the time a new dial may take to be answered: how many
 * answered people will want an operator by then (from the calls in flight and any new dials) and
 * how many operators will be free to take them (ready now, out of wrap-up, or done talking), each a
 * sum of independent chances, so a mean and a variance.
 *
 * <p>An answered person waits the grace for an operator and is abandoned after it, while a free
 * operator waits for the next call as long as it takes. So the calls lost up to a moment are the
 * largest shortfall of operators free by {@code t + grace} against people answered by {@code t},
 * over the moments {@code t} before it; the forecast estimates the expected loss as the largest,
 * over the look-ahead from {@link #FROM_QUANTILE}, of the expected shortfall at one moment (normal
 * approximation).
 */
final class SmartForecast {

    /** The look-ahead's step, seconds (the talk rows of {@link TalkTimes#row} assume 1). */
    static final double STEP = 1;
    /**
     * The loss is looked at from the moment this share of answered dials has been answered: a
     * dial is judged by where most of its answers fall. Looking from the very first possible
     * answer judges every dial by its earliest, rarest answers, where the normal approximation of
     * a few calls is worst; the pacing simulator's grid gave 1-2 points more occupancy at the same
     * abandonment from the first quartile than from the start (docs/PACING.md, "SMART").
     */
    static final double FROM_QUANTILE = 0.25;

    private final double[] demandMean;
    private final double[] demandVariance;
    private final double[] supplyMean;
    private final double[] supplyVariance;
    /** The chance that one new dial is answered by each step. */
    private final double[] newAnswer;
    private final double answer;
    /** The first step the loss is looked at: see {@link #FROM_QUANTILE}. */
    private int from;

    private SmartForecast(int steps, double answer) {
        demandMean = new double[steps];
        demandVariance = new double[steps];
        supplyMean = new double[steps];
        supplyVariance = new double[steps];
        newAnswer = new double[steps];
        this.answer = answer;
    }

    static SmartForecast of(Outlook outlook, Instant now) {
        AnswerTimes answers = AnswerTimes.of(outlook.measured());
        TalkTimes talks = TalkTimes.of(outlook.measured());
        double grace = AnswerTimes.seconds(outlook.abandonment().grace());
        int steps = steps(answers);
        SmartForecast f = new SmartForecast(steps, answers.answer());
        for (int j = 0; j < steps; j++) {
            f.newAnswer[j] = answers.answer() * answers.cdf(j * STEP);
            if (answers.cdf(j * STEP) < FROM_QUANTILE) {
                f.from = j + 1;
            }
        }
        f.from = Math.min(f.from, steps - 1);
        for (Outlook.Call call : outlook.calls()) {
            if (call.answeredAt() != null) {
                for (int j = 0; j < steps; j++) {
                    f.demandMean[j] += 1; // answered and waiting: wants an operator now
                }
                continue;
            }
            double elapsed = since(call.dialedAt(), now);
            for (int j = 0; j < steps; j++) {
                f.addDemand(j, answers.answersWithin(elapsed, j * STEP));
            }
        }
        for (Outlook.Operator operator : outlook.operators()) {
            switch (operator.activity()) {
                case READY -> f.addSupplyEverywhere(1);
                case WRAP_UP -> {
                    double freeIn = AnswerTimes.seconds(Duration.between(now, operator.freeAt()));
                    for (int j = 0; j < steps; j++) {
                        if (freeIn <= j * STEP + grace) {
                            f.supplyMean[j] += 1;
                        }
                    }
                }
                // An offered operator is about to talk: a whole talk from now.
                case OFFERED -> f.addTalker(talks, 0, grace);
                case TALKING -> f.addTalker(talks, since(operator.since(), now), grace);
            }
        }
        return f;
    }

    /** The look-ahead: until nearly every answered dial has been answered, at most the ring timeout. */
    private static int steps(AnswerTimes answers) {
        int last = (int) Math.ceil(answers.ringTimeout() / STEP);
        for (int j = 0; j <= last; j++) {
            if (answers.cdf(j * STEP) >= 0.999) {
                return j + 1;
            }
        }
        return last + 1;
    }

    private void addDemand(int j, double p) {
        demandMean[j] += p;
        demandVariance[j] += p * (1 - p);
    }

    private void addSupplyEverywhere(int operators) {
        for (int j = 0; j < supplyMean.length; j++) {
            supplyMean[j] += operators;
        }
    }

    private void addTalker(TalkTimes talks, double talking, double grace) {
        double[] row = talks.row(talking, grace, supplyMean.length);
        for (int j = 0; j < supplyMean.length; j++) {
            double p = row[j];
            supplyMean[j] += p;
            supplyVariance[j] += p * (1 - p);
        }
    }

    /** The answer probability the forecast used. */
    double answer() {
        return answer;
    }

    /** Expected answered people abandoned over the look-ahead if {@code dials} numbers are dialed now. */
    double expectedLoss(int dials) {
        double worst = 0;
        for (int j = from; j < demandMean.length; j++) {
            double a = newAnswer[j];
            double mean = demandMean[j] + dials * a - supplyMean[j];
            double variance = demandVariance[j] + supplyVariance[j] + dials * a * (1 - a);
            worst = Math.max(worst, expectedPositive(mean, variance));
        }
        return worst;
    }

    /**
     * How many numbers to dial now: each further dial while its added expected loss stays within
     * {@code threshold} of the person it is expected to bring (the answer probability), at most
     * {@code max}.
     */
    int dials(double threshold, int max) {
        double allowed = threshold * answer;
        double loss = expectedLoss(0);
        int dials = 0;
        while (dials < max) {
            double next = expectedLoss(dials + 1);
            if (next - loss > allowed) {
                break;
            }
            loss = next;
            dials++;
        }
        return dials;
    }

    /** E[max(X, 0)] for X normal with this mean and variance. */
    static double expectedPositive(double mean, double variance) {
        if (variance <= 1e-12) {
            return Math.max(0, mean);
        }
        double sd = Math.sqrt(variance);
        double z = mean / sd;
        return mean * phi(z) + sd * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    }

    /** The standard normal CDF (Zelen and Severo's approximation, error below 1e-7). */
    static double phi(double z) {
        double t = 1 / (1 + 0.2316419 * Math.abs(z));
        double d = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
        double tail = d * t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978
                + t * 1.330274429))));
        return z >= 0 ? 1 - tail : tail;
    }

    private static double since(Instant then, Instant now) {
        return Math.max(0, AnswerTimes.seconds(Duration.between(then, now)));
    }
}
