package org.outdial.engine.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How webhooks are delivered (configuration key {@code webhooks}, docs/CONFIGURATION.md).
 *
 * @param timeout             how long one attempt may take, connect to last header byte; no 2xx
 *                            within it is a failure (1 s..5 min)
 * @param retrySchedule       the wait before each attempt, the first after the event, each next
 *                            after the previous attempt failed; one attempt per element (1..50)
 * @param allowPrivateTargets whether handler URLs may resolve to loopback, link-local or private
 *                            addresses (an on-premise CRM); false by default, an SSRF guard
 * @param pollInterval        how often the deliverer looks for due deliveries (10 ms..1 min)
 * @param projectName         Standard JSON's {@code projectName}
 */
public record WebhookSettings(Duration timeout, List<Duration> retrySchedule, boolean allowPrivateTargets,
                              Duration pollInterval, String projectName) {

    /** The schedule: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
    public static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ZERO, Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
            Duration.ofHours(10), Duration.ofHours(10));

    public static final int MAX_ATTEMPTS = 50;

    public WebhookSettings {
        within("webhooks.timeout", timeout, Duration.ofSeconds(1), Duration.ofMinutes(5));
        within("webhooks.poll-interval", pollInterval, Duration.ofMillis(10), Duration.ofMinutes(1));
        if (retrySchedule == null || retrySchedule.isEmpty() || retrySchedule.size() > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("webhooks.retry-schedule must list 1.." + MAX_ATTEMPTS
                    + " durations, was " + (retrySchedule == null ? 0 : retrySchedule.size()));
        }
        for (Duration wait : retrySchedule) {
            within("webhooks.retry-schedule", wait, Duration.ZERO, Duration.ofDays(7));
        }
        retrySchedule = List.copyOf(retrySchedule);
        if (projectName == null || projectName.isBlank() || projectName.length() > 100) {
            throw new IllegalArgumentException("webhooks.project-name must be 1..100 characters");
        }
    }

    public static WebhookSettings defaults() {
        return new WebhookSettings(Duration.ofSeconds(15), DEFAULT_SCHEDULE, false, Duration.ofMillis(10), "outdial");
    }

    public WebhookSettings withAllowPrivateTargets(boolean allow) {
        return new WebhookSettings(timeout, retrySchedule, allow, pollInterval, projectName);
    }

    /**
     * The wait before the next attempt once {@code attemptsMade} have failed; empty when the
     * schedule is used up and the delivery has failed.
     */
    public Optional<Duration> waitAfter(int attemptsMade) {
        return attemptsMade < retrySchedule.size() ? Optional.of(retrySchedule.get(attemptsMade)) : Optional.empty();
    }

    private static void within(String key, Duration value, Duration min, Duration max) {
        if (value == null || value.isNegative() || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + " must be " + text(min) + ".." + text(max) + ", was "
                    + (value == null ? "empty" : text(value)));
        }
    }

    /** As configuration writes durations: 500ms, 15s, 5m, 2h, 7d. */
    private static String text(Duration d) {
        long ms = d.toMillis();
        for (long[] unit : new long[][] {{86_400_000, 'd'}, {3_600_000, 'h'}, {60_000, 'm'}, {1000, 's'}}) {
            if (ms != 0 && ms % unit[0] == 0) {
                return ms / unit[0] + String.valueOf((char) unit[1]);
            }
        }
        return ms == 0 ? "0s" : ms + "ms";
    }
}
