package org.outdial.testbed.operators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a SIPp peer saw, read from its {@code -trace_shortmsg} file: one line per message, tab
 * separated as SIPp 3.6 writes it (date, time, epoch seconds, {@code S}ent or {@code R}eceived,
 * Call-ID, {@code CSeq:n METHOD}, the first line). The peer's own clock stamps every line, so
 * intervals between them are the peer's view, not Outdial's.
 */
final class ShortMessages {

    /** One message as the peer logged it. */
    record Message(double at, boolean received, String callId, String method, String firstLine) {
        boolean isRequest(String name) {
            return firstLine.startsWith(name + " ");
        }

        /** The status of a response, 0 for a request. */
        int status() {
            return firstLine.startsWith("SIP/2.0 ") ? Integer.parseInt(firstLine.substring(8, 11)) : 0;
        }
    }

    /**
     * One INVITE dialog at the peer: from the INVITE to its end (the first BYE either way, a
     * CANCEL received, or a final failure to the INVITE), {@code Double.NaN} while not ended.
     */
    record SipCall(String callId, double invitedAt, boolean answered, double endedAt) {
        boolean ended() {
            return !Double.isNaN(endedAt);
        }
    }

    private ShortMessages() {
    }

    static List<Message> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SIPp's trace " + file, e);
        }
        List<Message> messages = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f.length < 7) {
                continue; // a line SIPp is still writing
            }
            String cseq = f[5].strip();
            String method = cseq.substring(cseq.lastIndexOf(' ') + 1);
            messages.add(new Message(Double.parseDouble(f[2]), f[3].equals("R"), f[4], method, f[6].strip()));
        }
        return messages;
    }

    /** The messages of {@code file} from the {@code from}-th on (what a test logged after a mark). */
    static List<Message> readFrom(Path file, int from) {
        List<Message> all = read(file);
        return all.subList(Math.min(from, all.size()), all.size());
    }

    /** The INVITE dialogs the peer received (it was called), in order of their INVITE. */
    static List<SipCall> callsReceived(List<Message> messages) {
        Map<String, double[]> times = new LinkedHashMap<>(); // invitedAt, answered, endedAt
        for (Message m : messages) {
            double[] t = times.get(m.callId());
            if (t == null) {
                if (m.received() && m.isRequest("INVITE")) {
                    times.put(m.callId(), new double[] {m.at(), 0, Double.NaN});
                }
                continue;
            }
            if (!Double.isNaN(t[2])) {
                continue;
            }
            if (m.isRequest("BYE") || (m.received() && m.isRequest("CANCEL"))) {
                t[2] = m.at();
            } else if (!m.received() && m.method().equals("INVITE") && m.status() == 200) {
                t[1] = 1;
            } else if (!m.received() && m.method().equals("INVITE") && m.status() >= 300) {
                t[2] = m.at();
            }
        }
        List<SipCall> calls = new ArrayList<>();
        times.forEach((id, t) -> calls.add(new SipCall(id, t[0], t[1] == 1, t[2])));
        return calls;
    }

    /** The most calls up at once: an end at the same instant as a start counts as before it. */
    static int maxConcurrent(Collection<SipCall> calls) {
        List<double[]> edges = new ArrayList<>();
        for (SipCall c : calls) {
            edges.add(new double[] {c.invitedAt(), 1});
            edges.add(new double[] {c.ended() ? c.endedAt() : Double.MAX_VALUE, -1});
        }
        edges.sort(Comparator.<double[]>comparingDouble(e -> e[0]).thenComparingDouble(e -> e[1]));
        int up = 0;
        int max = 0;
        for (double[] e : edges) {
            up += (int) e[1];
            max = Math.max(max, up);
        }
        return max;
    }
}
