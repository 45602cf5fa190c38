package org.outdial.engine.job;

import java.time.Instant;

/**
 * One job to queue, as a facade read it.
 *
 * @param phone     the phone as sent; normalized to E.164 by the engine
 * @param payload   the caller's data as JSON text, shown back with the job, or null
 * @param notBefore the job is not called before this instant (JAICP's {@code startDateTime}), or null
 * @param ahead     whether the job goes ahead of the autodialer's ordinary numbers (the priority queue)
 */
public record CallJobDraft(String phone, String payload, Instant notBefore, boolean ahead) {

    /** JAICP's "payload" as stored: at most what the column holds. */
    public static final int MAX_PAYLOAD = 6000;
}
