package org.outdial.engine.number;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.outdial.engine.storage.Sql;

/**
 * Numbers of autodialers ({@code autodial_number}): the one class that writes the table, on the
 * connection of the caller's transaction.
 *
 * <p><b>The invariant: every change to an autodialer's numbers is made by a transaction that
 * holds the autodialer's row lock</b> ({@code CampaignRepository.lock}, or the recorder's
 * {@code addCallsDone}, taken first, before any number), so numbers read under the lock are still
 * as they were read until the commit. Every method below that changes rows says "under the lock"
 * and takes the autodialer's id from a caller that holds it: the claim, the deferral and the
 * blocking of candidates (the dialer), recording an attempt and resolving a DIALING number left by
 * a crash (the recorder), refreshing duplicates (ADD_NUMBERS), REFRESH, CANCEL and an end date
 * passing, and REMOVE_NUMBERS / REMOVE_ALL_NUMBERS / remove-after-finish. Each statement that moves
 * numbers it read names the state it read them in ({@code WHERE ... AND state = ?}); when it
 * matches fewer rows than it read, the invariant was broken: it throws
 * {@link IllegalStateException} and the transaction rolls back rather than write over a change it
 * did not see. The one writer without the lock is {@link #insertAccepted}, which adds the rows of
 * a chunk still in {@code number_batch}: every other writer waits under the lock until the
 * autodialer has no chunk left ({@link NumberExpander#awaitExpanded}), and the claim skips it, so
 * no one acts on those rows before they are all in.
 */
public final class NumberRepository {

    /** Phones per look-up statement. */
    private static final int LOOKUP_CHUNK = 500;
    /** Rows per multi-row INSERT: 8 parameters each, well under any driver's parameter limit. */
    private static final int ROWS_PER_INSERT = 500;

    public static final String COLUMNS = "id, autodialer_id, phone, state, state_at, called_count, real_called_count, "
            + "repeat_count, high_priority, next_attempt_at, name, note, link, params, audios";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM autodial_number ";
    /**
     * The claim's guard for a phone queued more than once (V16 {@code shared_phone}): one of its
     * jobs is not a candidate while another is being dialed, so a callee never gets two calls at
     * once. Rows of a phone queued once skip the subquery.
     */
    private static final String NO_SIBLING_DIALING = "AND (shared_phone = FALSE OR NOT EXISTS (SELECT 1 "
            + "FROM autodial_number d WHERE d.phone = autodial_number.phone "
            + "AND d.autodialer_id = autodial_number.autodialer_id AND d.state = 'DIALING')) ";

    // ---------------------------------------------------------------- reads

