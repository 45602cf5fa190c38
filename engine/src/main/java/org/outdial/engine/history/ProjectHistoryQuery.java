package org.outdial.engine.history;

import java.time.Instant;
import java.util.List;

/**
 * A validated /history/get request: the period (by the calls' end, as GET_CALLS_HISTORY), the page
 * and the seed's filters, each null or empty when not given. Outdial places outgoing calls only and
 * has no voice mail, so {@code none} is set when a filter can match no call of this version
 * (direction IN or INNER, lost true, voiceMessage true).
 */
public record ProjectHistoryQuery(Instant from, Instant to, int offset, int limit, boolean none,
                                  Integer minDuration, List<String> calledFrom, List<String> calledTo,
                                  List<String> outerNum, List<String> exactPhone, Boolean newLead, Boolean answered) {

    public ProjectHistoryQuery {
        calledFrom = calledFrom == null ? List.of() : List.copyOf(calledFrom);
        calledTo = calledTo == null ? List.of() : List.copyOf(calledTo);
        outerNum = outerNum == null ? List.of() : List.copyOf(outerNum);
        exactPhone = exactPhone == null ? List.of() : List.copyOf(exactPhone);
    }
}
