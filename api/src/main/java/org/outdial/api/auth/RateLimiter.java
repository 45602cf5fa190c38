package org.outdial.api.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.outdial.api.config.HumanDuration;

/**
 * Owns every per-key request limit of {@link RateLimitSettings}: the sliding-window block, its
 * growth on repeats, the long block, requests per second and simultaneous requests. It never reads
 * the clock; callers pass {@code now}.
 *
 * <p>Every request counts towards the windows, refused ones included: UniTalk's limits are DoS
 * protection ("any HTTP requests"), so a client that keeps hammering while blocked stays blocked
 * and, past {@code ban-after}, earns the long block.
 */
public final class RateLimiter {

    private static final long SECOND = 1_000_000_000L;

    /** Why a request was refused and when the client may try again. */
    public record Refusal(Duration retryAfter, String message) {

        /** Whole seconds for {@code Retry-After}, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, HumanDuration.ceilSeconds(retryAfter));
        }
    }

    private final RateLimitSettings settings;
    private final ConcurrentHashMap<Long, KeyState> keys = new ConcurrentHashMap<>();

    public RateLimiter(RateLimitSettings settings) {
        this.settings = settings;
    }

    /**
     * Counts one request of key {@code keyId} arriving at {@code now} and admits or refuses it.
     * An admitted request holds one of the key's concurrency slots until {@link #release}.
     */
    public Optional<Refusal> admit(long keyId, Instant now) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        KeyState state = keys.computeIfAbsent(keyId, id -> new KeyState(history(settings)));
        synchronized (state) {
            return state.admit(nanos(now));
        }
    }

    /** Frees the concurrency slot of a request {@link #admit} let in. */
    public void release(long keyId) {
        if (!settings.enabled()) {
            return;
        }
        KeyState state = keys.get(keyId);
        if (state != null) {
            synchronized (state) {
                state.inFlight = Math.max(0, state.inFlight - 1);
            }
        }
    }

    private static int history(RateLimitSettings s) {
        return Math.max(s.banAfter(), Math.max(s.blockAfter(), s.perSecond())) + 1;
    }

    private static long nanos(Instant now) {
        return Math.multiplyExact(now.getEpochSecond(), SECOND) + now.getNano();
    }

    private final class KeyState {

        /** Arrival times (ns) of the latest requests, oldest overwritten first. */
        private final long[] arrivals;
        private long recorded;
        private long blockedUntil = Long.MIN_VALUE;
        private long lastBlockEnd = Long.MIN_VALUE;
        private int repeats;
        private String blockReason = "";
        private int inFlight;

        KeyState(int history) {
            this.arrivals = new long[history];
        }

        Optional<Refusal> admit(long requested) {
            long latest = recorded == 0 ? Long.MIN_VALUE : arrival(1);
            long now = Math.max(requested, latest); // a clock step back must not reorder the history
            arrivals[(int) (recorded % arrivals.length)] = now;
            recorded++;

            long windowStart = now - settings.window().toNanos();
            String window = HumanDuration.format(settings.window());
            if (moreThan(settings.banAfter(), windowStart)) {
                block(now, now + settings.banDuration().toNanos(),
                        "more than " + settings.banAfter() + " requests in " + window);
            } else if (now >= blockedUntil && moreThan(settings.blockAfter(), windowStart)) {
                boolean repeated = lastBlockEnd != Long.MIN_VALUE
                        && now - lastBlockEnd <= settings.repeatWindow().toNanos();
                repeats = repeated ? repeats + 1 : 0;
                block(now, now + blockLength(repeats), "more than " + settings.blockAfter() + " requests in " + window);
            }
            if (now < blockedUntil) {
                Duration left = Duration.ofNanos(blockedUntil - now);
                return refuse(left, "Too many requests (" + blockReason + "): the key is blocked for "
                        + HumanDuration.ceilSeconds(left) + " s");
            }
            if (moreThan(settings.perSecond(), now - SECOND)) {
                // Free again once the perSecond-th latest request is a second old.
                long wait = arrival(settings.perSecond()) + SECOND - now;
                return refuse(Duration.ofNanos(wait), "Too many requests: more than " + settings.perSecond()
                        + " per second");
            }
            if (inFlight >= settings.maxConcurrent()) {
                return refuse(Duration.ofSeconds(1), "Too many simultaneous requests: at most "
                        + settings.maxConcurrent() + " at a time");
            }
            inFlight++;
            return Optional.empty();
        }

        private void block(long now, long until, String reason) {
            if (until > blockedUntil) {
                blockedUntil = until;
                blockReason = reason;
            }
            lastBlockEnd = blockedUntil;
        }

        /** blockDuration × 2^repeats, at most maxBlockDuration. */
        private long blockLength(int repeatCount) {
            long length = settings.blockDuration().toNanos();
            long max = settings.maxBlockDuration().toNanos();
            for (int i = 0; i < repeatCount && length < max; i++) {
                length = length > max / 2 ? max : length * 2;
            }
            return Math.min(length, max);
        }

        /** Whether more than {@code limit} requests arrived after {@code since}. */
        private boolean moreThan(int limit, long since) {
            return recorded > limit && arrival(limit + 1) > since;
        }

        /** The arrival time of the {@code n}-th latest request (1 = this one). */
        private long arrival(int n) {
            return arrivals[(int) ((recorded - n) % arrivals.length)];
        }

        private Optional<Refusal> refuse(Duration retryAfter, String message) {
            return Optional.of(new Refusal(retryAfter, message));
        }
    }
}
