package org.outdial.engine.catalog;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import javax.sql.DataSource;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.StorageSettings;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;

/** A private migrated in-memory database per test, and a clock the test moves by hand. */
public final class TestStores {

    private TestStores() {
    }

    public static DataSource freshDatabase() {
        return Database.open(StorageSettings.h2Memory("catalog-" + UUID.randomUUID())).dataSource();
    }

    /** Asserts that {@code call} is refused with exactly {@code message}; returns the exception. */
    public static EngineException assertRefused(String message, Executable call) {
        EngineException e = Assertions.assertThrows(EngineException.class, call);
        Assertions.assertEquals(message, e.getMessage());
        return e;
    }

    /** A clock that only moves when told to. */
    public static final class ManualClock implements InstantSource {
        private Instant now;

        public ManualClock(Instant start) {
            this.now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }

        public void advance(Duration by) {
            now = now.plus(by);
        }
    }
}
