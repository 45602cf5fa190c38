package org.outdial.engine.number;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.outdial.engine.storage.Sql;

/**
 * Numbers accepted into an autodialer and not yet expanded into {@code autodial_number} rows
 * (table {@code number_batch}): plain JDBC on the caller's connection. {@link NumberExpander}
 * moves them into place; everything that reads or changes an autodialer's numbers waits for it.
 */
public final class NumberBatches {

    /** One stored chunk of accepted numbers. */
    public record Batch(long id, long campaignId, boolean highPriority, List<NumberData> numbers) {
    }

    /** Stores {@code numbers} (in calling order) for later expansion, in the caller's transaction. */
    public void stage(Connection c, long campaignId, List<NumberData> numbers, boolean highPriority)
            throws SQLException {
        if (numbers.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (NumberBatchCodec.Chunk chunk : NumberBatchCodec.encode(numbers)) {
            rows.add(new Object[] {campaignId, highPriority, chunk.count(), chunk.bytes()});
        }
        Sql.batch(c, "INSERT INTO number_batch (autodialer_id, high_priority, number_count, numbers) VALUES (?, ?, ?, ?)",
                rows);
    }

    /** Whether the autodialer has numbers accepted and not yet expanded. */
    public boolean pending(Connection c, long campaignId) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM number_batch WHERE autodialer_id = ? FETCH FIRST 1 ROWS ONLY", campaignId);
    }

    /** The autodialer's oldest chunk, if any. */
    public Optional<Batch> oldest(Connection c, long campaignId) throws SQLException {
        return Sql.one(c, "SELECT id, high_priority, numbers FROM number_batch WHERE autodialer_id = ? ORDER BY id "
                        + "FETCH FIRST 1 ROWS ONLY",
                rs -> new Batch(rs.getLong(1), campaignId, rs.getBoolean(2), NumberBatchCodec.decode(rs.getBytes(3))),
                campaignId);
    }

    public void delete(Connection c, long batchId) throws SQLException {
        Sql.update(c, "DELETE FROM number_batch WHERE id = ?", batchId);
    }

    /** Drops an autodialer's chunks (the autodialer is gone). */
    public long deleteAll(Connection c, long campaignId) throws SQLException {
        return Sql.update(c, "DELETE FROM number_batch WHERE autodialer_id = ?", campaignId);
    }

    /** Autodialers with chunks waiting, oldest first (what a restart has to finish). */
    public List<Long> autodialers(Connection c) throws SQLException {
        return Sql.list(c, "SELECT autodialer_id, MIN(id) AS first FROM number_batch GROUP BY autodialer_id "
                + "ORDER BY first", rs -> rs.getLong(1));
    }
}
