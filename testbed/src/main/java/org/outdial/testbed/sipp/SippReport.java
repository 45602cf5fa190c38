package org.outdial.testbed.sipp;

import java.util.Map;

/**
 * What a SIPp run left behind.
 *
 * @param exitCode SIPp's exit status: 0 all calls succeeded, 1 some failed, 97 stopped by a
 *                 command, 99 normal exit without calls, 255 (-1) fatal error, 254 (-2) cannot bind
 * @param stats    the last row of its {@code -trace_stat} CSV, by column name (empty if none was written)
 * @param output   what it printed (its final screen) and its error log, for failure messages
 */
public record SippReport(int exitCode, Map<String, String> stats, String output) {

    /** A cumulative counter from the stats, for example {@code SuccessfulCall(C)}; -1 when absent. */
    public long counter(String column) {
        String value = stats.get(column);
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public long successfulCalls() {
        return counter("SuccessfulCall(C)");
    }

    public long failedCalls() {
        return counter("FailedCall(C)");
    }
}
