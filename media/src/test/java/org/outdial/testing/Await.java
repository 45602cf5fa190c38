package org.outdial.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for something a test expects to happen on another thread, polling with a deadline: the
 * one way tests wait, instead of a {@code Thread.sleep} followed by an assertion (which passes
 * when the code is merely slow, and fails when the machine is). A timeout fails with what was
 * awaited and the last value seen:
 *
 * <pre>{@code
 * String status = Await.until("the campaign FINISHED", Duration.ofSeconds(30),
 *         () -> api.status(id), "FINISHED"::equals);
 * // AssertionError: timed out after 30 s waiting for: the campaign FINISHED; last value: IN_PROGRESS
 * }</pre>
 *
 * The first checks come quickly (1 ms apart), then back off to one every 100 ms, so a condition
 * that holds soon costs little and a slow one does not spin. An exception thrown by the
 * condition ends the wait at once: a server that exited will not come up by waiting.
 */
public final class Await {

    private static final long FIRST_PAUSE_NANOS = 1_000_000;
    private static final long LONGEST_PAUSE_NANOS = 100_000_000;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        Objects.requireNonNull(condition, "condition");
        until(what, timeout, condition::getAsBoolean, Boolean::booleanValue);
    }

    /**
     * Reads {@code value} until {@code done} accepts it, and returns that value; fails after
     * {@code timeout} with the last value read.
     */
    public static <T> T until(String what, Duration timeout, Supplier<? extends T> value, Predicate<? super T> done) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(done, "done");
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            T last = value.get();
            if (done.test(last)) {
                return last;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + describe(timeout) + " waiting for: " + what
                        + (last instanceof Boolean ? "" : "; last value: " + last));
            }
            try {
                Thread.sleep(Duration.ofNanos(Math.min(pause, left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what + "; last value: " + last, e);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
