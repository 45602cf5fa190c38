package org.outdial.engine.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.storage.Sql;

/** Call records: inserted once per attempt, read by GET_CALLS_HISTORY newest first. */
public final class CallHistoryRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<Integer, String>> PARAMS = new TypeReference<>() {
    };

    static final String COLUMNS = "id, autodialer_id, number_id, phone, state, call_end_time, operator_number, "
            + "user_id, called_count, real_called_count, seconds, seconds_for_client_answered, seconds_dial_to_client, "
            + "seconds_client_wait_operator, seconds_operator_wait_call, seconds_for_operator_answered, seconds_talk, "
            + "rid, name, note, link, params, sip_code, q850_cause, hangup_by, detail";

    /** Inserts {@code r} (its id is ignored) and returns the new id. */
    public long insert(Connection c, CallRecord r) throws SQLException {
        return Sql.insert(c, "INSERT INTO call_record (" + COLUMNS.substring(4)
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.campaignId(), r.numberId(), r.phone(), r.state(), r.callEndTime(), r.operatorNumber(), r.userId(),
                r.calledCount(), r.realCalledCount(), r.seconds(), r.secondsForClientAnswered(), r.secondsDialToClient(),
                r.secondsClientWaitOperator(), r.secondsOperatorWaitCall(), r.secondsForOperatorAnswered(),
                r.secondsTalk(), r.rid(), r.name(), r.note(), r.link(),
                r.params() == null || r.params().isEmpty() ? null : json(r.params()), r.sipCode(), r.q850Cause(),
                r.hangupBy(), r.detail());
    }

    /**
     * Inserts the record of a single call (no autodialer: {@code r.campaignId()} is ignored and
     * stored as NULL), with where it came from, and returns the new id.
     */
    public long insertSingle(Connection c, CallRecord r, CallSource source, String trunk, String meta)
            throws SQLException {
        return Sql.insert(c, "INSERT INTO call_record (" + COLUMNS.substring(4) + ", source, trunk, meta"
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                null, r.numberId(), r.phone(), r.state(), r.callEndTime(), r.operatorNumber(), r.userId(),
                r.calledCount(), r.realCalledCount(), r.seconds(), r.secondsForClientAnswered(), r.secondsDialToClient(),
                r.secondsClientWaitOperator(), r.secondsOperatorWaitCall(), r.secondsForOperatorAnswered(),
                r.secondsTalk(), r.rid(), r.name(), r.note(), r.link(),
                r.params() == null || r.params().isEmpty() ? null : json(r.params()), r.sipCode(), r.q850Cause(),
                r.hangupBy(), r.detail(), source.name(), trunk, meta);
    }

    /** How many records match (ignoring paging) and the requested page, newest first. */
    public long count(Connection c, CallHistoryQuery q) throws SQLException {
        Where where = where(q, false);
        return Sql.count(c, "SELECT COUNT(*) FROM call_record" + where.sql, where.values.toArray());
    }

    public List<CallRecord> page(Connection c, CallHistoryQuery q) throws SQLException {
        Where where = where(q, true);
        List<Object> values = new ArrayList<>(where.values);
        values.add(q.limit());
        values.add(q.offset());
        return Sql.list(c, "SELECT " + COLUMNS + " FROM call_record" + where.sql + " ORDER BY id DESC LIMIT ? OFFSET ?",
                CallHistoryRepository::map, values.toArray());
    }

    /**
     * The calls made to the numbers (call jobs) {@code numberIds} of autodialer {@code campaignId},
     * oldest first: JAICP's getReport reads a job's calls here, the same rows GET_CALLS_HISTORY shows.
     */
    public List<CallRecord> forNumbers(Connection c, long campaignId, java.util.Collection<Long> numberIds)
            throws SQLException {
        if (numberIds.isEmpty()) {
            return List.of();
        }
        List<Object> params = new java.util.ArrayList<>(numberIds);
        params.add(campaignId);
        return Sql.list(c, "SELECT " + COLUMNS + " FROM call_record WHERE number_id IN ("
                        + "?, ".repeat(numberIds.size() - 1) + "?) AND autodialer_id = ? ORDER BY id",
                CallHistoryRepository::map, params.toArray());
    }

    public long countFor(Connection c, long campaignId) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM call_record WHERE autodialer_id = ?", campaignId);
    }

    /** A WHERE clause and the values it binds, in order. */
    private record Where(String sql, List<Object> values) {
    }

    private static Where where(CallHistoryQuery q, boolean paged) {
        StringBuilder sql = new StringBuilder(" WHERE autodialer_id = ?");
        List<Object> values = new ArrayList<>();
        values.add(q.campaignId());
        if (q.filtersVoiceSecretary()) {
            sql.append(" AND 1 = 0");
        }
        if (q.from() != null) {
            sql.append(" AND call_end_time >= ?");
            values.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" AND call_end_time < ?");
            values.add(q.to());
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

    static CallRecord map(ResultSet rs) throws SQLException {
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
}
