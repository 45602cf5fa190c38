package org.outdial.testbed.demo;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.outdial.engine.number.NumberState;

/** The demo's terminal output: the live progress line and the final table. Pure formatting. */
final class ProgressView {

    private static final int BAR = 20;
    /** Wide enough for any status and count line; the rest is cut so one refresh stays one line. */
    private static final int MAX_LINE = 150;

    private ProgressView() {
    }

    /** {@code  0:42  IN_PROGRESS  [########............]  412/1000  ANSW_RJCT 230  NOANSWER 61 ...} */
    static String line(Duration elapsed, CampaignSnapshot s) {
        StringBuilder out = new StringBuilder(160);
        out.append(String.format(Locale.ROOT, "%2d:%02d  %-14s", elapsed.toMinutes(), elapsed.toSecondsPart(), s.status()));
        int filled = s.total() == 0 ? 0 : (int) (BAR * s.done() / s.total());
        out.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append(']');
        out.append(String.format(Locale.ROOT, " %5d/%d", s.done(), s.total()));
        for (Map.Entry<String, Long> e : s.states().entrySet()) {
            if (!e.getKey().equals("NEW")) {
                out.append("  ").append(e.getKey()).append(' ').append(e.getValue());
            }
        }
        return out.length() > MAX_LINE ? out.substring(0, MAX_LINE - 3) + "..." : out.toString();
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
}
