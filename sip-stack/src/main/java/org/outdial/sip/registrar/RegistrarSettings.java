package org.outdial.sip.registrar;

import java.time.Duration;

/**
 * How the registrar treats operator phones (configuration section {@code registrar}).
 *
 * <p><b>Expiry</b> (RFC 3261 §10.3 step 7): a REGISTER asking for less than {@code minExpiry}
 * gets {@code 423 Interval Too Brief} with {@code Min-Expires}; one asking for more than
 * {@code maxExpiry} is granted {@code maxExpiry}; one that asks nothing gets {@code defaultExpiry}.
 *
 * <p><b>Keep-alive</b>: every {@code keepAliveInterval} the registrar sends OPTIONS to each
 * registered phone where it was reached. A probe still unanswered at the next tick is a miss; any
 * final response, whatever its status, proves the phone is there and clears the count. After
 * {@code keepAliveMisses} misses in a row the line goes offline (UNREACHABLE). So a phone that
 * vanishes right after answering a probe is offline within
 * {@code (keepAliveMisses + 1) * keepAliveInterval}: 90 s with the defaults. Timer F (32 s) does
 * not enter the bound, because a probe is judged at the next tick, not at its transaction's end.
 *
 * <p><b>Blocking</b> (Kamailio {@code pike}, fail2ban): {@code authFailures} failed
 * authentications (a wrong digest, an unknown line, a digest user not the line) from one source IP
 * within {@code authFailureWindow} block that IP for {@code blockTime}: every REGISTER from it gets
 * 403 without a challenge, and the block is logged at WARN once.
 *
 * @param minExpiry          shortest binding granted; default 60 s
 * @param defaultExpiry      binding when the REGISTER names none; default 3600 s
 * @param maxExpiry          longest binding granted; default 3600 s
 * @param keepAliveInterval  time between OPTIONS probes to each phone; default 30 s
 * @param keepAliveMisses    probes in a row unanswered before a line is offline; default 2
 * @param nonceLifetime      how long a digest nonce is good for before {@code stale=true}; default 5 min
 * @param authFailures       failures from one IP that block it; default 5
 * @param authFailureWindow  the window those failures are counted in; default 1 min
 * @param blockTime          how long a blocked IP stays blocked; default 5 min
 */
public record RegistrarSettings(Duration minExpiry, Duration defaultExpiry, Duration maxExpiry,
                                Duration keepAliveInterval, int keepAliveMisses, Duration nonceLifetime,
                                int authFailures, Duration authFailureWindow, Duration blockTime) {

    public static final RegistrarSettings DEFAULTS = new RegistrarSettings(Duration.ofSeconds(60),
            Duration.ofSeconds(3600), Duration.ofSeconds(3600), Duration.ofSeconds(30), 2, Duration.ofMinutes(5),
            5, Duration.ofMinutes(1), Duration.ofMinutes(5));

    public RegistrarSettings {
        requireSeconds("registrar.min-expiry", minExpiry, 1, 86_400);
        requireSeconds("registrar.default-expiry", defaultExpiry, 1, 86_400);
        requireSeconds("registrar.max-expiry", maxExpiry, 1, 86_400);
        if (minExpiry.compareTo(maxExpiry) > 0) {
            throw new IllegalArgumentException("registrar.min-expiry must not exceed registrar.max-expiry, was "
                    + minExpiry.toSeconds() + " s > " + maxExpiry.toSeconds() + " s");
        }
        if (defaultExpiry.compareTo(minExpiry) < 0 || defaultExpiry.compareTo(maxExpiry) > 0) {
            throw new IllegalArgumentException("registrar.default-expiry must be within min-expiry..max-expiry ("
                    + minExpiry.toSeconds() + ".." + maxExpiry.toSeconds() + " s), was " + defaultExpiry.toSeconds()
                    + " s");
        }
        requirePositive("registrar.keep-alive-interval", keepAliveInterval, Duration.ofHours(1));
        if (keepAliveMisses < 1 || keepAliveMisses > 100) {
            throw new IllegalArgumentException("registrar.keep-alive-misses must be 1..100, was " + keepAliveMisses);
        }
        requirePositive("registrar.nonce-lifetime", nonceLifetime, Duration.ofDays(1));
        if (authFailures < 1 || authFailures > 10_000) {
            throw new IllegalArgumentException("registrar.auth-failures must be 1..10000, was " + authFailures);
        }
        requirePositive("registrar.auth-failure-window", authFailureWindow, Duration.ofDays(1));
        requirePositive("registrar.block-time", blockTime, Duration.ofDays(7));
    }

    /** The bound on how long a vanished phone stays online: {@code (keepAliveMisses + 1) * keepAliveInterval}. */
    public Duration offlineWithin() {
        return keepAliveInterval.multipliedBy(keepAliveMisses + 1L);
    }

    private static void requireSeconds(String key, Duration value, long min, long max) {
        if (value == null || value.toSeconds() < min || value.toSeconds() > max || value.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException(key + " must be whole seconds " + min + ".." + max + ", was " + value);
        }
    }

    private static void requirePositive(String key, Duration value, Duration max) {
        if (value == null || !value.isPositive() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + " must be positive and at most " + max + ", was " + value);
        }
    }
}
