package org.outdial.engine.webhook;

/** Where a webhook delivery is: waiting (or being sent), sent with a 2xx, or given up on. */
public enum DeliveryState {
    /** Waiting for its attempt (its next_attempt_at), or being sent by the node holding its lease. */
    PENDING,
    /** A 2xx came back within the timeout. */
    DELIVERED,
    /** Every attempt of the schedule failed; kept for the deliveries API and REDELIVER. */
    FAILED,
    /** Removed before it was sent, by {@code /api/eventHandlers/removeScheduledByPhones}; kept, REDELIVER sends it. */
    REMOVED
}
