package org.outdial.engine.history;

import java.time.Instant;
import java.util.SortedMap;
import org.outdial.engine.number.NumberState;

/**
 * One call attempt of an autodialer, as GET_CALLS_HISTORY shows it, plus the SIP final response
 * code, the Q.850 cause and who hung up. Durations are whole seconds and null where they do not
 * apply (a call that never rang has no {@code secondsForClientAnswered}).
 */
public record CallRecord(
        long id,
        long campaignId,
        Long numberId,
        String phone,
        NumberState state,
        Instant callEndTime,
        String operatorNumber,
        Long userId,
        int calledCount,
        int realCalledCount,
        Integer seconds,
        Integer secondsForClientAnswered,
        Integer secondsDialToClient,
        Integer secondsClientWaitOperator,
        Integer secondsOperatorWaitCall,
        Integer secondsForOperatorAnswered,
        Integer secondsTalk,
        long rid,
        String name,
        String note,
        String link,
        SortedMap<Integer, String> params,
        Integer sipCode,
        Integer q850Cause,
        String hangupBy,
        String detail) {
}
