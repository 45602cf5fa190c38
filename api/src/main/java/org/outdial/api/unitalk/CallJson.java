package org.outdial.api.unitalk;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.outdial.engine.history.CallRecord;

/** A call record as GET_CALLS_HISTORY's {@code items} element. */
final class CallJson {

    private CallJson() {
    }

    static Map<String, Object> of(CallRecord r, ZoneId zone) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("phone", r.phone());
        json.put("state", r.state().name());
        json.put("callEndTime", UnitalkFormats.DATE_TIME.format(r.callEndTime().atZone(zone)));
        json.put("operatorNumber", r.operatorNumber());
        json.put("userId", r.userId());
        json.put("calledCount", r.calledCount());
        json.put("realCalledCount", r.realCalledCount());
        json.put("seconds", r.seconds());
        json.put("secondsForClientAnswered", r.secondsForClientAnswered());
        json.put("secondsDialToClient", r.secondsDialToClient());
        json.put("secondsClientWaitOperator", r.secondsClientWaitOperator());
        json.put("secondsOperatorWaitCall", r.secondsOperatorWaitCall());
        json.put("secondsForOperatorAnswered", r.secondsForOperatorAnswered());
        json.put("secondsTalk", r.secondsTalk());
        json.put("rid", r.rid());
        json.put("name", r.name());
        json.put("note", r.note());
        json.put("link", r.link());
        json.put("params", NumberJson.params(r.params()));
        // Billing is out of Outdial's scope: the seed's cost fields are always null.
        json.put("withdrawTotal", null);
        json.put("withdrawByCategories", null);
        json.put("executedTriggerActionIds", null);
        json.put("sendFirstMessageToClientSuccess", null);
        json.put("secretary", null);
        json.put("sipCode", r.sipCode());
        json.put("q850Cause", r.q850Cause());
        json.put("hangupBy", r.hangupBy());
        return json;
    }
}
