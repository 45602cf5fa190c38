package org.outdial.engine.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.outdial.engine.storage.Sql;
import org.outdial.engine.webhook.DeliveryPlanner;

/**
 * Appends events to {@code event_outbox} on the connection of the change that caused them, so an
 * event exists exactly when its change was committed; in the same transaction, the handlers the
 * autodialer binds to the event get their deliveries ({@link DeliveryPlanner}), which the
 * deliverer sends later.
 */
public final class EventOutbox {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DeliveryPlanner planner = new DeliveryPlanner();

    /** Appends the event and its deliveries; the event's id (its webhook-id is {@code evt_<id>}). */
    public long append(Connection c, long campaignId, TriggerEvent event, Map<String, ?> payload, Instant now)
            throws SQLException {
        List<DeliveryPlanner.Bound> handlers = event.seed() ? planner.bound(c, campaignId, event) : List.of();
        Map<String, ?> stored = handlers.isEmpty() ? payload : planner.enrich(c, campaignId, payload);
        long eventId = Sql.insert(c, "INSERT INTO event_outbox (autodialer_id, event, payload, created_at)"
                + " VALUES (?, ?, ?, ?)", campaignId, event, json(stored), now);
        planner.plan(c, eventId, campaignId, handlers, stored, now);
        return eventId;
    }

    private static String json(Map<String, ?> payload) {
        try {
            return MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serializable", e);
        }
    }
}
