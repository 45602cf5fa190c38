package org.outdial.sip.call;

import java.time.Duration;

/**
 * One outbound call to place.
 *
 * @param trunk       the configured trunk's name
 * @param number      the number as the trunk expects it (E.164 digits, maybe with a leading +);
 *                    the trunk's prefix is put in front
 * @param callerId    the caller ID to present, or null for the trunk's own
 * @param ringTimeout how long to let it ring before CANCEL (an unanswered call is NO_ANSWER)
 * @param maxDuration the longest an answered call may last before Outdial hangs up
 */
public record DialRequest(String trunk, String number, String callerId, Duration ringTimeout,
                          Duration maxDuration) {

    public static final Duration MAX_RING_TIMEOUT = Duration.ofMinutes(5);

    public DialRequest {
        if (trunk == null || trunk.isBlank()) {
            throw new IllegalArgumentException("trunk must not be empty");
        }
        if (number == null || !number.matches("\\+?[0-9*#A-Da-d]{1,32}")) {
            throw new IllegalArgumentException("number must be 1..32 digits (0-9 * # A-D, optional leading +), was '"
                    + number + "'");
        }
        if (callerId != null && !callerId.matches("\\+?[0-9A-Za-z._-]{1,64}")) {
            throw new IllegalArgumentException("callerId must be a SIP user part (digits, letters, . _ -), was '"
                    + callerId + "'");
        }
        if (ringTimeout == null || ringTimeout.isNegative() || ringTimeout.isZero()
                || ringTimeout.compareTo(MAX_RING_TIMEOUT) > 0) {
            throw new IllegalArgumentException("ringTimeout must be 1 ms..5 min, was " + ringTimeout);
        }
        if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive, was " + maxDuration);
        }
    }

    /** A request with the trunk's caller ID and a one-hour cap, the common case in tests and tools. */
    public static DialRequest of(String trunk, String number, Duration ringTimeout) {
        return new DialRequest(trunk, number, null, ringTimeout, Duration.ofHours(1));
    }
}
