package org.outdial.testbed.bench;

import java.time.Duration;
import java.util.Locale;
import org.outdial.testbed.carrier.CalleeMix;
import org.outdial.testbed.phones.DurationDraw;
import org.outdial.testbed.simulate.Workload;

/**
 * {@code ./outdial bench smart-run}'s options, each with the default that makes the run last about
 * ten minutes: issue 11's workload scaled down (talk 20 s instead of 120 s, wrap-up 3 s instead of
 * 15 s, dial to answer 1-4 s instead of 6-24 s) so that ten real minutes hold some 500 talks.
 *
 * @param operators      simulated operators, all logged in for the whole run
 * @param window         how long the campaign dials before it is paused
 * @param answerShare    the carrier's share of numbers that answer
 * @param ring           how long an answering callee rings, uniform
 * @param talkMean       the operators' talk, exponential with this mean (capped at 4 × by the phones)
 * @param wrapUp         the campaign's {@code markAsBusySeconds}, after every talk
 * @param ringTimeout    {@code dialer.ring-timeout}: Outdial cancels an unanswered call after it
 * @param numbers        numbers added (enough that the run never runs out)
 * @param seeds          simulator runs for the prediction
 * @param seed           the carrier's, the phones' and the first simulator run's seed
 * @param smartSpeed     the campaign's {@code smartSpeed}
 * @param nonAnswers     what the carrier's non-answering numbers do
 * @param occupancyTolerance   points of occupancy the real run may be off the prediction's mean
 * @param abandonmentTolerance points of abandonment the real run may be off the prediction's mean
 * @param predictOnly    only the prediction, from these options, without the real run
 */
record SmartRunOptions(int operators, Duration window, double answerShare, CalleeMix.Span ring, Duration talkMean,
                       Duration wrapUp, Duration ringTimeout, int numbers, int seeds, long seed, int smartSpeed,
                       CalleeMix.NonAnswers nonAnswers, double occupancyTolerance, double abandonmentTolerance,
                       boolean predictOnly) {

    static final String USAGE = """
            usage: ./outdial bench smart-run [options]
              --operators N              simulated operators (default 20)
              --minutes M                how long the campaign dials (default 10)
              --answer-share R           share of numbers that answer, 0..1 (default 0.2)
              --ring MIN-MAX             an answering callee rings this long, seconds or ms (default 1-4)
              --talk DURATION            operators' mean talk, exponential (default 20s)
              --wrap SECONDS             markAsBusySeconds after every talk (default 3)
              --ring-timeout SECONDS     dialer.ring-timeout, 5..600 (default 5)
              --numbers N                numbers added (default: three times what the run can dial)
              --seeds N                  simulator runs for the prediction (default 20)
              --seed N                   seed of the carrier, the phones and the first simulator run (default 1)
              --smart-speed S            the campaign's smartSpeed, -10..10 (default 0)
              --non-answers KIND         ring-out (the simulator's model, default) or mixed (busy, unknown, ...)
              --occupancy-tolerance P    points (default 5)
              --abandonment-tolerance P  points (default 1.0)
              --predict-only             the simulator's prediction from these options, no real run
            """;

    static SmartRunOptions parse(String[] args) {
        int operators = 20;
        double minutes = 10;
        double answer = 0.2;
        CalleeMix.Span ring = new CalleeMix.Span(Duration.ofSeconds(1), Duration.ofSeconds(4));
        Duration talk = Duration.ofSeconds(20);
        int wrap = 3;
        int ringTimeout = 5;
        Integer numbers = null;
        int seeds = 20;
        long seed = 1;
        int speed = 0;
        CalleeMix.NonAnswers nonAnswers = CalleeMix.NonAnswers.RING_OUT;
        double occupancyTolerance = 5;
        double abandonmentTolerance = 1.0;
        boolean predictOnly = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--predict-only")) {
                predictOnly = true;
                continue;
            }
            if (option.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + option + "\n" + USAGE);
            }
            String v = args[++i];
            switch (option) {
                case "--operators" -> operators = Integer.parseInt(v);
                case "--minutes" -> minutes = Double.parseDouble(v);
                case "--answer-share" -> answer = Double.parseDouble(v);
                case "--ring" -> ring = CalleeMix.Span.parse(v);
                case "--talk" -> talk = mean(v);
                case "--wrap" -> wrap = Integer.parseInt(v);
                case "--ring-timeout" -> ringTimeout = Integer.parseInt(v);
                case "--numbers" -> numbers = Integer.parseInt(v);
                case "--seeds" -> seeds = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--smart-speed" -> speed = Integer.parseInt(v);
                case "--non-answers" -> nonAnswers = CalleeMix.NonAnswers.parse(v);
                case "--occupancy-tolerance" -> occupancyTolerance = Double.parseDouble(v);
                case "--abandonment-tolerance" -> abandonmentTolerance = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        Duration window = Duration.ofMillis(Math.round(minutes * 60_000));
        if (numbers == null) {
            // Talks the team can hold in the window, over the answer share, three times over.
            double talks = operators * window.toMillis() / (double) (talk.toMillis() + wrap * 1000L);
            numbers = (int) Math.ceil(3 * talks / answer);
        }
        return new SmartRunOptions(operators, window, answer, ring, talk, Duration.ofSeconds(wrap),
                Duration.ofSeconds(ringTimeout), numbers, seeds, seed, speed, nonAnswers, occupancyTolerance,
                abandonmentTolerance, predictOnly);
    }

    /** {@code 20s}, {@code 1500ms} or {@code mean:20s}: a mean talk. */
    private static Duration mean(String text) {
        return switch (DurationDraw.parse(text)) {
            case DurationDraw.Exponential e -> e.mean();
            case DurationDraw.Uniform u when u.min().equals(u.max()) && u.min().isPositive() -> u.min();
            case DurationDraw.Uniform u -> throw new IllegalArgumentException("--talk is a mean such as 20s, was " + text);
        };
    }

    /** The simulator's workload for this run, with the figures the run measured. */
    Workload workload(double answerRate, Duration dialToAnswerMin, Duration dialToAnswerMax, Duration meanTalk) {
        return new Workload(operators, answerRate, dialToAnswerMin, dialToAnswerMax, ringTimeout, meanTalk, wrapUp, 0,
                window.toMillis() / 3_600_000.0, seed);
    }

    String describe() {
        return String.format(Locale.ROOT, "SMART smartSpeed %d, AUTODIAL TRANSFER_TO_GROUP, no audio; %d operators "
                        + "(answer at once, talk exponential mean %.1f s, capped at 4x), wrap-up %d s; carrier: answer "
                        + "share %.0f %%, ringing %.1f-%.1f s, non-answers %s, callees stay %d min; ring timeout %d s; "
                        + "%d numbers; %.1f min; prediction over %d seeds from %d",
                smartSpeed, operators, talkMean.toMillis() / 1000.0, wrapUp.toSeconds(), 100 * answerShare,
                ring.min().toMillis() / 1000.0, ring.max().toMillis() / 1000.0,
                nonAnswers.name().toLowerCase(Locale.ROOT).replace('_', '-'), 10, ringTimeout.toSeconds(), numbers,
                window.toMillis() / 60_000.0, seeds, seed);
    }
}
