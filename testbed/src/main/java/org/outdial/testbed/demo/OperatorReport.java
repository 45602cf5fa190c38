package org.outdial.testbed.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.outdial.testbed.unitalk.UniTalkClient;

/**
 * The call center's end: per operator, what Outdial's call history says (GET_CALLS_HISTORY
 * grouped by {@code operatorNumber}) beside what the operator's own phone counted (the phones
 * process prints its counters at exit), so the two sides can be compared line by line.
 */
final class OperatorReport {

    private static final int PAGE = 5000;
    /** {@code PhoneStats.toString()}: {@code 1001: offered 5, answered 4, refused 0, not answered 1, talk 30 s}. */
    private static final Pattern PHONE_LINE = Pattern.compile(
            "(?m)^\\s*(\\d+): offered (\\d+), answered (\\d+), refused (\\d+), not answered (\\d+), talk (\\d+) s");

    /** One operator in Outdial's history: calls they took (ANSWER), their talk, and calls they were last offered but did not take. */
    record Taken(long answered, long talkSeconds, long missed) {
        Taken plus(Taken o) {
            return new Taken(answered + o.answered, talkSeconds + o.talkSeconds, missed + o.missed);
        }
    }

    /** One phone's own counters. */
    record PhoneCount(long offered, long answered, long refused, long notAnswered, long talkSeconds) {
    }

    private OperatorReport() {
    }

    /** Every history record of the campaign, page by page. */
    static List<JsonNode> history(UniTalkClient api, long campaign) {
        List<JsonNode> all = new java.util.ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            var body = UniTalkClient.request("GET_CALLS_HISTORY", campaign);
            body.putObject("callHistoryRequest").put("limit", PAGE).put("offset", offset);
            JsonNode items = api.action(body).path("items");
            items.forEach(all::add);
            if (items.size() < PAGE) {
                return all;
            }
        }
    }

    /** Groups history records by {@code operatorNumber}; records naming no operator are left out. */
    static Map<String, Taken> byOperator(List<JsonNode> records) {
        Map<String, Taken> by = new TreeMap<>();
        for (JsonNode r : records) {
            JsonNode operator = r.path("operatorNumber");
            if (operator.isNull() || operator.isMissingNode() || operator.asText().isEmpty()) {
                continue;
            }
            boolean answered = r.path("state").asText().equals("ANSWER");
            Taken one = answered ? new Taken(1, r.path("secondsTalk").asLong(0), 0) : new Taken(0, 0, 1);
            by.merge(operator.asText(), one, Taken::plus);
        }
        return by;
    }

    /** The phones' counters as their process printed them; empty when it printed none. */
    static Map<String, PhoneCount> phoneCounts(String statsAtExit) {
        Map<String, PhoneCount> counts = new TreeMap<>();
        Matcher m = PHONE_LINE.matcher(statsAtExit);
        while (m.find()) {
            counts.put(m.group(1), new PhoneCount(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6))));
        }
        return counts;
    }

    /** One row per operator line, Outdial's history on the left, the phone's own counters on the right. */
    static String table(List<String> lines, Map<String, Taken> history, Map<String, PhoneCount> phones) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "  %-8s | %-23s | %s%n", "operator", "Outdial's history",
                "the phone's own count"));
        out.append(String.format(Locale.ROOT, "  %-8s | %6s %7s %8s | %7s %8s %7s %9s %7s%n", "", "calls", "talk",
                "missed", "offered", "answered", "refused", "no answer", "talk"));
        Taken total = new Taken(0, 0, 0);
        long phoneTalk = 0;
        for (String line : lines) {
            Taken t = history.getOrDefault(line, new Taken(0, 0, 0));
            total = total.plus(t);
            PhoneCount p = phones.get(line);
            out.append(String.format(Locale.ROOT, "  %-8s | %6d %7s %8d | ", line, t.answered(), clock(t.talkSeconds()),
                    t.missed()));
            if (p == null) {
                out.append("(not printed)\n");
            } else {
                phoneTalk += p.talkSeconds();
                out.append(String.format(Locale.ROOT, "%7d %8d %7d %9d %7s%n", p.offered(), p.answered(), p.refused(),
                        p.notAnswered(), clock(p.talkSeconds())));
            }
        }
        out.append(String.format(Locale.ROOT, "  %-8s | %6d %7s %8d | %7s %8s %7s %9s %7s%n", "all", total.answered(),
                clock(total.talkSeconds()), total.missed(), "", "", "", "", phones.isEmpty() ? "" : clock(phoneTalk)));
        return out.toString();
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
