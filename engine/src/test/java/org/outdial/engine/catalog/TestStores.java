package org.outdial.engine.catalog;

import java.util.UUID;
import javax.sql.DataSource;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.StorageSettings;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;

/** A private migrated in-memory database per test (the clock the tests move is org.outdial.testing.ManualClock). */
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
}
