package org.outdial.engine.number;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.outdial.engine.storage.Sql;

/**
 * Numbers per state per autodialer ({@code autodialer_state_count}), kept in step with
 * {@code autodial_number} by every write so statistics never scan a million rows.
 */
public final class StateCounts {

    /** Creates the zero rows of a new autodialer, so later changes are plain updates. */
    public void create(Connection c, long campaignId) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (NumberState state : NumberState.values()) {
            rows.add(new Object[] {campaignId, state});
        }
        Sql.batch(c, "INSERT INTO autodialer_state_count (autodialer_id, state, number_count) VALUES (?, ?, 0)", rows);
    }

    /** Adds {@code deltas} (negative to subtract) to the counts. */
    public void adjust(Connection c, long campaignId, Map<NumberState, Long> deltas) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        deltas.forEach((state, delta) -> {
            if (delta != 0) {
                rows.add(new Object[] {delta, campaignId, state});
            }
        });
        if (!rows.isEmpty()) {
            Sql.batch(c, "UPDATE autodialer_state_count SET number_count = number_count + ? "
                    + "WHERE autodialer_id = ? AND state = ?", rows);
        }
    }

    /** Moves one number from {@code from} to {@code to}. */
    public void move(Connection c, long campaignId, NumberState from, NumberState to, long count) throws SQLException {
        if (from == to || count == 0) {
            return;
        }
        Map<NumberState, Long> deltas = new EnumMap<>(NumberState.class);
        deltas.put(from, -count);
        deltas.put(to, count);
        adjust(c, campaignId, deltas);
    }

    public void reset(Connection c, long campaignId) throws SQLException {
        Sql.update(c, "UPDATE autodialer_state_count SET number_count = 0 WHERE autodialer_id = ?", campaignId);
    }

    public EnumMap<NumberState, Long> of(Connection c, long campaignId) throws SQLException {
        EnumMap<NumberState, Long> counts = zero();
        for (Map.Entry<NumberState, Long> row : Sql.list(c, "SELECT state, number_count FROM autodialer_state_count "
                + "WHERE autodialer_id = ?", StateCounts::row, campaignId)) {
            counts.put(row.getKey(), row.getValue());
        }
        return counts;
    }

    /** Every autodialer's counts in one query. */
    public Map<Long, EnumMap<NumberState, Long>> all(Connection c) throws SQLException {
        Map<Long, EnumMap<NumberState, Long>> result = new HashMap<>();
        for (Map.Entry<Long, Map.Entry<NumberState, Long>> row : Sql.list(c,
                "SELECT autodialer_id, state, number_count FROM autodialer_state_count",
                rs -> Map.entry(rs.getLong(1), Map.entry(NumberState.valueOf(rs.getString(2)), rs.getLong(3))))) {
            result.computeIfAbsent(row.getKey(), id -> zero()).put(row.getValue().getKey(), row.getValue().getValue());
        }
        return result;
    }

    private static Map.Entry<NumberState, Long> row(ResultSet rs) throws SQLException {
        return Map.entry(NumberState.valueOf(rs.getString(1)), rs.getLong(2));
    }

    private static EnumMap<NumberState, Long> zero() {
        EnumMap<NumberState, Long> counts = new EnumMap<>(NumberState.class);
        for (NumberState state : NumberState.values()) {
            counts.put(state, 0L);
        }
        return counts;
    }
}
