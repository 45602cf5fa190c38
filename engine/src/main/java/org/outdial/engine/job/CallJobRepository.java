package org.outdial.engine.job;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.storage.Sql;

/**
 * The statements of call jobs on {@code autodial_number} (V16: {@code job_seq}, {@code shared_phone},
 * {@code added_by}, {@code payload}, {@code job_canceled_at}). Writes run under the autodialer's lock.
 */
final class CallJobRepository {

    /** {@code added_by} of the rows {@link CallJobs#add} queues. */
    static final String QUEUED_BY_JOBS = "JOBS";

    private static final String COLUMNS = "id, autodialer_id, phone, state, state_at, called_count, next_attempt_at, "
            + "added_by, job_canceled_at, payload";

    /** A job row without its calls. */
    record Row(long id, long campaignId, String phone, NumberState state, Instant stateAt, int calledCount,
               Instant nextAttemptAt, boolean queuedByJobs, Instant canceledAt, String payload) {
    }

    /** The highest {@code job_seq} of the phone in the autodialer, or empty when it holds none. */
    OptionalInt lastSeq(Connection c, long campaignId, String phone) throws SQLException {
        return Sql.one(c, "SELECT MAX(job_seq) FROM autodial_number WHERE autodialer_id = ? AND phone = ?",
                rs -> {
                    int seq = rs.getInt(1);
                    return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(seq);
                }, campaignId, phone).orElse(OptionalInt.empty());
    }

    /** Marks every row of the phone as one of several jobs, which the claim then guards. */
    void markShared(Connection c, long campaignId, String phone) throws SQLException {
        Sql.update(c, "UPDATE autodial_number SET shared_phone = TRUE WHERE autodialer_id = ? AND phone = ? "
                + "AND shared_phone = FALSE", campaignId, phone);
    }

    long insert(Connection c, long campaignId, String phone, NumberState state, Instant stateAt, int seq,
                boolean shared, CallJobDraft draft) throws SQLException {
        return Sql.insert(c, "INSERT INTO autodial_number (autodialer_id, phone, state, state_at, high_priority, "
                        + "next_attempt_at, job_seq, shared_phone, added_by, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                campaignId, phone, state, stateAt, draft.ahead(), draft.notBefore(), seq, shared, QUEUED_BY_JOBS,
                draft.payload());
    }

    /** The autodialer's rows with the given ids or phones, by id. */
    List<Row> find(Connection c, long campaignId, Collection<Long> ids, Collection<String> phones)
            throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add(campaignId);
        StringBuilder where = new StringBuilder(" WHERE autodialer_id = ? AND (");
        if (!ids.isEmpty()) {
            where.append("id IN (").append("?, ".repeat(ids.size() - 1)).append("?)");
            params.addAll(ids);
        }
        if (!phones.isEmpty()) {
            where.append(ids.isEmpty() ? "" : " OR ").append("phone IN (")
                    .append("?, ".repeat(phones.size() - 1)).append("?)");
            params.addAll(phones);
        }
        where.append(")");
        return Sql.list(c, "SELECT " + COLUMNS + " FROM autodial_number" + where + " ORDER BY id",
                CallJobRepository::map, params.toArray());
    }

    /** Cancels one job that is waiting for a call (NEW, or a retry pending); false when it was not waiting. */
    boolean cancel(Connection c, Row job, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE autodial_number SET state = 'CANCEL', state_at = ?, next_attempt_at = NULL, "
                        + "job_canceled_at = ? WHERE id = ? AND state = ? AND state <> 'DIALING'",
                now, now, job.id(), job.state()) == 1;
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("autodialer_id"), rs.getString("phone"),
                NumberState.valueOf(rs.getString("state")), instant(rs.getTimestamp("state_at")),
                rs.getInt("called_count"), instant(rs.getTimestamp("next_attempt_at")),
                QUEUED_BY_JOBS.equals(rs.getString("added_by")), instant(rs.getTimestamp("job_canceled_at")),
                rs.getString("payload"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
