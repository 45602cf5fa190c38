package org.outdial.engine.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.outdial.engine.storage.Sql;

/** Rows of {@code trigger_action}; headers are kept as a JSON object. */
final class TriggerActionRepository {

    private static final String COLUMNS = "id, name, action_type, url, http_method, headers, body_type, body";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
    };

    long insert(Connection c, TriggerAction a, Instant now) throws SQLException {
        return Sql.insert(c,
                "INSERT INTO trigger_action (name, action_type, url, http_method, headers, body_type, body, created_at,"
                        + " secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                params(a, now, WebhookSecrets.newSecret()));
    }

    /** The handler's signing secret, made now for a row written before handlers had one (V9). */
    Optional<String> secret(Connection c, long id) throws SQLException {
        Sql.update(c, "UPDATE trigger_action SET secret = ? WHERE id = ? AND secret IS NULL",
                WebhookSecrets.newSecret(), id);
        return Sql.one(c, "SELECT secret FROM trigger_action WHERE id = ?", rs -> rs.getString(1), id);
    }

    Optional<String> storedSecret(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT secret FROM trigger_action WHERE id = ?", rs -> Optional.ofNullable(rs.getString(1)),
                id).flatMap(s -> s);
    }

    boolean setPaused(Connection c, long id, boolean paused) throws SQLException {
        return Sql.update(c, "UPDATE trigger_action SET paused = ? WHERE id = ?", paused, id) == 1;
    }

    Optional<Boolean> paused(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT paused FROM trigger_action WHERE id = ?", rs -> rs.getBoolean(1), id);
    }

    boolean update(Connection c, TriggerAction a) throws SQLException {
        return Sql.update(c,
                "UPDATE trigger_action SET name = ?, action_type = ?, url = ?, http_method = ?, headers = ?,"
                        + " body_type = ?, body = ? WHERE id = ?",
                params(a, a.id())) == 1;
    }

    boolean delete(Connection c, long id) throws SQLException {
        return Sql.update(c, "DELETE FROM trigger_action WHERE id = ?", id) == 1;
    }

    boolean nameTaken(Connection c, String name, long exceptId) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM trigger_action WHERE name = ? AND id <> ?", name, exceptId);
    }

    Optional<TriggerAction> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM trigger_action WHERE id = ?", TriggerActionRepository::row, id);
    }

    List<TriggerAction> findAll(Connection c, List<Long> ids) throws SQLException {
        Array array = c.createArrayOf("BIGINT", ids.toArray());
        try {
            return Sql.list(c, "SELECT " + COLUMNS + " FROM trigger_action WHERE id = ANY (?) ORDER BY id",
                    TriggerActionRepository::row, array);
        } finally {
            array.free();
        }
    }

    List<TriggerAction> list(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM trigger_action ORDER BY id", TriggerActionRepository::row);
    }

    /** name to body, in the order INSERT and UPDATE both list them, then {@code last}. */
    private static Object[] params(TriggerAction a, Object... last) {
        String headers;
        try {
            headers = a.headers().isEmpty() ? null : JSON.writeValueAsString(a.headers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers are strings and always serialize", e);
        }
        Object[] fields = {a.name(), a.type(), a.url(), a.method(), headers, a.bodyType(), a.body()};
        Object[] all = java.util.Arrays.copyOf(fields, fields.length + last.length);
        System.arraycopy(last, 0, all, fields.length, last.length);
        return all;
    }

    private static TriggerAction row(ResultSet rs) throws SQLException {
        String method = rs.getString(5);
        String headers = rs.getString(6);
        String bodyType = rs.getString(7);
        Map<String, String> headerMap;
        try {
            headerMap = headers == null ? Map.of() : JSON.readValue(headers, HEADERS);
        } catch (JsonProcessingException e) {
            throw new SQLException("trigger_action " + rs.getLong(1) + " has unreadable headers", e);
        }
        return new TriggerAction(rs.getLong(1), rs.getString(2), TriggerActionType.valueOf(rs.getString(3)),
                rs.getString(4), method == null ? null : HttpMethod.valueOf(method), headerMap,
                bodyType == null ? null : BodyType.valueOf(bodyType), rs.getString(8));
    }
}
