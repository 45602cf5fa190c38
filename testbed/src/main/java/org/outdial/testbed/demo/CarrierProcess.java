package org.outdial.testbed.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.outdial.testbed.carrier.SimulatedCarrier;

/**
 * The simulated carrier as its own JVM, started with this process's java binary and class path,
 * as a real carrier is another machine. Its output goes to a log file; it exits by itself if the
 * demo dies without stopping it ({@code --exit-with}).
 */
final class CarrierProcess implements AutoCloseable {

    /** The line {@link SimulatedCarrier#main} prints once it listens. */
    private static final String READY = "carrier listening on ";

    private final Process process;
    private final Path log;

    private CarrierProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the carrier on {@code port} and waits until it listens (at most {@code timeout}). */
    static CarrierProcess start(int port, long seed, Path log, Duration timeout) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), SimulatedCarrier.class.getName(),
                "--bind", "127.0.0.1", "--port", Integer.toString(port), "--seed", Long.toString(seed),
                "--exit-with", Long.toString(ProcessHandle.current().pid()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        CarrierProcess carrier = new CarrierProcess(process, log);
        try {
            carrier.awaitReady(timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            carrier.close();
            throw e;
        }
        return carrier;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(READY)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IOException("the simulated carrier exited with code " + process.exitValue() + "; see " + log);
            }
            Thread.sleep(50);
        }
        throw new IOException("the simulated carrier did not start listening within " + timeout.toSeconds()
                + " s; see " + log);
    }

    long pid() {
        return process.pid();
    }

    /** Asks the carrier to stop (SIGTERM: it ends its calls), then kills it if it has not within 3 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
