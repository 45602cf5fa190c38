package org.outdial.engine.number;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Numbers accepted into an autodialer and not yet expanded into {@code autodial_number} rows
 * (table {@code number_batch}): plain JDBC on the caller's connection. {@link NumberExpander}
 * moves them into place; everything that reads or changes an autodialer's numbers waits for it.
 */
public final class NumberBatches {

    /** One stored chunk of accepted numbers. */
    public record Batch(long id, long autodialerId, boolean highPriority, List<NumberData> numbers) {
    }

    /** Stores {@code numbers} (in calling order) for later expansion, in the caller's transaction. */
    public void stage(Connection c, long autodialerId, List<NumberData> numbers, boolean highPriority)
            throws SQLException {
        if (numbers.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO number_batch (autodialer_id, high_priority, number_count, numbers) VALUES (?, ?, ?, ?)")) {
            for (NumberBatchCodec.Chunk chunk : NumberBatchCodec.encode(numbers)) {
                ps.setLong(1, autodialerId);
                ps.setBoolean(2, highPriority);
                ps.setInt(3, chunk.count());
                ps.setBytes(4, chunk.bytes());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Whether the autodialer has numbers accepted and not yet expanded. */
    public boolean pending(Connection c, long autodialerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM number_batch WHERE autodialer_id = ? FETCH FIRST 1 ROWS ONLY")) {
            ps.setLong(1, autodialerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The autodialer's oldest chunk, if any. */
    public Optional<Batch> oldest(Connection c, long autodialerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, high_priority, numbers FROM number_batch "
                + "WHERE autodialer_id = ? ORDER BY id FETCH FIRST 1 ROWS ONLY")) {
            ps.setLong(1, autodialerId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Batch(rs.getLong(1), autodialerId, rs.getBoolean(2),
                        NumberBatchCodec.decode(rs.getBytes(3))));
            }
        }
    }

    public void delete(Connection c, long batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM number_batch WHERE id = ?")) {
            ps.setLong(1, batchId);
            ps.executeUpdate();
        }
    }

    /** Drops an autodialer's chunks (the autodialer is gone). */
    public long deleteAll(Connection c, long autodialerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM number_batch WHERE autodialer_id = ?")) {
            ps.setLong(1, autodialerId);
            return ps.executeLargeUpdate();
        }
    }

    /** Autodialers with chunks waiting, oldest first (what a restart has to finish). */
    public List<Long> autodialers(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT autodialer_id, MIN(id) AS first FROM number_batch GROUP BY autodialer_id ORDER BY first");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
