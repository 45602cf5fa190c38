package org.outdial.engine.event;

import org.outdial.engine.storage.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * Appends events to {@code event_outbox} on the connection of the change that caused them, so an
 * event exists exactly when its change was committed. Delivery (webhooks) reads the table later.
 */
public final class EventOutbox {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public void append(Connection c, long campaignId, TriggerEvent event, Map<String, ?> payload, Instant now)
            throws SQLException {
        Sql.update(c, "INSERT INTO event_outbox (autodialer_id, event, payload, created_at) VALUES (?, ?, ?, ?)",
                campaignId, event, json(payload), now);
    }

    private static String json(Map<String, ?> payload) {
        try {
            return MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serializable", e);
        }
    }
}
