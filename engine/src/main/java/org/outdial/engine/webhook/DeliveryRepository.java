package org.outdial.engine.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.storage.Sql;

/** Rows of {@code webhook_delivery} (V9), joined with their {@code event_outbox} event where needed. */
final class DeliveryRepository {

    /** A queue's head due now: the delivery, and the queue it is the head of. */
    record Due(long id, long autodialerId, long triggerActionId) {
    }

    private static final String COLUMNS = "d.id, d.event_id, d.autodialer_id, d.trigger_action_id, e.event, d.state,"
            + " d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status, d.last_error, d.delivered_at,"
            + " d.created_at";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /** The queues of deliveries written after {@code afterId}: a range of the primary key, whatever the backlog. */
    List<Due> newQueues(Connection c, long afterId) throws SQLException {
        return Sql.list(c, "SELECT MAX(id), autodialer_id, trigger_action_id FROM webhook_delivery WHERE id > ?"
                + " GROUP BY autodialer_id, trigger_action_id", rs -> new Due(rs.getLong(1), rs.getLong(2),
                rs.getLong(3)), afterId);
    }

    /** Every queue with a PENDING delivery: (autodialer, handler), from the queue index alone. */
    List<Due> queues(Connection c, int limit) throws SQLException {
        return Sql.list(c, "SELECT MIN(id), autodialer_id, trigger_action_id FROM webhook_delivery"
                + " WHERE state = 'PENDING' GROUP BY autodialer_id, trigger_action_id LIMIT " + limit,
                rs -> new Due(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }

    /** A queue's head ready to send: the delivery, its attempts so far, and its event (null if gone). */
    record Head(long id, int attempts, long triggerActionId, WebhookEvent event) {
    }

    /** The queue's head with its event, when it is due, unleased and its handler not paused. */
    Optional<Head> dueHead(Connection c, long autodialerId, long triggerActionId, Instant now) throws SQLException {
        return Sql.one(c, "SELECT e.id, e.autodialer_id, e.event, e.payload, e.created_at, d.id, d.attempts,"
                        + " d.next_attempt_at, d.lease_until, t.paused FROM webhook_delivery d"
                        + " LEFT JOIN event_outbox e ON e.id = d.event_id"
                        + " LEFT JOIN trigger_action t ON t.id = d.trigger_action_id"
                        + " WHERE d.state = 'PENDING' AND d.autodialer_id = ? AND d.trigger_action_id = ?"
                        // The queue index's own order: H2 then reads its first entry ("index sorted")
                        // instead of every PENDING row of the queue and a sort (ORDER BY d.id alone).
                        + " ORDER BY d.state, d.autodialer_id, d.trigger_action_id, d.id LIMIT 1",
                rs -> {
                    Instant next = rs.getTimestamp(8).toInstant();
                    Timestamp lease = rs.getTimestamp(9);
                    boolean paused = rs.getBoolean(10);
                    boolean due = !next.isAfter(now) && (lease == null || lease.toInstant().isBefore(now)) && !paused;
                    if (!due) {
                        return Optional.<Head>empty();
                    }
                    rs.getLong(1);
                    WebhookEvent event = rs.wasNull() ? null : event(rs);
                    return Optional.of(new Head(rs.getLong(6), rs.getInt(7), triggerActionId, event));
                }, autodialerId, triggerActionId).flatMap(d -> d);
    }

    /** Takes the lease on a due PENDING row; false when another sender holds it or it changed. */
    boolean lease(Connection c, long id, Instant now, Instant until) throws SQLException {
        return Sql.update(c, "UPDATE webhook_delivery SET lease_until = ? WHERE id = ? AND state = 'PENDING'"
                + " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)", until, id, now, now) == 1;
    }

    void delivered(Connection c, long id, int status, Instant now) throws SQLException {
        Sql.update(c, "UPDATE webhook_delivery SET state = 'DELIVERED', attempts = attempts + 1, last_attempt_at = ?,"
                + " last_status = ?, last_error = NULL, delivered_at = ?, lease_until = NULL WHERE id = ?",
                now, status, now, id);
    }

    void retry(Connection c, long id, Integer status, String error, Instant now, Instant next) throws SQLException {
        Sql.update(c, "UPDATE webhook_delivery SET attempts = attempts + 1, last_attempt_at = ?, last_status = ?,"
                + " last_error = ?, next_attempt_at = ?, lease_until = NULL WHERE id = ?",
                now, status, clip(error), next, id);
    }

    void failed(Connection c, long id, Integer status, String error, Instant now) throws SQLException {
        Sql.update(c, "UPDATE webhook_delivery SET state = 'FAILED', attempts = attempts + 1, last_attempt_at = ?,"
                + " last_status = ?, last_error = ?, lease_until = NULL WHERE id = ?", now, status, clip(error), id);
    }

    /** A delivery sent again from the start of the schedule, whatever state it was in. */
    boolean redeliver(Connection c, long id, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE webhook_delivery SET state = 'PENDING', attempts = 0, next_attempt_at = ?,"
                + " delivered_at = NULL WHERE id = ?", now, id) == 1;
    }

    Optional<Delivery> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM webhook_delivery d JOIN event_outbox e ON e.id = d.event_id"
                + " WHERE d.id = ?", DeliveryRepository::delivery, id);
    }

    /** Newest first, by handler and/or autodialer (null for any), optionally in one state. */
    List<Delivery> list(Connection c, Long triggerActionId, Long autodialerId, DeliveryState state, int offset,
                        int limit) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM webhook_delivery d JOIN event_outbox e ON e.id = d.event_id"
                        + " WHERE (CAST(? AS BIGINT) IS NULL OR d.trigger_action_id = ?)"
                        + " AND (CAST(? AS BIGINT) IS NULL OR d.autodialer_id = ?)"
                        + " AND (CAST(? AS VARCHAR(16)) IS NULL OR d.state = ?)"
                        + " ORDER BY d.id DESC OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY",
                DeliveryRepository::delivery, triggerActionId, triggerActionId, autodialerId, autodialerId,
                state, state);
    }

    /**
     * Marks REMOVED the PENDING deliveries of events of {@code phones} (stored forms) that no node is
     * sending now; how many.
     */
    int removeScheduled(Connection c, List<String> phones, Instant now) throws SQLException {
        if (phones.isEmpty()) {
            return 0;
        }
        List<Object> args = new java.util.ArrayList<>(phones);
        args.add(now);
        return Sql.update(c, "UPDATE webhook_delivery SET state = 'REMOVED', last_error = '" + REMOVED_NOTE + "'"
                + " WHERE state = 'PENDING' AND phone IN (" + String.join(", ", java.util.Collections.nCopies(
                phones.size(), "?")) + ") AND (lease_until IS NULL OR lease_until < ?)", args.toArray());
    }

    /** PENDING deliveries: the backlog. */
    long pending(Connection c) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM webhook_delivery WHERE state = 'PENDING'");
    }

    /** The last error a removed delivery shows. */
    static final String REMOVED_NOTE = "removed by /api/eventHandlers/removeScheduledByPhones";

    private static String clip(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 997) + "...";
    }

    private static WebhookEvent event(ResultSet rs) throws SQLException {
        try {
            return new WebhookEvent(rs.getLong(1), rs.getLong(2), TriggerEvent.valueOf(rs.getString(3)),
                    JSON.readValue(rs.getString(4), MAP), rs.getTimestamp(5).toInstant());
        } catch (JsonProcessingException e) {
            throw new SQLException("event_outbox " + rs.getLong(1) + " has an unreadable payload", e);
        }
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        int status = rs.getInt(10);
        Integer lastStatus = rs.wasNull() ? null : status;
        return new Delivery(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                TriggerEvent.valueOf(rs.getString(5)), DeliveryState.valueOf(rs.getString(6)), rs.getInt(7),
                instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), lastStatus, rs.getString(11),
                instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
