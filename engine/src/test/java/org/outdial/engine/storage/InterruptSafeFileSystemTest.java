package org.outdial.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Interrupts do not close the default H2 file database, whether the thread was interrupted
 * before it committed or is interrupted again and again while it commits (as Quartz does to its
 * scheduler thread when it stops). Through H2's plain disk file system both close it: "The
 * database has been closed".
 */
class InterruptSafeFileSystemTest {

    @Test
    void aThreadInterruptedBeforeItsCommitLeavesTheDatabaseOpen() throws Exception {
        Path dir = Files.createTempDirectory("outdial-interruptsafe-");
        try (Database database = Database.open(StorageSettings.h2File(dir.toString()))) {
            boolean[] stillInterrupted = new boolean[1];
            Thread writer = Thread.ofPlatform().start(() -> {
                try (Connection c = database.dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    insert(c, 1);
                    Thread.currentThread().interrupt();
                    c.commit(); // straight through JDBC, not Transactions, which would clear the flag
                    stillInterrupted[0] = Thread.currentThread().isInterrupted();
                } catch (SQLException e) {
                    throw new AssertionError(e);
                }
            });
            writer.join();

            assertTrue(stillInterrupted[0], "the thread gets its interrupt status back");
            try (Connection c = database.dataSource().getConnection()) {
                insert(c, 2);
                assertEquals(2, count(c));
            }
        }
    }

    @Test
    void commitsUnderRepeatedInterruptsAllLandAndTheDatabaseStaysOpen() throws Exception {
        Path dir = Files.createTempDirectory("outdial-interruptsafe-");
        try (Database database = Database.open(StorageSettings.h2File(dir.toString()))) {
            AtomicInteger committed = new AtomicInteger();
            AtomicBoolean done = new AtomicBoolean();
            Thread writer = Thread.ofPlatform().start(() -> {
                try (Connection c = database.dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    for (int i = 0; i < 300; i++) {
                        insert(c, i);
                        c.commit();
                        committed.incrementAndGet();
                    }
                } catch (SQLException e) {
                    throw new AssertionError("commit " + committed.get() + " failed", e);
                } finally {
                    done.set(true);
                }
            });
            while (!done.get()) {
                writer.interrupt();
                Thread.sleep(0, 200_000);
            }
            writer.join();

            assertEquals(300, committed.get());
            try (Connection c = database.dataSource().getConnection()) {
                assertEquals(300, count(c));
            }
        }
        // And the file is whole: it opens again with every row.
        try (Database reopened = Database.open(StorageSettings.h2File(dir.toString()));
             Connection c = reopened.dataSource().getConnection()) {
            assertEquals(300, count(c));
        }
    }

    private static void insert(Connection c, int n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO blocked_phone (list_name, phone, created_at) VALUES ('BLOCKED_PHONES', ?, CURRENT_TIMESTAMP)")) {
            ps.setString(1, "38050" + (1_000_000 + n));
            ps.executeUpdate();
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM blocked_phone")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
