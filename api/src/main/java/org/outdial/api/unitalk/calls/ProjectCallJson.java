package org.outdial.api.unitalk.calls;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.outdial.engine.history.CallRecord;
import org.outdial.engine.history.ProjectCall;

/**
 * One call as seed 004's /history/get {@code calls} element. The facts are the call record's, the
 * same GET_CALLS_HISTORY shows: {@code id} is its {@code rid} (the seed's "random call id"; for a
 * single call the id originateNew and directCall answered), {@code dbid} its id, {@code state}
 * the Outdial call state. Fields about what Outdial does not do are null or false (docs/API.md,
 * "/history/get").
 */
final class ProjectCallJson {

    private ProjectCallJson() {
    }

    static Map<String, Object> of(ProjectCall call, ZoneId zone) {
        CallRecord r = call.record();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.rid());
        json.put("dbid", r.id());
        // The call's start: its end less its full time (the record keeps the end, as GET_CALLS_HISTORY's callEndTime).
        json.put("date", ProjectHistoryRoutes.DATE_TIME.format(r.callEndTime().minusSeconds(call.secondsFullTime())
                .atZone(zone)));
        json.put("source", call.source().name());
        // Outdial places outgoing calls only.
        json.put("direction", "OUT");
        json.put("from", r.operatorNumber() != null ? r.operatorNumber() : call.trunk());
        json.put("to", List.of(r.phone()));
        json.put("lastGroupName", null);
        json.put("secondsFullTime", call.secondsFullTime());
        json.put("secondsTalk", call.secondsTalk());
        json.put("link", null); // no call recording in this version
        json.put("comment", call.meta());
        json.put("state", r.state().name());
        json.put("cause", r.q850Cause());
        json.put("callback", false);
        // Web analytics labels: Outdial tracks no web visitors.
        for (String label : List.of("utmSource", "utmMedium", "utmCampaign", "utmTerm", "utmContent", "outerNumber",
                "googleId", "facebookClientId", "referer")) {
            json.put(label, null);
        }
        json.put("autodialerId", r.campaignId() == 0 ? null : r.campaignId());
        json.put("trunk", call.trunk());
        json.put("sipCode", r.sipCode());
        json.put("hangupBy", r.hangupBy());
        return json;
    }
}
