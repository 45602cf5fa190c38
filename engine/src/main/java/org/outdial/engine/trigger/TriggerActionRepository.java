package org.outdial.engine.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rows of {@code trigger_action}; headers are kept as a JSON object. */
final class TriggerActionRepository {

    private static final String COLUMNS = "id, name, action_type, url, http_method, headers, body_type, body";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
    };

    long insert(Connection c, TriggerAction a, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO trigger_action (name, action_type, url, http_method, headers, body_type, body, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            bind(st, a);
            st.setTimestamp(8, Timestamp.from(now));
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    boolean update(Connection c, TriggerAction a) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE trigger_action SET name = ?, action_type = ?, url = ?, http_method = ?, headers = ?,"
                        + " body_type = ?, body = ? WHERE id = ?")) {
            bind(st, a);
            st.setLong(8, a.id());
            return st.executeUpdate() == 1;
        }
    }

    boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM trigger_action WHERE id = ?")) {
            st.setLong(1, id);
            return st.executeUpdate() == 1;
        }
    }

    boolean nameTaken(Connection c, String name, long exceptId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM trigger_action WHERE name = ? AND id <> ?")) {
            st.setString(1, name);
            st.setLong(2, exceptId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    Optional<TriggerAction> find(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM trigger_action WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    List<TriggerAction> findAll(Connection c, List<Long> ids) throws SQLException {
        Array array = c.createArrayOf("BIGINT", ids.toArray());
        try (PreparedStatement st = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM trigger_action WHERE id = ANY (?) ORDER BY id")) {
            st.setArray(1, array);
            return rows(st);
        } finally {
            array.free();
        }
    }

    List<TriggerAction> list(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM trigger_action ORDER BY id")) {
            return rows(st);
        }
    }

    private static List<TriggerAction> rows(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            List<TriggerAction> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row(rs));
            }
            return out;
        }
    }

    private static void bind(PreparedStatement st, TriggerAction a) throws SQLException {
        st.setString(1, a.name());
        st.setString(2, a.type().name());
        st.setString(3, a.url());
        st.setString(4, a.method() == null ? null : a.method().name());
        try {
            st.setString(5, a.headers().isEmpty() ? null : JSON.writeValueAsString(a.headers()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers are strings and always serialize", e);
        }
        st.setString(6, a.bodyType() == null ? null : a.bodyType().name());
        st.setString(7, a.body());
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
