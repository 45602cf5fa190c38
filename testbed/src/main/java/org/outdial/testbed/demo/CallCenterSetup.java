package org.outdial.testbed.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;

/**
 * The call center as a user sets it up over HTTP (docs/API.md): operator lines through
 * {@code /api/phones/inner/action}, a group of them through {@code /api/groups/action}, an
 * incoming scenario that transfers to the group through {@code /api/scenarios/action}, and an
 * AUTODIAL campaign in FREE mode through {@code /api/autodial/action}.
 *
 * <p>Why AUTODIAL with TRANSFER_TO_GROUP in FREE mode: it is the campaign where all three operator
 * outcomes happen (docs/DIALER.md, "Calls with operators"): ANSWER when an operator takes the
 * callee, ANSW_NF_OP when the callee hangs up while nobody is free (the demo's {@link CoffeeBreak} pauses operators
 * calls were dialed for), ANSW_OP_NA when the operators rung did not
 * take it. GUARANTEED_DIAL, by design, never gives ANSW_NF_OP.
 */
final class CallCenterSetup {

    static final int FIRST_LINE = 1001;
    /** Line passwords are 8..100 characters (docs/API.md); the phones process is told the same prefix. */
    static final String PASSWORD_PREFIX = "demo-pass-";
    /** Seed 004 allows 0.1..1.5: the most calls per ready operator at a cold base's start. */
    static final double COLD_BASE_MULTIPLIER = 1.5;
    /** A short wrap-up, so the progress line shows one: 1 s after a talk of at least 3 s. */
    static final int WRAP_UP_SECONDS = 1;
    static final int WRAP_UP_MIN_TALK_SECONDS = 3;
    static final int PAUSE_AFTER_UNANSWERED = 3;

    private final UniTalkClient api;

    CallCenterSetup(UniTalkClient api) {
        this.api = api;
    }

    /** The operators' line numbers: 1001, 1002, ... */
    static List<String> lines(int operators) {
        List<String> lines = new ArrayList<>(operators);
        for (int i = 0; i < operators; i++) {
            lines.add(Integer.toString(FIRST_LINE + i));
        }
        return lines;
    }

    /** Adds each line with its password, then a group with all of them; the group's id. */
    long operators(List<String> lines) {
        for (String line : lines) {
            ObjectNode body = UniTalkClient.request("ADD");
            body.putObject("phone").put("number", line).put("password", PASSWORD_PREFIX + line)
                    .put("firstName", "Operator").put("lastName", line);
            api.post("phones/inner/action", body);
        }
        ObjectNode group = UniTalkClient.request("ADD");
        group.putObject("group").put("name", "Demo operators").put("type", "INNER_PHONES");
        long groupId = api.post("groups/action", group).path("data").asLong();
        for (String line : lines) {
            api.post("groups/action", UniTalkClient.request("ADD_NUMBER").put("groupId", groupId).put("number", line));
        }
        return groupId;
    }

    /** An incoming scenario TRANSFER_TO_GROUP to {@code groupId}; its id. */
    long transferTo(long groupId) {
        ObjectNode body = UniTalkClient.request("ADD");
        body.putObject("scenario").put("name", "To the demo operators").put("action", "TRANSFER_TO_GROUP")
                .put("groupId", groupId);
        return api.post("scenarios/action", body).path("data").asLong();
    }

    /** The campaign: AUTODIAL in FREE mode, the chime, then the scenario's transfer; its id. */
    long campaign(String name, ZoneId zone, long audioId, long groupId, long scenarioId) {
        LocalDate today = LocalDate.now(zone);
        ObjectNode task = AutodialerTask.autodial(name).dates(today.minusDays(1), today.plusDays(7)).timeZone(zone)
                .audio(audioId).with("delay", 0).json();
        task.remove("threadCount"); // seed 004: FIXED mode only
        task.put("autodialerMode", "FREE").put("groupId", groupId).put("scenarioId", scenarioId)
                .put("coldBaseStartCallsMultiplier", COLD_BASE_MULTIPLIER)
                .put("pauseOperatorNoAnswerLimit", PAUSE_AFTER_UNANSWERED)
                .put("markAsBusySeconds", WRAP_UP_SECONDS).put("markAsBusyMinSecondsTalk", WRAP_UP_MIN_TALK_SECONDS)
                .put("reservedSipsBusyOnlyForAutodials", false);
        ObjectNode body = UniTalkClient.request("ADD");
        body.set("task", task);
        return api.action(body).path("data").asLong();
    }
}
