package org.outdial.engine.storage;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests: initdb in a temporary folder, started on a free
 * loopback port with fsync off, stopped and deleted on close. Where no PostgreSQL binaries are
 * installed ({@link #binaries()} is empty) the tests that need one fail and say so. PostgreSQL
 * refuses to run as root, so under root it runs as the {@code postgres} user.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Path[] SEARCHED = {Path.of("/usr/lib/postgresql"), Path.of("/usr/local/pgsql")};

    private final Path bin;
    private final Path dir;
    private final int port;

    private LocalPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** The {@code bin} folder holding {@code initdb} and {@code pg_ctl}, newest version first. */
    public static Optional<Path> binaries() {
        List<Path> found = new ArrayList<>();
        for (Path root : SEARCHED) {
            if (Files.isRegularFile(root.resolve("bin/initdb"))) {
                found.add(root.resolve("bin"));
            }
            if (Files.isDirectory(root)) {
                try (Stream<Path> versions = Files.list(root)) {
                    versions.map(v -> v.resolve("bin")).filter(b -> Files.isRegularFile(b.resolve("initdb"))).forEach(found::add);
                } catch (IOException e) {
                    // an unreadable folder holds no usable PostgreSQL
                }
            }
        }
        return found.stream().max(Comparator.comparing(Path::toString));
    }

    /**
     * Starts one on the installed binaries; fails the test, saying what to install, where there
     * are none ({@code ./outdial test} installs them).
     */
    public static LocalPostgres startInstalled() throws IOException, InterruptedException {
        Optional<Path> bin = binaries();
        if (bin.isEmpty()) {
            throw new AssertionError("no PostgreSQL binaries installed: ./outdial test installs the Debian package "
                    + "postgresql; install it (apt-get install postgresql) to run this test");
        }
        return start(bin.get());
    }

    public static LocalPostgres start(Path bin) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("outdial-pg");
        LocalPostgres pg = new LocalPostgres(bin, dir, freePort());
        try {
            if (isRoot()) {
                run(List.of("chown", "postgres", dir.toString()));
            }
            pg.runAsOwner("initdb", "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "outdial", "--no-sync");
            pg.runAsOwner("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w",
                    "-o", "-p " + pg.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
            return pg;
        } catch (IOException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    public StorageSettings storage() {
        return new StorageSettings("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "outdial", "", 4);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (Files.exists(dir.resolve("data/postmaster.pid"))) {
            runAsOwner("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void runAsOwner(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + new String(output));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
