package org.outdial.sip.call;

import java.time.Instant;

/**
 * A provisional response to the INVITE (RFC 3261 §21.1).
 *
 * @param status     100, 180, 181, 182 or 183
 * @param reason     the reason phrase as sent
 * @param earlyMedia whether it carried SDP, so the callee's audio (ring-back, announcements) flows
 *                   before the answer (RFC 3960)
 * @param at         when it arrived
 */
public record CallProgress(int status, String reason, boolean earlyMedia, Instant at) {

    /** 180 Ringing and 183 Session Progress both mean the far end is alerting. */
    public boolean ringing() {
        return status == 180 || status == 183;
    }
}