    /**
     * Which of {@code phones} the autodialer already holds, with the state of each one's latest
     * call job (the highest {@code job_seq}: a phone JAICP's addPhones queued again has several
     * rows; UniTalk's actions see the latest). Looks them up
     * through the (autodialer, phone) index with {@code IN} lists of {@value #LOOKUP_CHUNK}
     * parameters: H2 does not use an index for {@code = ANY(array)}.
     */
    public Map<String, NumberState> existing(Connection c, long campaignId, Collection<String> phones)
            throws SQLException {
        Map<String, NumberState> found = new HashMap<>();
        List<String> all = new ArrayList<>(phones);
        for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK));
            List<Object> params = new ArrayList<>(chunk.size() + 1);
            params.add(campaignId);
            params.addAll(chunk);
            for (Map.Entry<String, NumberState> row : Sql.list(c, "SELECT phone, state FROM autodial_number "
                            + "WHERE autodialer_id = ? AND phone IN (" + "?, ".repeat(chunk.size() - 1) + "?) ORDER BY job_seq",
                    rs -> Map.entry(rs.getString(1), NumberState.valueOf(rs.getString(2))), params.toArray())) {
                found.put(row.getKey(), row.getValue());
            }
        }
        return found;
    }

    public long count(Connection c, long campaignId) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM autodial_number WHERE autodialer_id = ?", campaignId);
    }

    /**
     * Numbers waiting for a repeat call (the seed's {@code repeatCount} statistic). The lower bound
     * stands for {@code IS NOT NULL}: with it H2 reads only the retry index's entries that have a
     * time; with {@code IS NOT NULL} it walked every number of the autodialer (NULLs sort first),
     * which made each GET_LIST cost a scan per autodialer (docs/BENCHMARKS.md, mixed-load).
     */
    public long repeatPending(Connection c, long campaignId) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM autodial_number WHERE autodialer_id = ? AND next_attempt_at >= ? "
                + "AND state <> 'NEW'", campaignId, Instant.EPOCH);
    }

    public Optional<AutodialNumber> find(Connection c, long campaignId, String phone) throws SQLException {
        // The latest call job of the phone (GET_NUMBER shows one number).
        return Sql.one(c, SELECT + "WHERE autodialer_id = ? AND phone = ? ORDER BY job_seq DESC LIMIT 1",
                NumberRepository::map, campaignId, phone);
    }

    public Optional<AutodialNumber> findById(Connection c, long id) throws SQLException {
        return Sql.one(c, SELECT + "WHERE id = ?", NumberRepository::map, id);
    }

    /** A page of numbers in insertion order, optionally only those in {@code states}. */
    public List<AutodialNumber> page(Connection c, long campaignId, Collection<NumberState> states, int limit,
                                     long offset) throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add(campaignId);
        params.addAll(states);
        params.add(limit);
        params.add(offset);
        return Sql.list(c, SELECT + "WHERE autodialer_id = ?"
                + (states.isEmpty() ? " ORDER BY autodialer_id, id" // walks the (autodialer_id, id) index, no sort
                : " AND state IN (" + "?, ".repeat(states.size() - 1) + "?) ORDER BY id")
                + " LIMIT ? OFFSET ?", NumberRepository::map, params.toArray());
    }

    /**
     * NEW numbers in claim order (DESIGN.md "Pick"), at most {@code limit}. A NEW number with
     * {@code next_attempt_at} set was deferred by the callee-local-time rule. The ORDER BY names
     * the claim index's leading columns, fixed by the WHERE, so that H2 walks the index in order
     * and stops after {@code limit} rows; with "ORDER BY id" alone it sorted every NEW number.
     */
    public List<AutodialNumber> claimableNew(Connection c, long campaignId, boolean highPriority, int limit,
                                             Instant now) throws SQLException {
        return Sql.list(c, SELECT + "WHERE autodialer_id = ? AND state = 'NEW' AND high_priority = ? "
                        + "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) " + NO_SIBLING_DIALING
                        + "ORDER BY autodialer_id, state, high_priority, id LIMIT ?",
                NumberRepository::map, campaignId, highPriority, now, limit);
    }

    /**
     * Retries due by {@code now}, earliest first, at most {@code limit}. The lower bound keeps H2
     * from walking the index through every number without a retry time (NULLs sort first), which
     * was the whole autodialer on each claim; see docs/BENCHMARKS.md.
     */
    public List<AutodialNumber> dueRetries(Connection c, long campaignId, int limit, Instant now) throws SQLException {
        return Sql.list(c, SELECT + "WHERE autodialer_id = ? AND next_attempt_at >= ? AND next_attempt_at <= ? "
                        + "AND state <> 'NEW' AND state <> 'DIALING' " + NO_SIBLING_DIALING
                        + "ORDER BY autodialer_id, next_attempt_at, id LIMIT ?",
                NumberRepository::map, campaignId, Instant.EPOCH, now, limit);
    }

    /** Every number DIALING in any autodialer, for crash recovery at start. */
    public List<AutodialNumber> dialing(Connection c) throws SQLException {
        return Sql.list(c, SELECT + "WHERE state = 'DIALING' ORDER BY autodialer_id, id", NumberRepository::map);
    }

    /** Under the lock: whether the number is still DIALING, and locks its row till the end of the transaction. */
    public boolean lockIfDialing(Connection c, long numberId) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM autodial_number WHERE id = ? AND state = 'DIALING' FOR UPDATE", numberId);
    }

    // ---------------------------------------------------------------- writes

    /**
     * Inserts the rows of an accepted chunk in state NEW, in list order (their calling order), as
     * multi-row INSERTs of {@value #ROWS_PER_INSERT}: far fewer statement executions than a JDBC
     * batch of single rows, which matters for 100,000 numbers. The one write without the lock:
     * {@link NumberExpander} only, see the class comment.
     */
    public void insertAccepted(Connection c, long campaignId, List<NumberData> numbers, boolean highPriority)
            throws SQLException {
        for (int from = 0; from < numbers.size(); from += ROWS_PER_INSERT) {
            List<NumberData> rows = numbers.subList(from, Math.min(numbers.size(), from + ROWS_PER_INSERT));
            List<Object> params = new ArrayList<>(rows.size() * 8);
            for (NumberData n : rows) {
                params.addAll(Arrays.asList(campaignId, n.phone(), highPriority, n.name(), n.note(), n.link(),
                        NumberCodec.params(n.params()), NumberCodec.audios(n.audios())));
            }
            Sql.update(c, "INSERT INTO autodial_number (autodialer_id, phone, state, high_priority, name, note, link, "
                    + "params, audios) VALUES " + "(?, ?, 'NEW', ?, ?, ?, ?, ?, ?), ".repeat(rows.size() - 1)
                    + "(?, ?, 'NEW', ?, ?, ?, ?, ?, ?)", params.toArray());
        }
    }

    /**
     * Under the lock: puts numbers that are already in the autodialer, in the states
     * {@code existing} read, back to NEW (ADD_NUMBERS with {@code refreshDuplicates}), taking the
     * data sent with them.
     */
    public void refresh(Connection c, long campaignId, List<NumberData> numbers, Map<String, NumberState> existing,
                        boolean highPriority) throws SQLException {
        List<Object[]> rows = new ArrayList<>(numbers.size());
        for (NumberData n : numbers) {
            rows.add(new Object[] {highPriority, n.name(), n.note(), n.link(), NumberCodec.params(n.params()),
                    NumberCodec.audios(n.audios()), campaignId, n.phone(), existing.get(n.phone()), campaignId,
                    n.phone()});
        }
        int[] changed = Sql.batch(c, "UPDATE autodial_number SET state = 'NEW', state_at = NULL, called_count = 0, "
                + "repeat_count = 0, next_attempt_at = NULL, high_priority = ?, name = COALESCE(?, name), "
                + "note = COALESCE(?, note), link = COALESCE(?, link), params = COALESCE(?, params), "
                + "audios = COALESCE(?, audios) WHERE autodialer_id = ? AND phone = ? AND state = ? "
                // the latest job of the phone, the one existing() read
                + "AND job_seq = (SELECT MAX(m.job_seq) FROM autodial_number m WHERE m.autodialer_id = ? "
                + "AND m.phone = ?)", rows);
        expectEach(changed, "refresh");
    }

    /**
     * Under the lock: the claim moves candidates it read to {@code to} (DIALING, or BLOCKED dated
     * {@code now}) and drops their retry time. DIALING keeps the number's last stateDateTime (the
     * end of its last call).
     */
    public void claim(Connection c, List<AutodialNumber> numbers, NumberState to, Instant now) throws SQLException {
        Map<NumberState, List<Long>> byState = new LinkedHashMap<>();
        numbers.forEach(n -> byState.computeIfAbsent(n.state(), s -> new ArrayList<>()).add(n.id()));
        for (Map.Entry<NumberState, List<Long>> read : byState.entrySet()) {
            List<Object> params = new ArrayList<>();
            params.add(to);
            if (to != NumberState.DIALING) {
                params.add(now);
            }
            params.add(read.getKey());
            params.addAll(read.getValue());
            int moved = Sql.update(c, "UPDATE autodial_number SET state = ?, next_attempt_at = NULL"
                    + (to == NumberState.DIALING ? "" : ", state_at = ?") + " WHERE state = ? AND id IN ("
                    + "?, ".repeat(read.getValue().size() - 1) + "?)", params.toArray());
            expect(read.getValue().size(), moved, "claimed " + read.getKey() + " numbers as " + to);
        }
    }

    /** Under the lock: the claim leaves a candidate for now, not to be called before {@code notBefore}. */
    public void defer(Connection c, AutodialNumber n, Instant notBefore) throws SQLException {
        expect(1, Sql.update(c, "UPDATE autodial_number SET next_attempt_at = ? WHERE id = ? AND state = ?",
                notBefore, n.id(), n.state()), "deferred number " + n.id());
    }

    /** What one attempt does to its number. */
    public record Attempt(NumberState state, Instant endedAt, Instant nextAttemptAt, boolean highPriority) {
    }

    /**
     * Under the lock: records an attempt on a DIALING number: its outcome state, the counters, and
     * the retry time (and the priority queue) when a retry rule matched. False when the number was
     * removed while it was being dialed (REMOVE_NUMBERS removes DIALING numbers too).
     *
     * @throws IllegalStateException when the number is there but no longer DIALING
     */
    public boolean recordAttempt(Connection c, long numberId, Attempt attempt) throws SQLException {
        boolean retrying = attempt.nextAttemptAt() != null;
        int updated = Sql.update(c, "UPDATE autodial_number SET state = ?, state_at = ?, "
                        + "called_count = called_count + 1, real_called_count = real_called_count + 1, "
                        + "repeat_count = repeat_count + ?, next_attempt_at = ?, high_priority = high_priority OR ? "
                        + "WHERE id = ? AND state = 'DIALING'", attempt.state(), attempt.endedAt(), retrying ? 1 : 0,
                attempt.nextAttemptAt(), retrying && attempt.highPriority(), numberId);
        return updated == 1 || removedWhileDialing(c, numberId, "at the end of its call");
    }

    /**
     * Under the lock: puts a DIALING number back as it was claimed ({@code claimed}'s state and next
     * attempt), its counters unchanged: an attempt the trunk never answered uses up nothing
     * (docs/DIALER.md, "Trunk health"). False when the number was removed while it was dialed.
     *
     * @throws IllegalStateException when the number is there but no longer DIALING
     */
    public boolean returnToQueue(Connection c, AutodialNumber claimed) throws SQLException {
        int updated = Sql.update(c, "UPDATE autodial_number SET state = ?, next_attempt_at = ? "
                + "WHERE id = ? AND state = 'DIALING'", claimed.state(), claimed.nextAttemptAt(), claimed.id());
        return updated == 1 || removedWhileDialing(c, claimed.id(), "when put back in the queue");
    }

    /** After a DIALING guard matched nothing: false when the number is gone, else the broken invariant. */
    private static boolean removedWhileDialing(Connection c, long numberId, String when) throws SQLException {
        Optional<String> state = Sql.one(c, "SELECT state FROM autodial_number WHERE id = ?", rs -> rs.getString(1),
                numberId);
        if (state.isPresent()) {
            throw new IllegalStateException("number " + numberId + " is " + state.get() + ", not DIALING, " + when
                    + ": a writer changed it without the autodialer's row lock");
        }
        return false;
    }

    /**
     * Under the lock: puts every number in {@code states} back to NEW for a fresh start (REFRESH):
     * the calls since the last start and pending retries are forgotten, the lifetime count is kept.
     */
    public EnumMap<NumberState, Long> refreshStates(Connection c, long campaignId, Collection<NumberState> states)
            throws SQLException {
        EnumMap<NumberState, Long> moved = new EnumMap<>(NumberState.class);
        for (NumberState state : states) {
            long n = Sql.update(c, "UPDATE autodial_number SET state = 'NEW', called_count = 0, repeat_count = 0, "
                    + "next_attempt_at = NULL WHERE autodialer_id = ? AND state = ?", campaignId, state);
            if (n > 0) {
                moved.put(state, n);
            }
        }
        return moved;
    }

    /**
     * Under the lock: ends an autodialer's remaining work (CANCEL, end date passed): every NEW
     * number takes {@code state} and pending retries are dropped, their numbers keeping their last
     * state. Returns how many NEW numbers were marked.
     */
    public long closeRemaining(Connection c, long campaignId, NumberState state, Instant now) throws SQLException {
        long marked = Sql.update(c, "UPDATE autodial_number SET state = ?, state_at = ? WHERE autodialer_id = ? "
                + "AND state = 'NEW'", state, now, campaignId);
        Sql.update(c, "UPDATE autodial_number SET next_attempt_at = NULL WHERE autodialer_id = ? "
                + "AND next_attempt_at IS NOT NULL", campaignId);
        return marked;
    }

    /**
     * Under the lock: deletes the given phones, every call job of each; returns how many rows were
     * deleted per state.
     */
    public EnumMap<NumberState, Long> deletePhones(Connection c, long campaignId, Collection<String> phones)
            throws SQLException {
        EnumMap<NumberState, Long> deleted = new EnumMap<>(NumberState.class);
        List<String> all = new ArrayList<>(phones);
        for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK));
            List<Object> params = new ArrayList<>(chunk.size() + 1);
            params.add(campaignId);
            params.addAll(chunk);
            String in = " WHERE autodialer_id = ? AND phone IN (" + "?, ".repeat(chunk.size() - 1) + "?)";
            for (NumberState state : Sql.list(c, "SELECT state FROM autodial_number" + in,
                    rs -> NumberState.valueOf(rs.getString(1)), params.toArray())) {
                deleted.merge(state, 1L, Long::sum);
            }
            Sql.update(c, "DELETE FROM autodial_number" + in, params.toArray());
        }
        return deleted;
    }

    /** Under the lock: deletes every number in {@code states}; returns how many per state. */
    public EnumMap<NumberState, Long> deleteStates(Connection c, long campaignId, Collection<NumberState> states)
            throws SQLException {
        EnumMap<NumberState, Long> deleted = new EnumMap<>(NumberState.class);
        for (NumberState state : states) {
            long n = Sql.update(c, "DELETE FROM autodial_number WHERE autodialer_id = ? AND state = ?", campaignId,
                    state);
            if (n > 0) {
                deleted.put(state, n);
            }
        }
        return deleted;
    }

    /** Under the lock: deletes every number of the autodialer. */
    public long deleteAll(Connection c, long campaignId) throws SQLException {
        return Sql.update(c, "DELETE FROM autodial_number WHERE autodialer_id = ?", campaignId);
    }

    private static void expect(int read, int changed, String what) {
        if (changed != read) {
            throw new IllegalStateException(what + ": read " + read + " under the lock but changed " + changed
                    + ": a writer changed numbers without the autodialer's row lock");
        }
    }

    private static void expectEach(int[] changed, String what) {
        for (int n : changed) {
            expect(1, n, what);
        }
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
}
