package org.outdial.testbed.sipp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SIPp process on 127.0.0.1, started in its own scratch directory (SIPp writes its logs to the
 * working directory), with statistics dumped every second. Always {@link #close()} it (tests use
 * try-with-resources): a SIPp left running holds its ports. As a last resort SIPp is started with
 * {@code -timeout}, so even a killed JVM does not leave it running for long.
 */
public final class SippProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SippProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path workDir;
    private final String name;
    private final int sipPort;
    private final int mediaPort;
    private SippReport report;

    private SippProcess(Process process, Path workDir, String name, int sipPort, int mediaPort) {
        this.process = process;
        this.workDir = workDir;
        this.name = name;
        this.sipPort = sipPort;
        this.mediaPort = mediaPort;
    }

    /**
     * Starts a UAS running {@code testbed/sipp/callee.xml} (see its header for the number scheme)
     * with RTP echo, and waits until it listens.
     *
     * @param lifetime SIPp quits by itself after this long, whatever happens to this JVM
     */
    public static SippProcess callee(Duration lifetime, String... extraArgs) {
        return uas(Sipp.scenario("callee.xml"), lifetime, extraArgs);
    }

    /** Starts a UAS with a scenario file, on fresh loopback ports, with RTP echo. */
    public static SippProcess uas(Path scenario, Duration lifetime, String... extraArgs) {
        return uas(scenario, true, lifetime, extraArgs);
    }

    /**
     * As {@link #callee}, but SIPp does not echo RTP: the calls' audio arrives and is dropped, and
     * nothing comes back. For measuring a sender without the echo's work on the same machine.
     */
    public static SippProcess calleeWithoutEcho(Duration lifetime, String... extraArgs) {
        return uas(Sipp.scenario("callee.xml"), false, lifetime, extraArgs);
    }

    /** As {@link #callee}, on a SIP port chosen by the caller (a trunk that comes back where it was). */
    public static SippProcess calleeOn(int sipPort, Duration lifetime, String... extraArgs) {
        return uas(Sipp.scenario("callee.xml"), true, sipPort, lifetime, extraArgs);
    }

    private static SippProcess uas(Path scenario, boolean echo, Duration lifetime, String... extraArgs) {
        return uas(scenario, echo, LoopbackPorts.sipPort(), lifetime, extraArgs);
    }

    private static SippProcess uas(Path scenario, boolean echo, int sip, Duration lifetime, String... extraArgs) {
        int media = LoopbackPorts.evenRange(4); // SIPp echoes audio on -mp and video on -mp+2
        List<String> args = new ArrayList<>(List.of("-sf", scenario.toAbsolutePath().toString(),
                "-i", "127.0.0.1", "-p", Integer.toString(sip), "-mi", "127.0.0.1", "-mp", Integer.toString(media)));
        if (echo) {
            args.add("-rtp_echo");
        }
        args.addAll(List.of(extraArgs));
        return start(scenario.getFileName().toString(), args, sip, media, lifetime, true);
    }

    /**
     * Starts a UAC: SIPp's built-in or a file scenario, calling {@code target} ({@code host:port}).
     * Does not wait for anything; see {@link #awaitExit(Duration)}.
     */
    public static SippProcess uac(String target, Duration lifetime, List<String> scenarioAndOptions) {
        int sip = LoopbackPorts.sipPort();
        int media = LoopbackPorts.evenRange(4);
        List<String> args = new ArrayList<>(List.of(target, "-i", "127.0.0.1", "-p", Integer.toString(sip),
                "-mi", "127.0.0.1", "-mp", Integer.toString(media)));
        args.addAll(scenarioAndOptions);
        return start("uac", args, sip, media, lifetime, false);
    }

    private static SippProcess start(String name, List<String> args, int sip, int media, Duration lifetime,
                                     boolean waitListening) {
        Path sipp = Sipp.executable();
        Path workDir;
        try {
            workDir = Files.createTempDirectory("outdial-sipp-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for SIPp", e);
        }
        List<String> command = new ArrayList<>();
        command.add(sipp.toString());
        command.addAll(args);
        command.addAll(List.of("-nostdin", "-trace_err", "-trace_stat", "-stf", "stats.csv", "-fd", "1",
                "-timeout", lifetime.toSeconds() + "s", "-max_socket", "4096"));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("screen.txt").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        LOG.info("started SIPp {} (pid {}) on 127.0.0.1:{}, media {}: {}", name, process.pid(), sip, media, command);
        SippProcess started = new SippProcess(process, workDir, name, sip, media);
        if (waitListening) {
            started.awaitListening();
        }
        return started;
    }

    public int sipPort() {
        return sipPort;
    }

    public int mediaPort() {
        return mediaPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for SIPp to end on its own (a UAC that placed all its calls); kills it on timeout. */
    public SippReport awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("SIPp {} still running after {}; stopping it", name, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stop();
    }

    /**
     * How many times SIPp has written its statistics so far: once a second while it runs. A test
     * that needs counters at least as new as something it saw waits for the next one.
     */
    public int statisticsWritten() {
        Path csv = workDir.resolve("stats.csv");
        try {
            if (!Files.exists(csv)) {
                return 0;
            }
            String text = Files.readString(csv, StandardCharsets.ISO_8859_1);
            // Complete lines only, without the header.
            return (int) Math.max(0, text.chars().filter(c -> c == '\n').count() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SIPp statistics " + csv, e);
        }
    }

    /** Stops SIPp (SIGTERM, then SIGKILL after 5 s) and reads what it left. Idempotent. */
    public synchronized SippReport stop() {
        if (report != null) {
            return report;
        }
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        int exit = process.isAlive() ? -1 : process.exitValue();
        report = new SippReport(exit, lastStats(), output());
        deleteWorkDir();
        return report;
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("SIPp " + name + " exited at start with " + process.exitValue()
                        + ":\n" + output());
            }
            if (listening(sipPort)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String out = output();
        stop();
        throw new IllegalStateException("SIPp " + name + " did not listen on 127.0.0.1:" + sipPort + " within "
                + START_TIMEOUT + ":\n" + out);
    }

    /**
     * Whether a UDP socket is bound, or a TCP socket listens, on 127.0.0.1:port, from the kernel's
     * tables (Linux): SIPp with {@code -t t1} has no UDP socket.
     */
    static boolean listening(int port) {
        String local = String.format(Locale.ROOT, "0100007F:%04X", port);
        String any = String.format(Locale.ROOT, "00000000:%04X", port);
        try {
            for (String table : new String[] {"/proc/net/udp", "/proc/net/tcp"}) {
                try (Stream<String> lines = Files.lines(Path.of(table))) {
                    boolean tcp = table.endsWith("tcp");
                    if (lines.anyMatch(line -> {
                        String[] f = line.strip().split("\\s+");
                        // TCP state 0A is LISTEN
                        return f.length > 3 && (f[1].equals(local) || f[1].equals(any)) && (!tcp || f[3].equals("0A"));
                    })) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            // Not Linux: fall back to "cannot bind it ourselves, so someone has".
            return !LoopbackPorts.free(port);
        }
    }

    private Map<String, String> lastStats() {
        Path csv = workDir.resolve("stats.csv");
        Map<String, String> stats = new LinkedHashMap<>();
        try {
            if (!Files.exists(csv)) {
                return stats;
            }
            List<String> lines = Files.readAllLines(csv, StandardCharsets.ISO_8859_1).stream()
                    .filter(l -> !l.isBlank()).toList();
            if (lines.size() < 2) {
                return stats;
            }
            String[] header = lines.getFirst().split(";");
            String[] last = lines.getLast().split(";");
            for (int i = 0; i < header.length && i < last.length; i++) {
                stats.put(header[i].strip(), last[i].strip());
            }
        } catch (IOException e) {
            LOG.warn("cannot read SIPp statistics {}: {}", csv, e.toString());
        }
        return stats;
    }

    private String output() {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(workDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log") || f.endsWith("screen.txt"))
                    .sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                if (text.length() > 8000) {
                    text = "..." + text.substring(text.length() - 8000);
                }
                out.append("--- ").append(file.getFileName()).append('\n').append(text).append('\n');
            }
        } catch (IOException e) {
            out.append("(cannot read SIPp output: ").append(e).append(")");
        }
        return out.toString();
    }

    private void deleteWorkDir() {
        if (Boolean.getBoolean("outdial.sipp.keepLogs")) {
            LOG.info("SIPp {} logs kept in {}", name, workDir);
            return;
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", workDir, e.toString());
        }
    }
}
