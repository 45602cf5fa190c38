package org.outdial.testbed.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One campaign's progress as {@code GET_LIST} reports it.
 *
 * @param status      the task status (WAITING, IN_PROGRESS, FINISHED, ...)
 * @param total       {@code statistics.totalCount}
 * @param done        {@code statistics.doneCount}
 * @param calls       {@code statistics.callsDoneCount}
 * @param states      {@code statistics.statesCount}, largest first
 */
record CampaignSnapshot(String status, long total, long done, long calls, Map<String, Long> states) {

    static CampaignSnapshot of(JsonNode task) {
        JsonNode st = task.path("statistics");
        List<Map.Entry<String, Long>> entries = new ArrayList<>();
        st.path("statesCount").fields().forEachRemaining(e -> entries.add(Map.entry(e.getKey(), e.getValue().asLong())));
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Long> states = new LinkedHashMap<>();
        entries.forEach(e -> states.put(e.getKey(), e.getValue()));
        return new CampaignSnapshot(task.path("status").asText("?"), st.path("totalCount").asLong(),
                st.path("doneCount").asLong(), st.path("callsDoneCount").asLong(), states);
    }

    boolean finished() {
        return status.equals("FINISHED");
    }
}
