package org.outdial.sip.outcome;

/**
 * The final word on one call.
 *
 * @param outcome  what happened, in dialer terms
 * @param sipCode  the final response to the INVITE (200 when answered), or 0 when none came
 * @param q850     the ITU-T Q.850 cause: from the peer's Reason header (RFC 3326) when it sent one,
 *                 else from {@link OutcomeTable}
 * @param reason   a short human explanation, for logs and the {@code call} command
 * @param endedBy  who ended the call
 * @param timings  when each step happened
 */
public record CallOutcome(Outcome outcome, int sipCode, int q850, String reason, Party endedBy,
                          CallTimings timings) {

    public boolean answered() {
        return timings.answered() != null;
    }
}
