package org.outdial.testbed.demo;

import java.time.Duration;
import java.util.Locale;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.operator.OperatorState;
import org.outdial.testbed.carrier.CalleeMix;

/** The demo's terminal output: the live progress line and the final table. Pure formatting. */
final class ProgressView {

    private static final int BAR = 20;
    /** Wide enough for any status and count line; the rest is cut so one refresh stays one line. */
    private static final int MAX_LINE = 160;

    private ProgressView() {
    }

    /** {@code  0:42  IN_PROGRESS  [########............]  412/1000  ANSW_RJCT 230  NOANSWER 61 ...} */
    static String line(Duration elapsed, CampaignSnapshot s) {
        return line(elapsed, s, "");
    }

    /**
     * The line with {@code operators} (see {@link #operators}) after the count, before the states,
     * so a long list of states is what gets cut.
     */
    static String line(Duration elapsed, CampaignSnapshot s, String operators) {
        StringBuilder out = new StringBuilder(160);
        out.append(String.format(Locale.ROOT, "%2d:%02d  %-14s", elapsed.toMinutes(), elapsed.toSecondsPart(), s.status()));
        int filled = s.total() == 0 ? 0 : (int) (BAR * s.done() / s.total());
        out.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append(']');
        out.append(String.format(Locale.ROOT, " %5d/%d", s.done(), s.total()));
        if (!operators.isEmpty()) {
            out.append("  ").append(operators).append(" |");
        }
        for (Map.Entry<String, Long> e : s.states().entrySet()) {
            if (!e.getKey().equals("NEW")) {
                out.append("  ").append(e.getKey()).append(' ').append(e.getValue());
            }
        }
        return out.length() > MAX_LINE ? out.substring(0, MAX_LINE - 3) + "..." : out.toString();
    }

    /**
     * {@code ready 3 ring 1 talk 5 wrap 1 paused 0}: the operators' states as the board has them
     * (ring: offered a call, the phone ringing); lines busy with a call of their own or offline
     * are shown only when there are some.
     */
    static String operators(Map<OperatorState, Integer> counts) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "ready %d ring %d talk %d wrap %d paused %d",
                counts.getOrDefault(OperatorState.READY, 0), counts.getOrDefault(OperatorState.OFFERED, 0),
                counts.getOrDefault(OperatorState.TALKING, 0), counts.getOrDefault(OperatorState.WRAP_UP, 0),
                counts.getOrDefault(OperatorState.PAUSED, 0)));
        int elsewhere = counts.getOrDefault(OperatorState.BUSY_ELSEWHERE, 0);
        int offline = counts.getOrDefault(OperatorState.OFFLINE, 0);
        if (elsewhere > 0) {
            out.append(" busy ").append(elsewhere);
        }
        if (offline > 0) {
            out.append(" offline ").append(offline);
        }
        return out.toString();
    }

    /** The final per-state table, one row per state with its share and the seed's meaning. */
    static String table(CampaignSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "  %-11s %7s %7s  %s%n", "state", "numbers", "share", "meaning"));
        for (Map.Entry<String, Long> e : s.states().entrySet()) {
            double share = s.total() == 0 ? 0 : 100.0 * e.getValue() / s.total();
            out.append(String.format(Locale.ROOT, "  %-11s %7d %6.1f%%  %s%n", e.getKey(), e.getValue(), share,
                    meaning(e.getKey())));
        }
        out.append(String.format(Locale.ROOT, "  %-11s %7d %7s  %d done, %d calls made%n", "total", s.total(), "",
                s.done(), s.calls()));
        return out.toString();
    }

    private static String meaning(String state) {
        try {
            return NumberState.valueOf(state).title();
        } catch (IllegalArgumentException unknown) {
            return "";
        }
    }

    /**
     * How many of {@code numbers} the carrier answers, lets ring out, refuses with each status:
     * the other side of the table above, computed from the carrier's own rule, not Outdial's.
     */
    static String carrierPlan(CalleeMix mix, List<String> numbers) {
        Map<String, Integer> counts = new TreeMap<>(Comparator.comparing(ProgressView::planOrder));
        for (String number : numbers) {
            counts.merge(mix.behaviourOf(number).label(), 1, Integer::sum);
        }
        StringJoiner line = new StringJoiner(", ");
        counts.forEach((label, n) -> line.add(n + " " + PLAN_WORDS.getOrDefault(label, label)));
        return line.toString();
    }

    private static final Map<String, String> PLAN_WORDS = Map.of(
            "answer", "answered (echo)", "ring", "rang until CANCEL", "486", "486 Busy", "404", "404 Not Found",
            "480", "480 Unavailable", "603", "603 Decline", "503", "503 Service Unavailable", "500", "500 Server Error");
    private static final List<String> PLAN_ORDER = List.of("answer", "ring", "486", "404", "480", "603", "503", "500");

    private static String planOrder(String label) {
        int i = PLAN_ORDER.indexOf(label);
        return (i < 0 ? "9" : Integer.toString(i)) + label;
    }
}
