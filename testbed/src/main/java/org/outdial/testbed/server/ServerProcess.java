package org.outdial.testbed.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.outdial.testbed.unitalk.UniTalkClient;

/**
 * {@code ./outdial serve --config FILE} as a process of its own, on this JVM's classpath, for
 * what an in-process server cannot show: its heap alone ({@code -Xmx}), a {@code kill -9}, a
 * restart on the same database.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final Process process;
    private final ConfigFile config;

    private ServerProcess(Process process, ConfigFile config) {
        this.process = process;
        this.config = config;
    }

    /**
     * Writes {@code config} and starts a server with it and a heap of {@code heap} ("256m");
     * its output goes to {@code log}, or nowhere when null. Returns at once: see {@link #awaitUp}.
     */
    public static ServerProcess serve(ConfigFile config, String heap, Path log) {
        Path yaml = config.write();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                "org.outdial.api.cli.OutdialCommand", "serve", "--config", yaml.toString()).redirectErrorStream(true)
                .redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
        try {
            return new ServerProcess(builder.start(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", builder.command()), e);
        }
    }

    /** Returns once {@code GET /api/health} answers 200; fails when the server exits first or after {@code timeout}. */
    public ServerProcess awaitUp(Duration timeout) {
        UniTalkClient probe = new UniTalkClient(config.httpPort(), "");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!probe.healthy()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + " before it was up");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the server was not up within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the server", e);
            }
        }
        return this;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code kill -9}: no shutdown hook, no clean close; returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** A clean stop (SIGTERM, the server's shutdown hook); {@code kill -9} if it takes over 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitExit() {
        try {
            process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
