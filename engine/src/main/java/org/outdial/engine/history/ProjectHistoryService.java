package org.outdial.engine.history;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.number.PhoneNumbers;
import org.outdial.engine.storage.Transactor;

/** /history/get: the project's calls (every autodialer's and the single calls), with seed 004's checks and filters. */
public final class ProjectHistoryService {

    /** Seed 004: "The valid limit range is from 1 to 1000". */
    public static final int MAX_LIMIT = 1000;
    public static final String WRONG_FROM = "Wrong FROM date";
    public static final String WRONG_TO = "Wrong TO date";
    public static final String LIMIT_RANGE = "Limit range is 1-" + MAX_LIMIT;
    /** Seed 004's filter values for direction. */
    private static final Set<String> DIRECTIONS = Set.of("IN", "OUT", "INNER");

    /**
     * The request, unchecked: dates as wall-clock times in {@link #zone()} (the facade reads its
     * own format), the seed's optional {@code filter} flattened in.
     */
    public record Request(LocalDateTime dateFrom, LocalDateTime dateTo, Integer limit, Integer offset,
                          String direction, Integer minDuration, List<String> calledFrom, List<String> calledTo,
                          List<String> outerNum, List<String> exactPhone, Boolean newLead, Boolean answered,
                          Boolean lost, Boolean voiceMessage) {
    }

    public record Page(long count, List<ProjectCall> calls) {
    }

    private final Transactor db;
    private final ProjectHistoryRepository history;
    private final ZoneId zone;

    public ProjectHistoryService(Transactor db, ProjectHistoryRepository history, ZoneId zone) {
        this.db = db;
        this.history = history;
        this.zone = zone;
    }

    public Page query(Request r) {
        if (r.dateFrom() == null) {
            throw EngineException.invalid(WRONG_FROM);
        }
        if (r.dateTo() == null) {
            throw EngineException.invalid(WRONG_TO);
        }
        if (r.limit() == null || r.limit() < 1 || r.limit() > MAX_LIMIT) {
            throw EngineException.invalid(LIMIT_RANGE);
        }
        int offset = r.offset() == null ? 0 : r.offset();
        if (offset < 0) {
            throw EngineException.invalid("Offset is less than 0");
        }
        if (r.direction() != null && !DIRECTIONS.contains(r.direction())) {
            throw EngineException.invalid("filter.direction: Wrong direction, acceptable values are IN, OUT, INNER");
        }
        if (r.minDuration() != null && r.minDuration() < 0) {
            throw EngineException.invalid("filter.minDuration: Wrong minDuration, must be 0 or more seconds");
        }
        // Outdial places outgoing calls only, and none of them is a missed call or leaves a voice message.
        boolean none = (r.direction() != null && !r.direction().equals("OUT")) || Boolean.TRUE.equals(r.lost())
                || Boolean.TRUE.equals(r.voiceMessage());
        Instant from = r.dateFrom().atZone(zone).toInstant();
        Instant to = r.dateTo().atZone(zone).toInstant();
        ProjectHistoryQuery q = new ProjectHistoryQuery(from, to, offset, r.limit(), none, r.minDuration(),
                r.calledFrom(), digits(r.calledTo()), r.outerNum(), digits(r.exactPhone()), r.newLead(), r.answered());
        return db.read(c -> new Page(history.count(c, q), history.page(c, q)));
    }

    /** The zone /history/get's dates are read and written in. */
    public ZoneId zone() {
        return zone;
    }

    private static List<String> digits(List<String> raw) {
        return raw == null ? null : raw.stream().map(s -> s == null ? null : PhoneNumbers.digitsOf(s)).toList();
    }
}
