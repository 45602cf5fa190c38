package org.outdial.testbed.phones;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How long something takes, drawn per call: a fixed time, a uniform range, or an exponential
 * distribution with a mean (call-centre talk times are roughly exponential, Erlang's assumption),
 * capped so one long draw cannot hold a phone for the rest of a test.
 */
public sealed interface DurationDraw {

    Duration draw(SplittableRandom random);

    static DurationDraw fixed(Duration value) {
        return new Uniform(value, value);
    }

    static DurationDraw uniform(Duration min, Duration max) {
        return new Uniform(min, max);
    }

    /** Exponential with {@code mean}, capped at 4 × mean (1.8 % of draws are cut). */
    static DurationDraw exponential(Duration mean) {
        return new Exponential(mean, mean.multipliedBy(4));
    }

    /**
     * Parses {@code 2s}, {@code 300ms}, {@code 1-4} (seconds), {@code 200ms-900ms}, or
     * {@code mean:5s} (exponential).
     */
    static DurationDraw parse(String text) {
        String t = text.strip();
        if (t.startsWith("mean:")) {
            return exponential(duration(t.substring(5)));
        }
        int dash = t.indexOf('-');
        if (dash > 0) {
            return uniform(duration(t.substring(0, dash)), duration(t.substring(dash + 1)));
        }
        return fixed(duration(t));
    }

    private static Duration duration(String text) {
        String t = text.strip();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                t = t.substring(0, t.length() - 1);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a duration such as 2s, 300ms, 1-4 or mean:5s, was '"
                    + text + "'");
        }
    }

    /** Uniform over [min, max] at millisecond resolution. */
    record Uniform(Duration min, Duration max) implements DurationDraw {
        public Uniform {
            if (min == null || max == null || min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("a duration range needs 0 <= min <= max, was " + min + ".." + max);
            }
        }

        @Override
        public Duration draw(SplittableRandom random) {
            long from = min.toMillis();
            long to = max.toMillis();
            return Duration.ofMillis(from == to ? from : random.nextLong(from, to + 1));
        }
    }

    /** Exponential with {@code mean}, never above {@code cap}. */
    record Exponential(Duration mean, Duration cap) implements DurationDraw {
        public Exponential {
            if (mean == null || cap == null || mean.isNegative() || mean.isZero() || cap.compareTo(mean) < 0) {
                throw new IllegalArgumentException("an exponential duration needs 0 < mean <= cap, was mean "
                        + mean + " cap " + cap);
            }
        }

        @Override
        public Duration draw(SplittableRandom random) {
            double millis = -Math.log(1 - random.nextDouble()) * mean.toMillis();
            return Duration.ofMillis(Math.min(cap.toMillis(), Math.round(millis)));
        }
    }
}
