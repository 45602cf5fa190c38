package org.outdial.testbed.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.outdial.testbed.unitalk.UniTalkClient;

/**
 * A few operators take a break in the middle of the demo, as a supervisor sets it with
 * {@code POST /api/phones/inner/setStatus} PAUS and later WORK (docs/API.md). Calls already
 * dialed for them (FREE dials for the operators ready when it dials) may then find nobody free:
 * that is how a FREE campaign ends some answered calls as ANSW_NF_OP, and the progress line shows
 * the paused operators.
 */
final class CoffeeBreak {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UniTalkClient api;
    private final List<String> lines;
    private final Duration from;
    private final Duration to;
    private boolean started;
    private boolean ended;

    /** {@code lines} pause at {@code from} after dialing starts and go back to work at {@code to}. */
    CoffeeBreak(UniTalkClient api, List<String> lines, Duration from, Duration to) {
        this.api = api;
        this.lines = List.copyOf(lines);
        this.from = from;
        this.to = to;
    }

    /** Called at each refresh with the time since dialing started. */
    void at(Duration elapsed) {
        if (!started && elapsed.compareTo(from) >= 0) {
            started = true;
            lines.forEach(line -> setStatus(line, "PAUS"));
        }
        if (started && !ended && elapsed.compareTo(to) >= 0) {
            ended = true;
            lines.forEach(line -> setStatus(line, "WORK"));
        }
    }

    /** Ends the break now if it is on (the campaign ended first). */
    void end() {
        if (started && !ended) {
            ended = true;
            lines.forEach(line -> setStatus(line, "WORK"));
        }
    }

    private void setStatus(String line, String status) {
        api.post("phones/inner/setStatus", JSON.createObjectNode().put("number", line).put("status", status));
    }
}
