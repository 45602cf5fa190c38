package org.outdial.sip.outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The moments of one call, each null when the call never got there.
 *
 * @param inviteSent       the first INVITE left (or, for a call refused locally, the dial time)
 * @param firstProvisional the first 1xx arrived
 * @param ringing          the first 180 or 183 arrived
 * @param answered         the 2xx arrived
 * @param ended            the call ended (final response, BYE sent or received, or local refusal)
 */
public record CallTimings(Instant inviteSent, Instant firstProvisional, Instant ringing, Instant answered,
                          Instant ended) {

    /** From INVITE to answer, empty if unanswered. */
    public Optional<Duration> dialToAnswer() {
        return answered == null ? Optional.empty() : Optional.of(Duration.between(inviteSent, answered));
    }

    /** Talk time from answer to end, zero if unanswered. */
    public Duration talk() {
        return answered == null || ended == null ? Duration.ZERO : Duration.between(answered, ended);
    }
}
