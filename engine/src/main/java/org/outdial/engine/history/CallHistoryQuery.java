package org.outdial.engine.history;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.outdial.engine.number.NumberState;

/**
 * A validated GET_CALLS_HISTORY request: period, paging (offset or maxId) and filters; null or
 * empty filters match everything.
 */
public record CallHistoryQuery(long campaignId, Instant from, Instant to, int offset, int limit, Long maxId,
                               Set<NumberState> states, String phonePart, String operatorNumber, String namePart,
                               String notePart, String linkPart, String paramPart, List<String> voiceSecretaryIds,
                               List<String> voiceSecretaryEndNodeTypes, List<String> voiceSecretaryEndReasons) {

    /** Voice robots do not run yet, so no record has voice-secretary data: such a filter matches nothing. */
    public boolean filtersVoiceSecretary() {
        return notEmpty(voiceSecretaryIds) || notEmpty(voiceSecretaryEndNodeTypes) || notEmpty(voiceSecretaryEndReasons);
    }

    private static boolean notEmpty(List<String> values) {
        return values != null && !values.isEmpty();
    }
}
