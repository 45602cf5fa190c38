package org.outdial.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A transaction that has committed survives the process being killed the instant after, on the
 * default H2 file database (without {@code WRITE_DELAY=0}, H2 loses it: its background writer
 * had not stored it yet).
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
    void onlyH2OnDiskGetsTheSettingAndAnExplicitDelayIsKept() {
        assertEquals("jdbc:h2:file:/d/outdial;AUTO_SERVER=FALSE;WRITE_DELAY=0",
                StorageSettings.h2File("/d").connectionUrl());
        assertEquals("jdbc:h2:file:/d/x;write_delay=100", new StorageSettings("jdbc:h2:file:/d/x;write_delay=100",
                "sa", "", 2).connectionUrl());
        assertEquals("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", StorageSettings.h2Memory("x").connectionUrl());
        assertEquals("jdbc:postgresql://db/outdial", new StorageSettings("jdbc:postgresql://db/outdial", "u", "p", 2)
                .connectionUrl());
    }
}
