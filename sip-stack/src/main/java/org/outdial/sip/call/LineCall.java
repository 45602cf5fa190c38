package org.outdial.sip.call;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One call to an operator's registered line, offering them an answered callee.
 *
 * @param line        the operator line number (it must be registered, else the call fails at once)
 * @param callerId    the callee's number, shown to the operator as the From user and display name
 * @param callerName  the number's name (seed 004 number {@code name}), shown as the display name
 *                    when present; may be null
 * @param headers     extra headers for the INVITE a softphone can show (docs/TELEPHONY.md names
 *                    them: {@code X-Outdial-Campaign}, {@code X-Outdial-Campaign-Id},
 *                    {@code X-Outdial-Number-Name}); names must be {@code X-} headers
 * @param ringTimeout how long the operator's phone may ring before CANCEL
 * @param maxDuration the longest the operator leg may last
 */
public record LineCall(String line, String callerId, String callerName, Map<String, String> headers,
                       Duration ringTimeout, Duration maxDuration) {

    public LineCall {
        if (line == null || !line.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException("line must be 1..20 digits, was '" + line + "'");
        }
        Objects.requireNonNull(callerId, "callerId");
        headers = Map.copyOf(Objects.requireNonNullElse(headers, Map.of()));
        for (String name : headers.keySet()) {
            if (!name.regionMatches(true, 0, "X-", 0, 2)) {
                throw new IllegalArgumentException("headers must be X- headers, was '" + name + "'");
            }
        }
        if (ringTimeout == null || !ringTimeout.isPositive() || ringTimeout.compareTo(DialRequest.MAX_RING_TIMEOUT) > 0) {
            throw new IllegalArgumentException("ringTimeout must be 1 ms..5 min, was " + ringTimeout);
        }
        if (maxDuration == null || !maxDuration.isPositive()) {
            throw new IllegalArgumentException("maxDuration must be positive, was " + maxDuration);
        }
    }
}
