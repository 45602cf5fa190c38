package org.outdial.sip.call;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The callee's DTMF digits, kept until a flow asks for them ({@link Call#nextDigit}): a digit
 * pressed while the flow is busy (playing a prompt, waiting for something else) is not lost, so a
 * callee who types ahead is understood. Fed by the RTP receiver's event loop, read by the flow's
 * virtual thread; closed when the call ends, which wakes a waiting reader at once.
 *
 * <p>At most {@link #CAPACITY} digits are held; more (a callee leaning on a key with nobody asking)
 * are dropped, newest first, so a stuck key cannot grow memory.
 */
public final class DigitBuffer {

    /** Digits held at most: more than any menu answer a person types ahead. */
    public static final int CAPACITY = 32;
    /** Put after the last digit when the call ends; never a DTMF digit (those are 0-9 * # A-D). */
    private static final char ENDED = '\0';

    private final BlockingQueue<Character> digits = new ArrayBlockingQueue<>(CAPACITY + 1);
    private volatile boolean closed;

    /** A digit received; ignored once closed or full. */
    public void add(char digit) {
        if (!closed && digits.size() < CAPACITY) {
            digits.offer(digit);
        }
    }

    /** The call has ended: digits already held are still handed out, then every wait returns empty at once. */
    public void close() {
        if (!closed) {
            closed = true;
            digits.offer(ENDED);
        }
    }

    /**
     * The oldest digit not handed out yet, waiting up to {@code within} for one; empty when none
     * came in time or the call has ended and no digit is left.
     */
    public Optional<Character> next(Duration within) throws InterruptedException {
        Objects.requireNonNull(within, "within");
        if (within.isNegative()) {
            throw new IllegalArgumentException("within must not be negative, was " + within);
        }
        Character digit = digits.poll(within.toNanos(), TimeUnit.NANOSECONDS);
        if (digit == null) {
            return Optional.empty();
        }
        if (digit == ENDED) {
            digits.offer(ENDED); // for the next reader: the call stays ended
            return Optional.empty();
        }
        return Optional.of(digit);
    }

    /** Drops the digits held (not an end already noted). */
    public void clear() {
        boolean ended = digits.contains(ENDED);
        digits.clear();
        if (ended) {
            digits.offer(ENDED);
        }
    }
}
