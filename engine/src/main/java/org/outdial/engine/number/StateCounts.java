package org.outdial.engine.number;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Numbers per state per autodialer ({@code autodialer_state_count}), kept in step with
 * {@code autodial_number} by every write so statistics never scan a million rows.
 */
public final class StateCounts {

    /** Creates the zero rows of a new autodialer, so later changes are plain updates. */
    public void create(Connection c, long autodialerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO autodialer_state_count (autodialer_id, state, number_count) VALUES (?, ?, 0)")) {
            for (NumberState state : NumberState.values()) {
                ps.setLong(1, autodialerId);
                ps.setString(2, state.name());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Adds {@code deltas} (negative to subtract) to the counts. */
    public void adjust(Connection c, long autodialerId, Map<NumberState, Long> deltas) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE autodialer_state_count SET number_count = number_count + ? WHERE autodialer_id = ? AND state = ?")) {
            int batched = 0;
            for (Map.Entry<NumberState, Long> delta : deltas.entrySet()) {
                if (delta.getValue() == 0) {
                    continue;
                }
                ps.setLong(1, delta.getValue());
                ps.setLong(2, autodialerId);
                ps.setString(3, delta.getKey().name());
                ps.addBatch();
                batched++;
            }
            if (batched > 0) {
                ps.executeBatch();
            }
        }
    }

    /** Moves one number from {@code from} to {@code to}. */
    public void move(Connection c, long autodialerId, NumberState from, NumberState to, long count) throws SQLException {
        if (from == to || count == 0) {
            return;
        }
        Map<NumberState, Long> deltas = new EnumMap<>(NumberState.class);
        deltas.put(from, -count);
        deltas.put(to, count);
        adjust(c, autodialerId, deltas);
    }

    public void reset(Connection c, long autodialerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE autodialer_state_count SET number_count = 0 WHERE autodialer_id = ?")) {
            ps.setLong(1, autodialerId);
            ps.executeUpdate();
        }
    }

    public EnumMap<NumberState, Long> of(Connection c, long autodialerId) throws SQLException {
        EnumMap<NumberState, Long> counts = zero();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT state, number_count FROM autodialer_state_count WHERE autodialer_id = ?")) {
            ps.setLong(1, autodialerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(NumberState.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /** Every autodialer's counts in one query. */
    public Map<Long, EnumMap<NumberState, Long>> all(Connection c) throws SQLException {
        Map<Long, EnumMap<NumberState, Long>> result = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT autodialer_id, state, number_count FROM autodialer_state_count");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.computeIfAbsent(rs.getLong(1), id -> zero()).put(NumberState.valueOf(rs.getString(2)), rs.getLong(3));
            }
        }
        return result;
    }

    private static EnumMap<NumberState, Long> zero() {
        EnumMap<NumberState, Long> counts = new EnumMap<>(NumberState.class);
        for (NumberState state : NumberState.values()) {
            counts.put(state, 0L);
        }
        return counts;
    }
}
