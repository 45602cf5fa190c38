package org.outdial.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.outdial.engine.schedule.RecordingWork.Call;
import org.outdial.engine.schedule.RecordingWork.Kind;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.LocalPostgres;

/**
 * The same migrations and scheduler on a real PostgreSQL (issue 2: migrations run on both). Fails,
 * rather than skipping, where PostgreSQL is missing; {@code ./outdial test} installs it.
 */
class PostgresSchedulerTest {

    @Test
    void theMigrationCreatesQuartzTablesOnPostgresAndAWindowEventFiresThere() throws Exception {
        RecordingWork work = new RecordingWork();
        try (LocalPostgres postgres = LocalPostgres.startInstalled();
                Database database = Database.open(postgres.storage());
                DialerScheduler scheduler = DialerScheduler.start(database.dataSource(),
                        SchedulerSettings.defaults().withInstanceName("postgres-test").withTick(Duration.ofMinutes(10)),
                        work)) {
            assertEquals(new TreeSet<>(QuartzMigrationTest.QUARTZ_TABLES),
                    QuartzMigrationTest.quartzTables(database.dataSource()));

            scheduler.scheduleWindowEvent(7, Instant.now().plusMillis(200));

            Call event = work.next(Kind.WINDOW_EVENT, Duration.ofSeconds(3));
            assertNotNull(event);
            assertEquals(7, event.campaignId());
        }
    }
}
