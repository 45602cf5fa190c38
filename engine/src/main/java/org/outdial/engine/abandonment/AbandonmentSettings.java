package org.outdial.engine.abandonment;

import java.time.Duration;

/**
 * The abandonment cap and how it is counted (configuration {@code pacing.abandonment.*},
 * docs/CONFIGURATION.md and docs/PACING.md, "Abandonment").
 *
 * @param targetPercent the cap, abandoned over live-answered calls in percent: FCC 47 CFR
 *                      64.1200(a)(7) allows 3 % per campaign over 30 days, Ofcom 3 % per 24 hours
 * @param window        the rolling window the rate is counted over (FCC: 30 days); whole
 *                      quarter-hours, the ledger's bucket, from one day to 366 days
 * @param grace         how long after the answer an operator must be on the line (FCC: 2 s);
 *                      after it the call is abandoned
 * @param minTeam       a campaign with fewer logged-in operators is paced progressively (small
 *                      teams cannot hold 3 % with any predictive gain)
 * @param message       what an abandoned person hears before the hang-up, spoken by speech
 *                      synthesis (FCC 64.1200(b)(2): the seller's name and a number to opt out)
 */
public record AbandonmentSettings(double targetPercent, Duration window, Duration grace, int minTeam, String message) {

    /** The ledger's bucket: every time zone's offset today is a whole number of quarter-hours. */
    public static final Duration BUCKET = Duration.ofMinutes(15);
    public static final Duration MIN_WINDOW = Duration.ofDays(1);
    public static final Duration MAX_WINDOW = Duration.ofDays(366);
    public static final Duration MIN_GRACE = Duration.ofMillis(100);
    public static final Duration MAX_GRACE = Duration.ofSeconds(60);
    public static final int MAX_TEAM = 10_000;
    public static final int MAX_MESSAGE = 1_000;

    /**
     * A short neutral text for a deployment that has not set its own. It names nobody: set
     * {@code pacing.abandonment.message} to one with the caller's name and an opt-out number.
     */
    public static final String DEFAULT_MESSAGE = "Hello. This is an automated call, and all our representatives"
            + " are busy right now. We are sorry for the trouble. Goodbye.";

    /** FCC's figures: 3 % over 30 days, 2 s; teams under 5 paced progressively. */
    public static final AbandonmentSettings DEFAULTS = new AbandonmentSettings(3.0, Duration.ofDays(30),
            Duration.ofSeconds(2), 5, DEFAULT_MESSAGE);

    public AbandonmentSettings {
        if (!(targetPercent > 0 && targetPercent <= 100)) {
            throw new IllegalArgumentException("pacing.abandonment.target-percent must be more than 0 and at most 100,"
                    + " was " + targetPercent);
        }
        if (window == null || window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0
                || window.toMillis() % BUCKET.toMillis() != 0) {
            throw new IllegalArgumentException("pacing.abandonment.window must be 1d..366d in whole quarter-hours"
                    + " (15m), was " + window);
        }
        if (grace == null || grace.compareTo(MIN_GRACE) < 0 || grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("pacing.abandonment.grace must be 100ms..60s, was " + grace);
        }
        if (minTeam < 1 || minTeam > MAX_TEAM) {
            throw new IllegalArgumentException("pacing.abandonment.min-team must be 1.." + MAX_TEAM + ", was "
                    + minTeam);
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("pacing.abandonment.message must not be empty: an abandoned person"
                    + " must hear who called (FCC 47 CFR 64.1200(b)(2))");
        }
        if (message.length() > MAX_MESSAGE) {
            throw new IllegalArgumentException("pacing.abandonment.message must be at most " + MAX_MESSAGE
                    + " characters, was " + message.length());
        }
    }

    /** The window in ledger buckets. */
    int windowBuckets() {
        return Math.toIntExact(window.toMillis() / BUCKET.toMillis());
    }
}
