package org.outdial.testbed.operators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.outdial.testbed.sipp.Sipp;
import org.outdial.testbed.sipp.SippProcess;

/**
 * Operators' phones as SIPp processes, one per line: {@code testbed/sipp/operator.xml} registers
 * the line to Outdial and {@code operator-talks.xml} answers each offered call after 100 ms of
 * ringing and hangs up after 300 ms of talk. Each writes its messages to its own
 * {@code -trace_shortmsg} file, which {@link #calls} reads.
 */
final class SippOperators implements AutoCloseable {

    private static final Duration REGISTERED_FOR = Duration.ofMinutes(10);

    private final Map<String, SippProcess> phones = new LinkedHashMap<>();
    private final Map<String, Path> traces = new LinkedHashMap<>();
    private final Map<String, Integer> marks = new LinkedHashMap<>();

    private SippOperators() {
    }

    static SippOperators start(int outdialPort, List<String> lines, String passwordPrefix, Path dir) {
        return start(outdialPort, lines, passwordPrefix, dir, "operator-talks.xml");
    }

    /** As above, answering with out-of-call scenario {@code calls} ({@code operator-calls.xml} never hangs up). */
    static SippOperators start(int outdialPort, List<String> lines, String passwordPrefix, Path dir, String calls) {
        return start(outdialPort, lines, passwordPrefix, dir, calls, List.of());
    }

    /** As above, with more SIPp options for each phone ({@code -key refusal 486}). */
    static SippOperators start(int outdialPort, List<String> lines, String passwordPrefix, Path dir, String calls,
                               List<String> extra) {
        SippOperators operators = new SippOperators();
        try {
            for (String line : lines) {
                Path csv = Files.writeString(dir.resolve("register-" + line + ".csv"),
                        "SEQUENTIAL\n200;" + REGISTERED_FOR.toMillis() + "\n");
                Path trace = dir.resolve("operator-" + line + ".log");
                operators.traces.put(line, trace);
                operators.marks.put(line, 0);
                List<String> args = new ArrayList<>(List.of("-sf", Sipp.scenario("operator.xml").toString(),
                        "-oocsf", Sipp.scenario(calls).toString(), "-inf", csv.toString(),
                        "-s", line, "-au", line, "-ap", passwordPrefix + line, "-key", "expires", "3600",
                        "-m", "1", "-l", "1", "-trace_shortmsg", "-shortmessage_file", trace.toString()));
                args.addAll(extra);
                operators.phones.put(line, SippProcess.uac("127.0.0.1:" + outdialPort, REGISTERED_FOR.plusSeconds(30), args));
            }
        } catch (IOException | RuntimeException e) {
            operators.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return operators;
    }

    /** From now on {@link #calls} leaves out what came before (a new campaign in the same class). */
    void mark() {
        traces.forEach((line, trace) -> marks.put(line, ShortMessages.read(trace).size()));
    }

    /** The calls Outdial offered line {@code line} since the last {@link #mark}, as its phone saw them. */
    List<ShortMessages.SipCall> calls(String line) {
        List<ShortMessages.Message> all = ShortMessages.read(traces.get(line));
        return ShortMessages.callsReceived(all.subList(Math.min(marks.get(line), all.size()), all.size()));
    }

    /** The SIP port line {@code line}'s phone listens on. */
    int sipPort(String line) {
        return phones.get(line).sipPort();
    }

    /** The phone of {@code line} drops dead (SIGKILL): no un-REGISTER, no answer to anything; its port is free. */
    void kill(String line) throws InterruptedException {
        SippProcess phone = phones.get(line);
        ProcessHandle handle = ProcessHandle.of(phone.pid()).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().join();
    }

    List<String> lines() {
        return new ArrayList<>(phones.keySet());
    }

    boolean allAlive() {
        return phones.values().stream().allMatch(SippProcess::isAlive);
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (SippProcess phone : phones.values()) {
            try {
                phone.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
