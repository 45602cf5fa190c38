package org.outdial.engine.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.outdial.engine.number.NumberState;

/** Call records: inserted once per attempt, read by GET_CALLS_HISTORY newest first. */
public final class CallHistoryRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<Integer, String>> PARAMS = new TypeReference<>() {
    };

    private static final String COLUMNS = "id, autodialer_id, number_id, phone, state, call_end_time, operator_number, "
            + "user_id, called_count, real_called_count, seconds, seconds_for_client_answered, seconds_dial_to_client, "
            + "seconds_client_wait_operator, seconds_operator_wait_call, seconds_for_operator_answered, seconds_talk, "
            + "rid, name, note, link, params, sip_code, q850_cause, hangup_by, detail";

    /** Inserts {@code r} (its id is ignored) and returns the new id. */
    public long insert(Connection c, CallRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO call_record (" + COLUMNS.substring(4)
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            int i = 1;
            ps.setLong(i++, r.autodialerId());
            setLong(ps, i++, r.numberId());
            ps.setString(i++, r.phone());
            ps.setString(i++, r.state().name());
            ps.setTimestamp(i++, Timestamp.from(r.callEndTime()));
            ps.setString(i++, r.operatorNumber());
            setLong(ps, i++, r.userId());
            ps.setInt(i++, r.calledCount());
            ps.setInt(i++, r.realCalledCount());
            for (Integer seconds : new Integer[] {r.seconds(), r.secondsForClientAnswered(), r.secondsDialToClient(),
                    r.secondsClientWaitOperator(), r.secondsOperatorWaitCall(), r.secondsForOperatorAnswered(),
                    r.secondsTalk()}) {
                setInt(ps, i++, seconds);
            }
            ps.setLong(i++, r.rid());
            ps.setString(i++, r.name());
            ps.setString(i++, r.note());
            ps.setString(i++, r.link());
            ps.setString(i++, r.params() == null || r.params().isEmpty() ? null : json(r.params()));
            setInt(ps, i++, r.sipCode());
            setInt(ps, i++, r.q850Cause());
            ps.setString(i++, r.hangupBy());
            ps.setString(i, r.detail());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** How many records match (ignoring paging) and the requested page, newest first. */
    public long count(Connection c, CallHistoryQuery q) throws SQLException {
        Where where = where(q, false);
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM call_record" + where.sql)) {
            where.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public List<CallRecord> page(Connection c, CallHistoryQuery q) throws SQLException {
        Where where = where(q, true);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM call_record" + where.sql
                + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
            int next = where.bind(ps);
            ps.setInt(next++, q.limit());
            ps.setInt(next, q.offset());
            List<CallRecord> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(map(rs));
                }
            }
            return result;
        }
    }

    public long countFor(Connection c, long autodialerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM call_record WHERE autodialer_id = ?")) {
            ps.setLong(1, autodialerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A WHERE clause and the values it binds, in order. */
    private record Where(String sql, List<Object> values) {
        int bind(PreparedStatement ps) throws SQLException {
            int i = 1;
            for (Object value : values) {
                if (value instanceof Timestamp t) {
                    ps.setTimestamp(i++, t);
                } else if (value instanceof Long l) {
                    ps.setLong(i++, l);
                } else {
                    ps.setString(i++, (String) value);
                }
            }
            return i;
        }
    }

    private static Where where(CallHistoryQuery q, boolean paged) {
        StringBuilder sql = new StringBuilder(" WHERE autodialer_id = ?");
        List<Object> values = new ArrayList<>();
        values.add(q.autodialerId());
        if (q.filtersVoiceSecretary()) {
            sql.append(" AND 1 = 0");
        }
        if (q.from() != null) {
            sql.append(" AND call_end_time >= ?");
            values.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND call_end_time < ?");
            values.add(Timestamp.from(q.to()));
        }
        if (paged && q.maxId() != null) {
            sql.append(" AND id <= ?");
            values.add(q.maxId());
        }
        if (q.states() != null && !q.states().isEmpty()) {
            sql.append(" AND state IN (").append("?, ".repeat(q.states().size() - 1)).append("?)");
            q.states().forEach(s -> values.add(s.name()));
        }
        like(sql, values, "phone", q.phonePart());
        if (q.operatorNumber() != null && !q.operatorNumber().isEmpty()) {
            sql.append(" AND operator_number = ?");
            values.add(q.operatorNumber());
        }
        like(sql, values, "name", q.namePart());
        like(sql, values, "note", q.notePart());
        like(sql, values, "link", q.linkPart());
        like(sql, values, "params", q.paramPart());
        return new Where(sql.toString(), values);
    }

    private static void like(StringBuilder sql, List<Object> values, String column, String part) {
        if (part == null || part.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" LIKE ? ESCAPE '\\'");
        values.add("%" + part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }

    private static CallRecord map(ResultSet rs) throws SQLException {
        String params = rs.getString("params");
        return new CallRecord(rs.getLong("id"), rs.getLong("autodialer_id"), (Long) rs.getObject("number_id", Long.class),
                rs.getString("phone"), NumberState.valueOf(rs.getString("state")),
                rs.getTimestamp("call_end_time").toInstant(), rs.getString("operator_number"),
                rs.getObject("user_id", Long.class), rs.getInt("called_count"), rs.getInt("real_called_count"),
                rs.getObject("seconds", Integer.class), rs.getObject("seconds_for_client_answered", Integer.class),
                rs.getObject("seconds_dial_to_client", Integer.class),
                rs.getObject("seconds_client_wait_operator", Integer.class),
                rs.getObject("seconds_operator_wait_call", Integer.class),
                rs.getObject("seconds_for_operator_answered", Integer.class), rs.getObject("seconds_talk", Integer.class),
                rs.getLong("rid"), rs.getString("name"), rs.getString("note"), rs.getString("link"),
                params == null ? null : read(params), rs.getObject("sip_code", Integer.class),
                rs.getObject("q850_cause", Integer.class), rs.getString("hangup_by"), rs.getString("detail"));
    }

    private static SortedMap<Integer, String> read(String json) throws SQLException {
        try {
            return JSON.readValue(json, PARAMS);
        } catch (JsonProcessingException e) {
            throw new SQLException("call record params are unreadable", e);
        }
    }

    private static String json(SortedMap<Integer, String> params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, value);
        }
    }
}
