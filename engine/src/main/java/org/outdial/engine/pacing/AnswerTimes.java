package org.outdial.engine.pacing;

import java.time.Duration;
import java.util.List;

/**
 * Who answers and when, as SMART predicts it from a campaign's {@link Outlook.Measured}: the answer
 * probability (answered over dialed, pulled toward a cautious prior while few calls have ended) and
 * the distribution of the time from dial to answer (the recent answered calls, mixed with a uniform
 * prior while there are few). A cautious prior is a high answer probability: it dials fewer numbers
 * per free operator until the campaign's own figures take over.
 *
 * <p>Times are in seconds; the distribution is a table at {@link #STEP} resolution up to the ring
 * timeout, beyond which nobody answers.
 */
final class AnswerTimes {

    /** The answer probability a cold campaign starts from, and how many dials it weighs. */
    static final double PRIOR_ANSWER = 0.35;
    static final double PRIOR_DIALS = 20;
    /** The prior dial-to-answer distribution: uniform from 3 s to min(ring timeout, 20 s), worth 10 samples. */
    static final double PRIOR_SAMPLES = 10;
    static final double STEP = 0.25;

    private final double answer;
    private final double ringTimeout;
    /** cdf[i] = P(dial to answer <= i × STEP | answered). */
    private final double[] cdf;

    private AnswerTimes(double answer, double ringTimeout, double[] cdf) {
        this.answer = answer;
        this.ringTimeout = ringTimeout;
        this.cdf = cdf;
    }

    static AnswerTimes of(Outlook.Measured m) {
        double answer = (m.answered() + PRIOR_ANSWER * PRIOR_DIALS) / (m.dialed() + PRIOR_DIALS);
        double ring = seconds(m.ringTimeout());
        int size = (int) Math.ceil(ring / STEP) + 1;
        double[] counts = new double[size];
        List<Duration> samples = m.dialToAnswer();
        for (Duration d : samples) {
            counts[Math.min(size - 1, (int) Math.ceil(seconds(d) / STEP))] += 1;
        }
        double priorFrom = Math.min(3, ring);
        double priorTo = Math.max(priorFrom, Math.min(ring, 20));
        double total = samples.size() + PRIOR_SAMPLES;
        double[] cdf = new double[size];
        double seen = 0;
        for (int i = 0; i < size; i++) {
            seen += counts[i];
            double t = i * STEP;
            double prior = priorTo == priorFrom ? (t >= priorFrom ? 1 : 0)
                    : Math.min(1, Math.max(0, (t - priorFrom) / (priorTo - priorFrom)));
            cdf[i] = (seen + PRIOR_SAMPLES * prior) / total;
        }
        cdf[size - 1] = 1;
        return new AnswerTimes(answer, ring, cdf);
    }

    /** The probability that a dial is answered by a person. */
    double answer() {
        return answer;
    }

    /** The longest time a call rings, seconds. */
    double ringTimeout() {
        return ringTimeout;
    }

    /** P(dial to answer <= t | answered), t in seconds. */
    double cdf(double t) {
        if (t <= 0) {
            return 0;
        }
        int i = (int) Math.floor(t / STEP);
        return i >= cdf.length - 1 ? 1 : cdf[i] + (cdf[i + 1] - cdf[i]) * (t / STEP - i);
    }

    /**
     * The probability that a call dialed {@code elapsed} seconds ago and not answered yet is answered
     * within the next {@code within} seconds (Bayes: it may be one that will never answer).
     */
    double answersWithin(double elapsed, double within) {
        if (elapsed >= ringTimeout) {
            return 0;
        }
        double stillToCome = answer * (1 - cdf(elapsed));
        double never = 1 - answer;
        double denominator = stillToCome + never;
        if (denominator <= 0) {
            return 0;
        }
        return answer * (cdf(elapsed + within) - cdf(elapsed)) / denominator;
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
