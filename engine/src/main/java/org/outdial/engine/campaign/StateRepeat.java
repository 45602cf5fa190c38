package org.outdial.engine.campaign;

/**
 * The retry rule for one number state: up to {@code attempts} repeat calls, at least
 * {@code intervalMinutes} apart; for answered states, only calls shorter than
 * {@code secondsThreshold} are repeated (null: answered calls are not repeated by length).
 */
public record StateRepeat(int attempts, int intervalMinutes, Integer secondsThreshold) {

    /** Seed 004: "Allowed values: 0–10". */
    public static final int MAX_ATTEMPTS = 10;
    /** Seed 004: "Allowed values: 5–1500". */
    public static final int MIN_INTERVAL = 5;
    public static final int MAX_INTERVAL = 1500;
}
