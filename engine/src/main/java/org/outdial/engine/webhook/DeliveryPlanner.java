package org.outdial.engine.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.outdial.engine.blocklist.BlockedList;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.number.StateCounts;
import org.outdial.engine.storage.Sql;
import org.outdial.engine.trigger.TriggerActionType;

/**
 * What an event does to the handlers its autodialer binds to it, in the transaction that records
 * the event (so an event and its deliveries exist together or not at all): a PENDING
 * {@code webhook_delivery} row per HTTP handler, and for {@link TriggerActionType#BLOCK_NUMBER}
 * the number on BLOCKED_FOR_AUTODIAL_PHONES at once. The autodialer's bindings are its
 * {@code triggerActions} in {@code autodialer.settings}; parsed settings are kept per autodialer
 * until the stored text changes.
 */
public final class DeliveryPlanner {

    /** A handler bound to the event: its id and what it does. */
    public record Bound(long id, TriggerActionType type) {
    }

    private record Parsed(String settings, Map<String, List<Long>> bindings) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CACHE_LIMIT = 4096;

    private final Map<Long, Parsed> cache = new ConcurrentHashMap<>();
    private final StateCounts counts = new StateCounts();

    /** The handlers bound to {@code event} on the autodialer, in the client's order; existing ones only. */
    public List<Bound> bound(Connection c, long campaignId, TriggerEvent event) throws SQLException {
        Optional<String> settings = Sql.one(c, "SELECT settings FROM autodialer WHERE id = ?", rs -> rs.getString(1),
                campaignId);
        if (settings.isEmpty()) {
            return List.of();
        }
        List<Long> ids = bindings(campaignId, settings.get()).getOrDefault(event.name(), List.of());
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        Map<Long, TriggerActionType> types = new LinkedHashMap<>();
        Sql.list(c, "SELECT id, action_type FROM trigger_action WHERE id IN (" + marks + ")",
                rs -> types.put(rs.getLong(1), TriggerActionType.valueOf(rs.getString(2))), ids.toArray());
        List<Bound> bound = new ArrayList<>();
        for (Long id : ids) {
            TriggerActionType type = types.get(id);
            if (type != null) {
                bound.add(new Bound(id, type));
            }
        }
        return bound;
    }

    /**
     * The payload with what Standard JSON needs and only the moment of the event knows: the
     * autodialer's name and its numbers' totals as this transaction leaves them.
     */
    public Map<String, Object> enrich(Connection c, long campaignId, Map<String, ?> payload) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>(payload);
        out.put("dialName", Sql.one(c, "SELECT name FROM autodialer WHERE id = ?", rs -> rs.getString(1), campaignId)
                .orElse(null));
        long total = 0;
        long done = 0;
        for (Map.Entry<NumberState, Long> e : counts.of(c, campaignId).entrySet()) {
            total += e.getValue();
            if (e.getKey().done()) {
                done += e.getValue();
            }
        }
        out.put("totalCount", total);
        out.put("doneCount", done);
        return out;
    }

    /** Writes what the bound handlers do with event {@code eventId}. */
    public void plan(Connection c, long eventId, long campaignId, List<Bound> handlers, Map<String, ?> payload,
                     Instant now) throws SQLException {
        for (Bound handler : handlers) {
            switch (handler.type()) {
                case WEBHOOK, TELEGRAM -> Sql.update(c, "INSERT INTO webhook_delivery (event_id, autodialer_id,"
                        + " trigger_action_id, state, attempts, next_attempt_at, created_at, phone)"
                        + " VALUES (?, ?, ?, ?, 0, ?, ?, ?)", eventId, campaignId, handler.id(), DeliveryState.PENDING,
                        now, now, payload.get("phone") instanceof String phone ? phone : null);
                case BLOCK_NUMBER -> block(c, payload.get("phone"), now);
            }
        }
    }

    private static void block(Connection c, Object phone, Instant now) throws SQLException {
        if (phone == null) {
            return; // the binding validator lets BLOCK_NUMBER only onto events about one number
        }
        Sql.update(c, "INSERT INTO blocked_phone (list_name, phone, created_at) SELECT ?, ?, ? FROM (VALUES (1)) one"
                + " WHERE NOT EXISTS (SELECT 1 FROM blocked_phone WHERE list_name = ? AND phone = ?)",
                BlockedList.BLOCKED_FOR_AUTODIAL_PHONES, phone.toString(), now,
                BlockedList.BLOCKED_FOR_AUTODIAL_PHONES, phone.toString());
    }

    private Map<String, List<Long>> bindings(long campaignId, String settings) {
        Parsed parsed = cache.get(campaignId);
        if (parsed != null && parsed.settings().equals(settings)) {
            return parsed.bindings();
        }
        Map<String, List<Long>> bindings = new LinkedHashMap<>();
        try {
            JsonNode node = JSON.readTree(settings).path("triggerActions");
            node.fields().forEachRemaining(e -> {
                List<Long> ids = new ArrayList<>();
                e.getValue().forEach(id -> ids.add(id.asLong()));
                bindings.put(e.getKey(), List.copyOf(ids));
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("autodialer " + campaignId + " has unreadable settings", e);
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(campaignId, new Parsed(settings, bindings));
        return bindings;
    }
}
