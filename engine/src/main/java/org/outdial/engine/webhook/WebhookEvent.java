package org.outdial.engine.webhook;

import java.time.Instant;
import java.util.Map;
import org.outdial.engine.event.TriggerEvent;

/**
 * An {@code event_outbox} row as a delivery sends it.
 *
 * @param payload what the change that caused the event recorded (DeliveryPlanner added the
 *                autodialer's name and totals when a handler was bound)
 */
public record WebhookEvent(long id, long autodialerId, TriggerEvent event, Map<String, Object> payload,
                           Instant createdAt) {

    public WebhookEvent {
        payload = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(payload));
    }

    /** Standard Webhooks' {@code webhook-id}: the same on every attempt, so receivers de-duplicate by it. */
    public String webhookId() {
        return "evt_" + id;
    }
}
