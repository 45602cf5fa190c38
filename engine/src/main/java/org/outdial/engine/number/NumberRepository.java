package org.outdial.engine.number;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Numbers of autodialers: plain JDBC on the connection of the caller's transaction. */
public final class NumberRepository {

    /** Phones per look-up statement. */
    private static final int LOOKUP_CHUNK = 500;
    /** Rows per JDBC batch on refresh. */
    private static final int INSERT_BATCH = 5_000;
    /** Rows per multi-row INSERT: 8 parameters each, well under any driver's parameter limit. */
    private static final int ROWS_PER_INSERT = 500;

    public static final String COLUMNS = "id, autodialer_id, phone, state, state_at, called_count, real_called_count, "
            + "repeat_count, high_priority, next_attempt_at, name, note, link, params, audios";

    /**
     * Inserts new numbers in state NEW, in list order (which is their calling order), as
     * multi-row INSERTs of {@value #ROWS_PER_INSERT} rows: far fewer statement executions than a
     * JDBC batch of single rows, which matters for 100,000 numbers in one request.
     */
    public void insert(Connection c, long autodialerId, List<NumberData> numbers, boolean highPriority)
            throws SQLException {
        int full = numbers.size() / ROWS_PER_INSERT;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(insertSql(ROWS_PER_INSERT))) {
                for (int chunk = 0; chunk < full; chunk++) {
                    bindRows(ps, autodialerId, numbers.subList(chunk * ROWS_PER_INSERT, (chunk + 1) * ROWS_PER_INSERT),
                            highPriority);
                    ps.executeUpdate();
                }
            }
        }
        List<NumberData> rest = numbers.subList(full * ROWS_PER_INSERT, numbers.size());
        if (!rest.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(insertSql(rest.size()))) {
                bindRows(ps, autodialerId, rest, highPriority);
                ps.executeUpdate();
            }
        }
    }

    private static String insertSql(int rows) {
        return "INSERT INTO autodial_number (autodialer_id, phone, state, high_priority, name, note, link, params, audios) "
                + "VALUES " + "(?, ?, 'NEW', ?, ?, ?, ?, ?, ?), ".repeat(rows - 1) + "(?, ?, 'NEW', ?, ?, ?, ?, ?, ?)";
    }

    private static void bindRows(PreparedStatement ps, long autodialerId, List<NumberData> rows, boolean highPriority)
            throws SQLException {
        int i = 1;
        for (NumberData n : rows) {
            ps.setLong(i++, autodialerId);
            ps.setString(i++, n.phone());
            ps.setBoolean(i++, highPriority);
            setNullable(ps, i++, n.name());
            setNullable(ps, i++, n.note());
            setNullable(ps, i++, n.link());
            setNullable(ps, i++, NumberCodec.params(n.params()));
            setNullable(ps, i++, NumberCodec.audios(n.audios()));
        }
    }

    /**
     * Puts numbers that are already in the autodialer back to NEW (ADD_NUMBERS with
     * {@code refreshDuplicates}), taking the data sent with them.
     */
    public void refresh(Connection c, long autodialerId, List<NumberData> numbers, boolean highPriority)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE autodial_number SET state = 'NEW', state_at = NULL, called_count = 0, repeat_count = 0, "
                        + "next_attempt_at = NULL, high_priority = ?, name = COALESCE(?, name), note = COALESCE(?, note), "
                        + "link = COALESCE(?, link), params = COALESCE(?, params), audios = COALESCE(?, audios) "
                        + "WHERE autodialer_id = ? AND phone = ?")) {
            int pending = 0;
            for (NumberData n : numbers) {
                ps.setBoolean(1, highPriority);
                setNullable(ps, 2, n.name());
                setNullable(ps, 3, n.note());
                setNullable(ps, 4, n.link());
                setNullable(ps, 5, NumberCodec.params(n.params()));
                setNullable(ps, 6, NumberCodec.audios(n.audios()));
                ps.setLong(7, autodialerId);
                ps.setString(8, n.phone());
                ps.addBatch();
                if (++pending == INSERT_BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    /**
     * Which of {@code phones} the autodialer already holds, with their states. Looks them up
     * through the (autodialer, phone) index with {@code IN} lists of {@value #LOOKUP_CHUNK}
     * parameters: H2 does not use an index for {@code = ANY(array)}.
     */
    public Map<String, NumberState> existing(Connection c, long autodialerId, Collection<String> phones)
            throws SQLException {
        Map<String, NumberState> found = new HashMap<>();
        List<String> all = new ArrayList<>(phones);
        int full = all.size() / LOOKUP_CHUNK;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(inList(LOOKUP_CHUNK))) {
                for (int chunk = 0; chunk < full; chunk++) {
                    lookUp(ps, autodialerId, all.subList(chunk * LOOKUP_CHUNK, (chunk + 1) * LOOKUP_CHUNK), found);
                }
            }
        }
        List<String> rest = all.subList(full * LOOKUP_CHUNK, all.size());
        if (!rest.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(inList(rest.size()))) {
                lookUp(ps, autodialerId, rest, found);
            }
        }
        return found;
    }

    private static String inList(int size) {
        return "SELECT phone, state FROM autodial_number WHERE autodialer_id = ? AND phone IN ("
                + "?, ".repeat(size - 1) + "?)";
    }

    private static void lookUp(PreparedStatement ps, long autodialerId, List<String> phones,
                               Map<String, NumberState> found) throws SQLException {
        ps.setLong(1, autodialerId);
        for (int i = 0; i < phones.size(); i++) {
            ps.setString(i + 2, phones.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.put(rs.getString(1), NumberState.valueOf(rs.getString(2)));
            }
        }
    }

    public long count(Connection c, long autodialerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM autodial_number WHERE autodialer_id = ?")) {
            ps.setLong(1, autodialerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Numbers waiting for a repeat call (the seed's {@code repeatCount} statistic). The lower bound
     * stands for {@code IS NOT NULL}: with it H2 reads only the retry index's entries that have a
     * time; with {@code IS NOT NULL} it walked every number of the autodialer (NULLs sort first),
     * which made each GET_LIST cost a scan per autodialer (docs/BENCHMARKS.md, mixed-load).
     */
    public long repeatPending(Connection c, long autodialerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM autodial_number WHERE autodialer_id = ? AND next_attempt_at >= ? "
                        + "AND state <> 'NEW'")) {
            ps.setLong(1, autodialerId);
            ps.setTimestamp(2, Timestamp.from(Instant.EPOCH));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<AutodialNumber> find(Connection c, long autodialerId, String phone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM autodial_number WHERE autodialer_id = ? AND phone = ?")) {
            ps.setLong(1, autodialerId);
            ps.setString(2, phone);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public Optional<AutodialNumber> findById(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM autodial_number WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** A page of numbers in insertion order, optionally only those in {@code states}. */
    public List<AutodialNumber> page(Connection c, long autodialerId, Collection<NumberState> states, int limit,
                                     long offset) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM autodial_number WHERE autodialer_id = ?"
                + (states.isEmpty() ? " ORDER BY autodialer_id, id" // walks the (autodialer_id, id) index, no sort
                : " AND state IN (" + "?, ".repeat(states.size() - 1) + "?) ORDER BY id")
                + " LIMIT ? OFFSET ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, autodialerId);
            for (NumberState state : states) {
                ps.setString(i++, state.name());
            }
            ps.setInt(i++, limit);
            ps.setLong(i, offset);
            List<AutodialNumber> result = new ArrayList<>(Math.min(limit, 5000));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(map(rs));
                }
            }
            return result;
        }
    }

    /** Deletes the given phones; returns how many were deleted per state. */
    public EnumMap<NumberState, Long> deletePhones(Connection c, long autodialerId, Collection<String> phones)
            throws SQLException {
        Map<String, NumberState> found = existing(c, autodialerId, phones);
        EnumMap<NumberState, Long> deleted = new EnumMap<>(NumberState.class);
        if (found.isEmpty()) {
            return deleted;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM autodial_number WHERE autodialer_id = ? AND phone = ?")) {
            for (String phone : found.keySet()) {
                ps.setLong(1, autodialerId);
                ps.setString(2, phone);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        found.values().forEach(state -> deleted.merge(state, 1L, Long::sum));
        return deleted;
    }

    /** Deletes every number in {@code states}; returns how many per state. */
    public EnumMap<NumberState, Long> deleteStates(Connection c, long autodialerId, Collection<NumberState> states)
            throws SQLException {
        EnumMap<NumberState, Long> deleted = new EnumMap<>(NumberState.class);
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM autodial_number WHERE autodialer_id = ? AND state = ?")) {
            for (NumberState state : states) {
                ps.setLong(1, autodialerId);
                ps.setString(2, state.name());
                long n = ps.executeLargeUpdate();
                if (n > 0) {
                    deleted.put(state, n);
                }
            }
        }
        return deleted;
    }

    public long deleteAll(Connection c, long autodialerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM autodial_number WHERE autodialer_id = ?")) {
            ps.setLong(1, autodialerId);
            return ps.executeLargeUpdate();
        }
    }

    /**
     * Puts every number in {@code states} back to NEW for a fresh start (REFRESH): the calls
     * since the last start and pending retries are forgotten, the lifetime count is kept.
     */
    public EnumMap<NumberState, Long> refreshStates(Connection c, long autodialerId, Collection<NumberState> states)
            throws SQLException {
        EnumMap<NumberState, Long> moved = new EnumMap<>(NumberState.class);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE autodial_number SET state = 'NEW', called_count = 0, repeat_count = 0, next_attempt_at = NULL "
                        + "WHERE autodialer_id = ? AND state = ?")) {
            for (NumberState state : states) {
                ps.setLong(1, autodialerId);
                ps.setString(2, state.name());
                long n = ps.executeLargeUpdate();
                if (n > 0) {
                    moved.put(state, n);
                }
            }
        }
        return moved;
    }

    /**
     * Ends an autodialer's remaining work (CANCEL, end date passed): every NEW number takes
     * {@code state} and pending retries are dropped, their numbers keeping their last state.
     * Returns how many NEW numbers were marked.
     */
    public long closeRemaining(Connection c, long autodialerId, NumberState state, Instant now) throws SQLException {
        long marked;
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE autodial_number SET state = ?, state_at = ? WHERE autodialer_id = ? AND state = 'NEW'")) {
            ps.setString(1, state.name());
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setLong(3, autodialerId);
            marked = ps.executeLargeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE autodial_number SET next_attempt_at = NULL WHERE autodialer_id = ? AND next_attempt_at IS NOT NULL")) {
            ps.setLong(1, autodialerId);
            ps.executeUpdate();
        }
        return marked;
    }

    public static AutodialNumber map(ResultSet rs) throws SQLException {
        Timestamp stateAt = rs.getTimestamp("state_at");
        Timestamp next = rs.getTimestamp("next_attempt_at");
        NumberData data = new NumberData(rs.getString("phone"), rs.getString("name"), rs.getString("note"),
                rs.getString("link"), NumberCodec.params(rs.getString("params")),
                NumberCodec.audios(rs.getString("audios")));
        return new AutodialNumber(rs.getLong("id"), rs.getLong("autodialer_id"), data,
                NumberState.valueOf(rs.getString("state")), stateAt == null ? null : stateAt.toInstant(),
                rs.getInt("called_count"), rs.getInt("real_called_count"), rs.getInt("repeat_count"),
                rs.getBoolean("high_priority"), next == null ? null : next.toInstant());
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
