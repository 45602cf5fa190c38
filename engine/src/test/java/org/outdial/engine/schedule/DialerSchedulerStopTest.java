package org.outdial.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outdial.engine.schedule.RecordingWork.Kind;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.testing.LogCapture;

/** A clean stop logs no ERROR, also while the database pool is busy, as it is under a dialing campaign. */
class DialerSchedulerStopTest {

    /** Per stop, somewhere in the tick's wait: before the fix about one stop in two logged an ERROR. */
    private static final int STOPS = 10;

    @Test
    void stoppingWhileEveryPooledConnectionIsInUseLogsNoError(@TempDir Path dir) throws Exception {
        StorageSettings file = StorageSettings.h2File(dir.toString());
        try (Database database = Database.open(new StorageSettings(file.url(), "sa", "", 2));
             LogCapture log = LogCapture.open();
             PoolHog hog = new PoolHog(database, 2)) {
            for (int stop = 0; stop < STOPS; stop++) {
                RecordingWork work = new RecordingWork();
                DialerScheduler scheduler = DialerScheduler.start(database.dataSource(), SchedulerSettings.defaults()
                        .withInstanceName("stop-" + UUID.randomUUID()).withTick(Duration.ofMillis(500)), work);
                assertNotNull(work.next(Kind.TICK, Duration.ofSeconds(5)), "the scheduler runs before it is stopped");
                Thread.sleep(20L * stop); // stops at different points of the wait for the next tick

                scheduler.close();
            }

            assertEquals(List.of(), log.atLeast(Level.ERROR));
        }
    }

    /**
     * Threads that keep the pool's connections busy (30 ms each, back to the pool in between),
     * the way calls in flight that record their outcomes do.
     */
    private static final class PoolHog implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread[] threads;

        PoolHog(Database database, int connections) {
            threads = new Thread[connections];
            for (int i = 0; i < connections; i++) {
                threads[i] = Thread.ofPlatform().name("pool-hog-" + i).start(() -> {
                    while (running.get()) {
                        try (Connection busy = database.dataSource().getConnection()) {
                            Thread.sleep(30);
                        } catch (SQLException | InterruptedException e) {
                            return;
                        }
                    }
                });
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
