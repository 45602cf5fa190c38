package org.outdial.testbed.phones;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulated operator phones as their own JVM ({@link PhonesCommand}), started with this
 * process's java binary and class path, as operators' phones are other machines. Its output goes
 * to a log file; it exits by itself if the starting process dies ({@code --exit-with}).
 */
public final class PhonesProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private PhonesProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code count} phones (lines {@code first}.., passwords {@code pw<line>}) registering
     * to {@code registrarHost:registrarPort}, and waits until all are registered.
     *
     * @param options more {@link PhonesCommand} options, for example {@code "--talk", "mean:5s", "--refuse", "0"}
     * @throws IOException when the process exits or does not report all phones registered within {@code timeout}
     */
    public static PhonesProcess start(String registrarHost, int registrarPort, int first, int count, Path log,
                                      Duration timeout, String... options) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), PhonesCommand.class.getName(),
                "--registrar", registrarHost + ":" + registrarPort, "--first", Integer.toString(first),
                "--count", Integer.toString(count), "--register-timeout", Long.toString(Math.max(1, timeout.toSeconds())),
                "--exit-with", Long.toString(ProcessHandle.current().pid())));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        PhonesProcess phones = new PhonesProcess(process, log);
        try {
            phones.awaitRegistered(timeout.plusSeconds(5));
        } catch (IOException | InterruptedException | RuntimeException e) {
            phones.close();
            throw e;
        }
        return phones;
    }

    private void awaitRegistered(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(PhonesCommand.READY)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IOException("the simulated phones exited with code " + process.exitValue() + ": "
                        + reason() + " (see " + log + ")");
            }
            Thread.sleep(50);
        }
        throw new IOException("the simulated phones did not all register within " + timeout.toSeconds() + " s; see " + log);
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the process printed so far. */
    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** The per-phone counters the process printed at exit (after {@link #close()}); empty before. */
    public String statsAtExit() throws IOException {
        String out = output();
        int at = out.indexOf(PhonesCommand.STATS);
        return at < 0 ? "" : out.substring(at + PhonesCommand.STATS.length()).strip();
    }

    /** PhonesCommand's one-line failure ("phones: ..."), else the last lines printed. */
    private String reason() throws IOException {
        List<String> lines = output().lines().toList();
        return lines.stream().filter(l -> l.startsWith("phones: ")).findFirst()
                .orElse(String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
    }

    /** SIGTERM (the phones end their calls, un-REGISTER and print their counters), SIGKILL after 8 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(8, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
