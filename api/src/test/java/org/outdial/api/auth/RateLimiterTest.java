package org.outdial.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.outdial.testing.ManualClock;

/** The limits of UniTalk's "Limits" section, on a fake clock. */
class RateLimiterTest {

    private static final long KEY = 7;
    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T10:00:00Z"));

    /** UniTalk's defaults. */
    private final RateLimiter limiter = new RateLimiter(RateLimitSettings.defaults());

    /** One request, released at once; empty when admitted. */
    private Optional<RateLimiter.Refusal> request(RateLimiter on) {
        Optional<RateLimiter.Refusal> refusal = on.admit(KEY, clock.instant());
        if (refusal.isEmpty()) {
            on.release(KEY);
        }
        return refusal;
    }

    /** {@code count} requests spread evenly over {@code span}, all expected to pass. */
    private void admitted(RateLimiter on, int count, Duration span) {
        for (int i = 0; i < count; i++) {
            assertEquals(Optional.empty(), request(on), "request " + (i + 1));
            clock.advance(span.dividedBy(count));
        }
    }

    @Test
    void thirtyRequestsInTenSecondsPassAndTheThirtyFirstBlocksTheKeyForAMinute() {
        admitted(limiter, 30, Duration.ofSeconds(9));

        RateLimiter.Refusal refusal = request(limiter).orElseThrow();

        assertEquals(60, refusal.retryAfterSeconds());
        assertEquals("Too many requests (more than 30 requests in 10s): the key is blocked for 60 s", refusal.message());
    }

    @Test
    void aBlockedKeyIsRefusedUntilTheBlockEndsThenAdmittedAgain() {
        admitted(limiter, 30, Duration.ofSeconds(9));
        request(limiter).orElseThrow();

        clock.advance(Duration.ofSeconds(30));
        assertEquals(30, request(limiter).orElseThrow().retryAfterSeconds());
        clock.advance(Duration.ofSeconds(30));

        assertEquals(Optional.empty(), request(limiter));
    }

    @Test
    void aRepeatedBlockLastsTwiceAsLong() {
        admitted(limiter, 30, Duration.ofSeconds(9));
        request(limiter).orElseThrow();
        clock.advance(Duration.ofMinutes(1));

        admitted(limiter, 30, Duration.ofSeconds(9));
        RateLimiter.Refusal second = request(limiter).orElseThrow();

        assertEquals(120, second.retryAfterSeconds());
    }

    @Test
    void blocksGrowOnlyUpToTheMaximum() {
        RateLimiter small = new RateLimiter(new RateLimitSettings(true, Duration.ofSeconds(10), 2,
                Duration.ofSeconds(10), Duration.ofSeconds(25), Duration.ofHours(1), 100, Duration.ofHours(1), 20, 15));
        long[] expected = {10, 20, 25, 25};
        for (long seconds : expected) {
            admitted(small, 2, Duration.ofSeconds(2));
            assertEquals(seconds, request(small).orElseThrow().retryAfterSeconds());
            clock.advance(Duration.ofSeconds(seconds));
            clock.advance(Duration.ofSeconds(10)); // let the window empty
        }
    }

    @Test
    void aBlockLongAfterThePreviousOneIsNotARepeat() {
        admitted(limiter, 30, Duration.ofSeconds(9));
        request(limiter).orElseThrow();
        clock.advance(Duration.ofMinutes(1).plus(Duration.ofHours(2)));

        admitted(limiter, 30, Duration.ofSeconds(9));

        assertEquals(60, request(limiter).orElseThrow().retryAfterSeconds());
    }

    @Test
    void moreThanAHundredRequestsInTenSecondsEarnTheLongBlock() {
        admitted(limiter, 30, Duration.ofSeconds(9));
        for (int i = 0; i < 69; i++) {
            request(limiter).orElseThrow(); // blocked, but still counted
            clock.advance(Duration.ofMillis(5));
        }
        assertEquals(60, request(limiter).orElseThrow().retryAfterSeconds(), "the 100th: still the short block");

        RateLimiter.Refusal refusal = request(limiter).orElseThrow();

        assertEquals(Duration.ofHours(24).toSeconds(), refusal.retryAfterSeconds());
        assertTrue(refusal.message().contains("more than 100 requests in 10s"), refusal.message());
    }

    @Test
    void theSixteenthRequestInOneSecondIsRefusedUntilTheSecondHasPassed() {
        admitted(limiter, 15, Duration.ofMillis(600));

        RateLimiter.Refusal refusal = request(limiter).orElseThrow();

        assertEquals("Too many requests: more than 15 per second", refusal.message());
        assertEquals(1, refusal.retryAfterSeconds());
        clock.advance(refusal.retryAfter());
        assertEquals(Optional.empty(), request(limiter));
    }

    @Test
    void theTwentyFirstSimultaneousRequestIsRefusedUntilOneEnds() {
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.empty(), limiter.admit(KEY, clock.instant()), "request " + (i + 1));
            clock.advance(Duration.ofMillis(400));
        }

        RateLimiter.Refusal refusal = limiter.admit(KEY, clock.instant()).orElseThrow();
        assertEquals("Too many simultaneous requests: at most 20 at a time", refusal.message());
        assertEquals(1, refusal.retryAfterSeconds());

        limiter.release(KEY);
        clock.advance(Duration.ofMillis(400));
        assertEquals(Optional.empty(), limiter.admit(KEY, clock.instant()));
    }

    @Test
    void keysAreLimitedSeparately() {
        admitted(limiter, 15, Duration.ofMillis(500));
        request(limiter).orElseThrow();

        assertEquals(Optional.empty(), limiter.admit(KEY + 1, clock.instant()));
    }

    @Test
    void aClockThatStepsBackDoesNotUnblock() {
        admitted(limiter, 30, Duration.ofSeconds(9));
        request(limiter).orElseThrow();
        ManualClock earlier = ManualClock.at(clock.instant().minusSeconds(3600));

        assertTrue(limiter.admit(KEY, earlier.instant()).isPresent());
    }

    @Test
    void disabledLimitsAdmitEverything() {
        RateLimiter off = new RateLimiter(RateLimitSettings.unlimited());
        for (int i = 0; i < 1000; i++) {
            assertEquals(Optional.empty(), off.admit(KEY, clock.instant()));
        }
    }
}
