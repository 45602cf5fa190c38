package org.outdial.engine.dialer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.function.Function;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.NumberRepository;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.number.StateCounts;

/**
 * The claim: picks the next numbers to call and marks them DIALING in the caller's transaction,
 * which has locked the autodialer's row, so two pacers (or two nodes) never dial one number.
 *
 * <p>Order (DESIGN.md "Pick"): the priority queue first (high-priority NEW numbers and due
 * retries placed there), then due retries, then NEW numbers in insertion order. Retries are
 * taken only when {@code retriesAllowed} (the seed's {@code earlyStart}).
 */
public final class NumberClaims {

    /** What to do with a candidate before it is claimed. */
    public sealed interface Verdict {
        /** Call it now. */
        record Call() implements Verdict {
        }

        /** Do not call it before {@code notBefore} (the callee's local time is outside the window). */
        record Defer(Instant notBefore) implements Verdict {
        }

        /** Never call it: it is on BLOCKED_PHONES. */
        record Block() implements Verdict {
        }
    }

    /** What a claim did. */
    public record Claimed(List<AutodialNumber> toCall, List<AutodialNumber> blocked, int deferred) {
    }

    private static final String SELECT = "SELECT " + NumberRepository.COLUMNS + " FROM autodial_number ";
    private static final Verdict CALL = new Verdict.Call();

    private final StateCounts counts;

    public NumberClaims(StateCounts counts) {
        this.counts = counts;
    }

    public static Verdict call() {
        return CALL;
    }

    public Claimed claim(Connection c, long autodialerId, int wanted, Instant now, boolean retriesAllowed,
                         Function<AutodialNumber, Verdict> screen) throws SQLException {
        List<AutodialNumber> toCall = new ArrayList<>(wanted);
        List<AutodialNumber> blocked = new ArrayList<>();
        int deferred = 0;
        // Candidates are read in a few pages so that deferred or blocked ones do not starve the claim.
        int guard = 0;
        while (toCall.size() < wanted && guard++ < 4) {
            List<AutodialNumber> candidates = candidates(c, autodialerId, (wanted - toCall.size()) * 2, now, retriesAllowed);
            if (candidates.isEmpty()) {
                break;
            }
            List<AutodialNumber> call = new ArrayList<>();
            List<AutodialNumber> block = new ArrayList<>();
            for (AutodialNumber n : candidates) {
                if (toCall.size() + call.size() == wanted) {
                    break;
                }
                switch (screen.apply(n)) {
                    case Verdict.Call ignored -> call.add(n);
                    case Verdict.Block ignored -> block.add(n);
                    case Verdict.Defer defer -> {
                        defer(c, n, defer.notBefore());
                        deferred++;
                    }
                }
            }
            mark(c, call, NumberState.DIALING, now);
            mark(c, block, NumberState.BLOCKED, now);
            toCall.addAll(call);
            blocked.addAll(block);
        }
        EnumMap<NumberState, Long> deltas = new EnumMap<>(NumberState.class);
        for (AutodialNumber n : toCall) {
            deltas.merge(n.state(), -1L, Long::sum);
            deltas.merge(NumberState.DIALING, 1L, Long::sum);
        }
        for (AutodialNumber n : blocked) {
            deltas.merge(n.state(), -1L, Long::sum);
            deltas.merge(NumberState.BLOCKED, 1L, Long::sum);
        }
        counts.adjust(c, autodialerId, deltas);
        return new Claimed(toCall, blocked, deferred);
    }

    /** The next candidates in claim order, at most {@code limit}. */
    private List<AutodialNumber> candidates(Connection c, long autodialerId, int limit, Instant now,
                                            boolean retriesAllowed) throws SQLException {
        List<AutodialNumber> priorityNew = newNumbers(c, autodialerId, true, limit, now);
        List<AutodialNumber> retries = retriesAllowed ? dueRetries(c, autodialerId, limit, now) : List.of();
        List<AutodialNumber> result = new ArrayList<>(limit);
        result.addAll(priorityNew);
        retries.stream().filter(AutodialNumber::highPriority).forEach(result::add);
        retries.stream().filter(n -> !n.highPriority()).forEach(result::add);
        if (result.size() < limit) {
            result.addAll(newNumbers(c, autodialerId, false, limit - result.size(), now));
        }
        return result.size() > limit ? result.subList(0, limit) : result;
    }

    private static List<AutodialNumber> newNumbers(Connection c, long autodialerId, boolean highPriority, int limit,
                                                   Instant now) throws SQLException {
        // A NEW number with next_attempt_at set was deferred by the callee-local-time rule. The ORDER BY
        // names the claim index's leading columns, fixed by the WHERE, so that H2 walks the index in order
        // and stops after `limit` rows; with "ORDER BY id" alone it sorted every NEW number of the autodialer.
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE autodialer_id = ? AND state = 'NEW' "
                + "AND high_priority = ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
                + "ORDER BY autodialer_id, state, high_priority, id LIMIT ?")) {
            ps.setLong(1, autodialerId);
            ps.setBoolean(2, highPriority);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setInt(4, limit);
            return read(ps);
        }
    }

    private static List<AutodialNumber> dueRetries(Connection c, long autodialerId, int limit, Instant now)
            throws SQLException {
        // The lower bound keeps H2 from walking the index through every number without a retry time
        // (NULLs sort first), which was the whole autodialer on each claim; see docs/BENCHMARKS.md.
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE autodialer_id = ? AND next_attempt_at >= ? "
                + "AND next_attempt_at <= ? AND state <> 'NEW' AND state <> 'DIALING' "
                + "ORDER BY autodialer_id, next_attempt_at, id LIMIT ?")) {
            ps.setLong(1, autodialerId);
            ps.setTimestamp(2, Timestamp.from(Instant.EPOCH));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setInt(4, limit);
            return read(ps);
        }
    }

    private static List<AutodialNumber> read(PreparedStatement ps) throws SQLException {
        List<AutodialNumber> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(NumberRepository.map(rs));
            }
        }
        return result;
    }

    /**
     * Moves the numbers on in one statement. Every writer of an autodialer's numbers holds the
     * autodialer's row lock, as the claim does, so numbers read under it are still as they were
     * read; a count that does not match means that rule was broken, and the claim rolls back.
     */
    private static void mark(Connection c, List<AutodialNumber> numbers, NumberState to, Instant now)
            throws SQLException {
        if (numbers.isEmpty()) {
            return;
        }
        // DIALING keeps the number's last stateDateTime (the end of its last call); BLOCKED is dated now.
        String stateAt = to == NumberState.DIALING ? "" : ", state_at = ?";
        try (PreparedStatement ps = c.prepareStatement("UPDATE autodial_number SET state = ?, next_attempt_at = NULL"
                + stateAt + " WHERE id IN (" + "?, ".repeat(numbers.size() - 1) + "?)")) {
            int i = 1;
            ps.setString(i++, to.name());
            if (to != NumberState.DIALING) {
                ps.setTimestamp(i++, Timestamp.from(now));
            }
            for (AutodialNumber n : numbers) {
                ps.setLong(i++, n.id());
            }
            int updated = ps.executeUpdate();
            if (updated != numbers.size()) {
                throw new IllegalStateException("claimed " + numbers.size() + " numbers but moved " + updated
                        + ": a writer changed numbers without the autodialer's row lock");
            }
        }
    }

    private static void defer(Connection c, AutodialNumber n, Instant notBefore) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE autodial_number SET next_attempt_at = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(notBefore));
            ps.setLong(2, n.id());
            ps.executeUpdate();
        }
    }

}
