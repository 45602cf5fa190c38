package org.outdial.engine.campaign;

/** What can happen to an autodialer; {@link CampaignStatus#on(CampaignEvent)} says what follows. */
public enum CampaignEvent {
    /** User action PAUSE. */
    PAUSE,
    /** User action UNPAUSE. */
    UNPAUSE,
    /** User action CANCEL. */
    CANCEL,
    /** ADD_NUMBERS (or ADD with numbers) added at least one number. */
    NUMBERS_ADDED,
    /** REFRESH put numbers back to NEW. */
    NUMBERS_REFRESHED,
    /** The autodialer holds no number any more. */
    NUMBERS_EMPTIED,
    /** The dialer placed a call. */
    DIALING_STARTED,
    /** The calling window closed or has not opened. */
    WINDOW_CLOSED,
    /** Nothing left to call now but retries that are not yet due. */
    ONLY_REPEATS_LEFT,
    /** Calls wait for operators (FREE and SMART modes). */
    NO_FREE_OPERATORS,
    /** Nothing left to call, no retry pending, nothing DIALING. */
    COMPLETED,
    /** The end date passed with numbers left: they become AUTOCANCEL. */
    END_DATE_PASSED
}
