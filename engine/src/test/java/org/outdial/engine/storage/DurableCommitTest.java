package org.outdial.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * On the default H2 file database, a transaction that has committed survives the process being
 * killed the instant after (without {@link CheckpointingDataSource}, H2 lost it: its background
 * writer had not stored it yet), and a thread whose interrupt status is set still commits and
 * keeps that status (see {@link Transactor}).
 */
class DurableCommitTest {

    /** Run in a child JVM: commits one row, then halts without any shutdown, like kill -9. */
    public static final class CommitThenHalt {
        public static void main(String[] args) throws Exception {
            Database database = Database.open(StorageSettings.h2File(args[0]));
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("INSERT INTO blocked_phone (list_name, phone, created_at) "
                        + "VALUES ('BLOCKED_PHONES', '380501112233', CURRENT_TIMESTAMP)");
                c.commit();
            }
            Runtime.getRuntime().halt(9);
        }
    }

    /**
     * Run in a child JVM: eight threads commit rows as fast as they can and print each phone once
     * its commit has returned (the acknowledgement); after 400 acknowledgements the process halts
     * at once, like kill -9, with commits and their shared checkpoints in flight.
     */
    public static final class ConcurrentCommitsThenHalt {
        public static void main(String[] args) throws Exception {
            Database database = Database.open(StorageSettings.h2File(args[0]));
            CheckpointingDataSource durable = (CheckpointingDataSource) database.dataSource();
            AtomicInteger acknowledged = new AtomicInteger();
            AtomicLong serial = new AtomicLong(380_500_000_000L);
            for (int t = 0; t < 8; t++) {
                Thread.ofPlatform().daemon().start(() -> {
                    while (true) {
                        String phone = Long.toString(serial.incrementAndGet());
                        new Transactor(durable).inTransaction(c -> insertBlocked(c, phone));
                        synchronized (System.out) {
                            System.out.println(phone);
                            System.out.flush();
                        }
                        if (acknowledged.incrementAndGet() == 400) {
                            synchronized (System.out) {
                                System.out.println("commits " + durable.commits() + " checkpoints " + durable.checkpoints());
                                System.out.flush();
                                Runtime.getRuntime().halt(9);
                            }
                        }
                    }
                });
            }
            Thread.sleep(120_000);
        }
    }

    @Test
    void everyConcurrentCommitAcknowledgedBeforeAKillSurvivesThoughTheyShareCheckpoints() throws Exception {
        Path dir = Files.createTempDirectory("outdial-durable-concurrent-");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ConcurrentCommitsThenHalt.class.getName(), dir.toString()).redirectErrorStream(false).start();
        List<String> lines = new String(child.getInputStream().readAllBytes()).lines().toList();
        child.waitFor(60, TimeUnit.SECONDS);
        assertEquals(9, child.exitValue(), "the child halted with commits in flight");
        String[] shared = lines.getLast().split(" ");
        List<String> acknowledged = lines.subList(0, lines.size() - 1);
        assertTrue(acknowledged.size() >= 400, "acknowledged " + acknowledged.size());
        assertTrue(Long.parseLong(shared[3]) < Long.parseLong(shared[1]),
                "concurrent commits shared checkpoints: " + lines.getLast());

        try (Database database = Database.open(StorageSettings.h2File(dir.toString()))) {
            Set<String> stored = new HashSet<>(new Transactor(database.dataSource()).read(c ->
                    Sql.list(c, "SELECT phone FROM blocked_phone", rs -> rs.getString(1))));
            List<String> lost = acknowledged.stream().filter(p -> !stored.contains(p)).toList();
            assertEquals(List.of(), lost, "acknowledged commits lost by the kill");
        }
    }

    @Test
    void aCommitSurvivesAKillRightAfterIt() throws Exception {
        Path dir = Files.createTempDirectory("outdial-durable-");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CommitThenHalt.class.getName(), dir.toString()).inheritIO().start();
        child.waitFor(60, TimeUnit.SECONDS);
        assertEquals(9, child.exitValue(), "the child halted after its commit");

        try (Database database = Database.open(StorageSettings.h2File(dir.toString()));
             Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM blocked_phone WHERE phone = '380501112233'")) {
            rs.next();
            assertEquals(1, rs.getLong(1));
        }
    }

    @Test
    void anInterruptedFlowRecordsItsOutcomeAndKeepsItsInterruptStatus() throws Exception {
        Path dir = Files.createTempDirectory("outdial-interrupt-");
        try (Database database = Database.open(StorageSettings.h2File(dir.toString()))) {
            boolean[] stillInterrupted = new boolean[1];
            Thread flow = Thread.ofVirtual().start(() -> {
                // A call flow interrupted at shutdown goes on to record its outcome.
                Thread.currentThread().interrupt();
                new Transactor(database.dataSource()).inTransaction(c -> insertBlocked(c, "380501112233"));
                stillInterrupted[0] = Thread.currentThread().isInterrupted();
            });
            flow.join();

            assertTrue(stillInterrupted[0], "the flow's interrupt status is given back");
            new Transactor(database.dataSource()).inTransaction(c -> insertBlocked(c, "380501112234"));
            assertEquals(2L, (long) new Transactor(database.dataSource()).read(c -> {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM blocked_phone")) {
                    rs.next();
                    return rs.getLong(1);
                }
            }));
        }
    }

    private static Void insertBlocked(Connection c, String phone) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO blocked_phone (list_name, phone, created_at) VALUES ('BLOCKED_PHONES', '" + phone
                    + "', CURRENT_TIMESTAMP)");
        }
        return null;
    }

    @Test
    void aNonAdminH2UserIsRefusedAtStartWithTheReason() throws Exception {
        Path dir = Files.createTempDirectory("outdial-nonadmin-");
        try (Database database = Database.open(StorageSettings.h2File(dir.toString()));
             Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE USER dialer PASSWORD 'secret'");
            s.execute("GRANT ALL ON SCHEMA PUBLIC TO dialer");
        }
        StorageSettings asDialer = new StorageSettings("jdbc:h2:file:" + dir + "/outdial", "dialer", "secret", 2);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Database.open(asDialer));
        assertTrue(e.getMessage().startsWith("storage.username must be an admin of the H2 database"), e.getMessage());
    }

    @Test
    void h2NotInMemoryIsClosedByOutdialNotByItsShutdownHook() {
        assertEquals("jdbc:h2:file:/d/outdial;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE",
                StorageSettings.h2File("/d").connectionUrl());
        assertEquals("jdbc:h2:./data/outdial;DB_CLOSE_ON_EXIT=FALSE", url("jdbc:h2:./data/outdial"));
        assertEquals("jdbc:h2:file:/d/x;db_close_on_exit=TRUE", url("jdbc:h2:file:/d/x;db_close_on_exit=TRUE"));
        assertEquals("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", StorageSettings.h2Memory("x").connectionUrl());
        assertEquals("jdbc:postgresql://db/outdial", url("jdbc:postgresql://db/outdial"));
    }

    private static String url(String configured) {
        return new StorageSettings(configured, "sa", "", 2).connectionUrl();
    }
}
