package org.outdial.testbed.phones;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One call offered to a simulated phone, once it has ended.
 *
 * @param phone         the line number that was offered the call
 * @param callId        the INVITE's Call-ID
 * @param caller        the From URI's user part (Outdial puts the callee's number there)
 * @param callerName    the From display name, or empty
 * @param headers       the INVITE's headers a softphone can show: every {@code X-} header,
 *                      {@code Subject} and {@code Call-Info}, by name as sent
 * @param offeredAt     when the INVITE arrived
 * @param outcome       how the offer ended
 * @param status        the final response the phone sent: 200, 486, 603, 487 (cancelled), 480 (rang out)
 * @param answeredAt    when the phone sent 200 OK; empty when not answered
 * @param firstAudioAt  when the first RTP audio frame arrived after the answer; empty if none did
 * @param heardFirstHz  the first steady tone the phone heard (see {@link ToneHearing}); empty if none
 * @param heardLastHz   the last steady tone it heard
 * @param talk          from the 200 OK to the end; zero when not answered
 * @param endedBy       who ended the call
 */
public record CallRecord(String phone, String callId, String caller, String callerName, Map<String, String> headers,
                         Instant offeredAt, Outcome outcome, int status, Optional<Instant> answeredAt,
                         Optional<Instant> firstAudioAt, OptionalDouble heardFirstHz, OptionalDouble heardLastHz,
                         Duration talk, EndedBy endedBy) {

    public CallRecord {
        headers = Map.copyOf(headers);
    }

    public enum Outcome {
        /** 200 OK sent; the call was talked. */
        ANSWERED,
        /** Declined with 486 or 603. */
        REFUSED,
        /** Rang until the caller cancelled (487) or the phone's ring cap (480). */
        NOT_ANSWERED,
        /** Offered while the phone already had a call: 486 and a violation counted. */
        BUSY_WITH_ANOTHER,
        /** No usable SDP offer (488), or the phone could not open media (503). */
        FAILED
    }

    public enum EndedBy {
        /** The phone: BYE, a refusal, the ring cap, or the phones shutting down. */
        PHONE,
        /** The caller: BYE or CANCEL. */
        FAR_END
    }
}
