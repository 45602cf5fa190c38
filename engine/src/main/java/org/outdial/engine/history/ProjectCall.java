package org.outdial.engine.history;

/**
 * One call of the project's history (/history/get): the call record every history shares, and
 * what only the project-wide view shows: which operation placed it, its trunk and the caller's
 * meta. A single call's record has no autodialer ({@link CallRecord#campaignId()} is 0).
 *
 * @param trunk the trunk the call went out on, or null where it was not recorded (autodialer calls)
 * @param meta  the free text the single call was placed with (seed 004 {@code meta}), or null
 */
public record ProjectCall(CallRecord record, CallSource source, String trunk, String meta) {

    /**
     * INVITE to the end: the time to the callee's final answer or refusal, plus their answered time.
     * The seed's {@code secondsFullTime}.
     */
    public int secondsFullTime() {
        int dial = record.secondsDialToClient() == null ? 0 : record.secondsDialToClient();
        int answered = record.seconds() == null ? 0 : record.seconds();
        return dial + answered;
    }

    /** The seed's {@code secondsTalk}: the conversation, 0 when nobody talked. */
    public int secondsTalk() {
        return record.secondsTalk() == null ? 0 : record.secondsTalk();
    }

    /** Whether the callee answered (the seed's filter {@code answered}). */
    public boolean answered() {
        return record.secondsForClientAnswered() != null;
    }
}
