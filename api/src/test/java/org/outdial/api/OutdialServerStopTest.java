package org.outdial.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.testing.LogCapture;

/** {@code ./outdial serve} and SIGTERM: the server's close, in its order, logs no ERROR. */
class OutdialServerStopTest {

    @Test
    void aServerStoppedWhileItsDatabasePoolIsBusyLogsNoError(@TempDir Path dir) throws Exception {
        StorageSettings file = StorageSettings.h2File(dir.toString());
        var config = TestApi.config(1 << 20, RateLimitSettings.unlimited())
                .withStorage(new StorageSettings(file.url(), "sa", "", 2));
        try (LogCapture log = LogCapture.open()) {
            for (int stop = 0; stop < 3; stop++) {
                OutdialServer server = OutdialServer.start(config);
                AtomicBoolean busy = new AtomicBoolean(true);
                // Both connections busy most of the time, as under a dialing campaign, until the
                // server has closed.
                List<Thread> hogs = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    hogs.add(Thread.ofPlatform().start(() -> {
                        while (busy.get()) {
                            try (Connection c = server.database().dataSource().getConnection()) {
                                Thread.sleep(30);
                            } catch (SQLException | InterruptedException e) {
                                return;
                            }
                        }
                    }));
                }
                Thread.sleep(1200 + 150L * stop); // past the first pacing tick, into the wait for the next

                server.close();
                busy.set(false);
                for (Thread hog : hogs) {
                    hog.join();
                }
            }

            assertEquals(List.of(), log.atLeast(Level.ERROR));
        }
    }
}
