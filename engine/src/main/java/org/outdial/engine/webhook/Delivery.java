package org.outdial.engine.webhook;

import java.time.Instant;
import org.outdial.engine.event.TriggerEvent;

/**
 * One event's delivery to one handler, as the deliveries API shows it.
 *
 * @param eventId       the {@code event_outbox} row: the request's {@code webhook-id} is {@code evt_<eventId>}
 * @param attempts      attempts made so far
 * @param nextAttemptAt when the next attempt is due (PENDING only)
 * @param lastStatus    the HTTP status of the last attempt; null when none came back
 * @param lastError     why the last attempt failed; null after a success
 */
public record Delivery(long id, long eventId, long autodialerId, long triggerActionId, TriggerEvent event,
                       DeliveryState state, int attempts, Instant nextAttemptAt, Instant lastAttemptAt,
                       Integer lastStatus, String lastError, Instant deliveredAt, Instant createdAt) {
}
