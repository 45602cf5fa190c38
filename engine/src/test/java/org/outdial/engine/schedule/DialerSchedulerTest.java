package org.outdial.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outdial.engine.schedule.RecordingWork.Call;
import org.outdial.engine.schedule.RecordingWork.Kind;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.StorageSettings;

class DialerSchedulerTest {

    private static final Duration TICK = Duration.ofMillis(100);
    /** Ticks far apart, for tests about other triggers. */
    private static final Duration QUIET = Duration.ofMinutes(10);
    private static final Duration PATIENCE = Duration.ofSeconds(3);

    /**
     * One in-memory database for the tests that need no restart: Quartz keys every row by
     * scheduler name, and each test has its own.
     */
    private static Database shared;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final RecordingWork work = new RecordingWork();
    private final String name = "test-" + UUID.randomUUID();

    @BeforeAll
    static void openSharedDatabase() {
        shared = Database.open(StorageSettings.h2Memory("dialer-scheduler-test"));
    }

    @AfterAll
    static void closeSharedDatabase() {
        shared.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Database database(StorageSettings storage) {
        Database database = Database.open(storage);
        open.add(database);
        return database;
    }

    private DialerScheduler start(Database database, Duration tick, ScheduledWork work) {
        DialerScheduler scheduler = DialerScheduler.start(database.dataSource(),
                SchedulerSettings.defaults().withInstanceName(name).withTick(tick), work);
        open.add(scheduler);
        return scheduler;
    }

    private DialerScheduler startInMemory(Duration tick) {
        return start(shared, tick, work);
    }

    @Test
    void ticksArriveRepeatedlyButNeverFasterThanTheirPeriod() throws Exception {
        startInMemory(TICK);
        assertNotNull(work.next(Kind.TICK, PATIENCE), "no first tick");

        List<Call> second = work.during(Kind.TICK, Duration.ofSeconds(1));

        // One second of 100 ms ticks: 10, one more at the boundary; fewer when the box is busy.
        assertTrue(second.size() >= 3 && second.size() <= 11, "ticks in one second: " + second.size());
    }

    @Test
    void aLongTickIsFollowedByTheNextTickNotByABurstOfLateOnes() throws Exception {
        AtomicInteger ticks = new AtomicInteger();
        RecordingWork slowFirstTick = new RecordingWork() {
            @Override
            public void tick(Instant now) {
                super.tick(now);
                if (ticks.getAndIncrement() == 0) {
                    sleep(Duration.ofMillis(700));
                }
            }
        };
        start(shared, TICK, slowFirstTick);
        Call slow = slowFirstTick.next(Kind.TICK, PATIENCE);
        assertNotNull(slow, "no first tick");

        List<Call> after = slowFirstTick.during(Kind.TICK, Duration.ofMillis(1200));

        // 1.2 s from the start of the slow tick: 700 ms of it, then 5 ticks of 100 ms (6 at the
        // boundaries). Firing the 7 ticks that fell due during the slow one would make 12 or more.
        assertTrue(after.size() >= 2 && after.size() <= 7, "ticks after the slow one: " + after.size());
    }

    @Test
    void aWindowEventFiresOnceAtItsTime() throws Exception {
        DialerScheduler scheduler = startInMemory(QUIET);
        Instant at = inMillis(300);

        scheduler.scheduleWindowEvent(7, at);
        assertEquals(Optional.of(at), scheduler.nextWindowEvent(7));

        Call event = work.next(Kind.WINDOW_EVENT, PATIENCE);
        assertNotNull(event);
        assertEquals(7, event.campaignId());
        assertFalse(event.now().isBefore(at), event.now() + " is before " + at);
        assertEquals(List.of(), work.during(Kind.WINDOW_EVENT, Duration.ofMillis(400)));
        assertEquals(Optional.empty(), scheduler.nextWindowEvent(7));
    }

    @Test
    void aRescheduledWindowEventReplacesTheEarlierOne() throws Exception {
        DialerScheduler scheduler = startInMemory(QUIET);
        Instant later = inMillis(700);

        scheduler.scheduleWindowEvent(7, later.minusMillis(400));
        scheduler.scheduleWindowEvent(7, later);
        assertEquals(Optional.of(later), scheduler.nextWindowEvent(7));

        List<Call> events = work.during(Kind.WINDOW_EVENT, Duration.ofMillis(1200));
        assertEquals(1, events.size(), events.toString());
        assertFalse(events.getFirst().now().isBefore(later), events.toString());
    }

    @Test
    void aCanceledWindowEventNeverFires() throws Exception {
        DialerScheduler scheduler = startInMemory(QUIET);
        scheduler.scheduleWindowEvent(7, Instant.now().plusMillis(300));
        scheduler.scheduleWindowEvent(8, Instant.now().plusMillis(300));

        scheduler.cancelWindowEvents(7);

        assertEquals(Optional.empty(), scheduler.nextWindowEvent(7));
        List<Call> events = work.during(Kind.WINDOW_EVENT, Duration.ofMillis(800));
        assertEquals(List.of(8L), events.stream().map(Call::campaignId).toList());
    }

    @Test
    void aWindowEventInThePastFiresAtOnce() throws Exception {
        DialerScheduler scheduler = startInMemory(QUIET);
        Instant asked = Instant.now();

        scheduler.scheduleWindowEvent(7, asked.minus(Duration.ofHours(1)));

        Call event = work.next(Kind.WINDOW_EVENT, Duration.ofSeconds(1));
        assertNotNull(event, "no event within a second");
        assertFalse(event.now().isBefore(asked));
    }

    @Test
    void aWindowEventCanScheduleTheNextOneOfItsAutodialer() throws Exception {
        AtomicReference<DialerScheduler> scheduler = new AtomicReference<>();
        RecordingWork chaining = new RecordingWork() {
            @Override
            public void windowEvent(long campaignId, Instant now) {
                super.windowEvent(campaignId, now);
                scheduler.get().scheduleWindowEvent(campaignId, now.plusMillis(150));
            }
        };
        scheduler.set(start(shared, QUIET, chaining));

        scheduler.get().scheduleWindowEvent(7, Instant.now());

        for (int i = 0; i < 3; i++) {
            assertNotNull(chaining.next(Kind.WINDOW_EVENT, PATIENCE), "event " + i);
        }
    }

    @Test
    void theDailyCleanupIsScheduledAtFourInTheMorningServerTime() {
        DialerScheduler scheduler = startInMemory(QUIET);

        ZonedDateTime next = scheduler.nextCleanup().orElseThrow().atZone(ZoneId.systemDefault());

        assertEquals(4, next.getHour());
        assertEquals(0, next.getMinute());
        assertEquals(0, next.getSecond());
        assertTrue(next.toInstant().isAfter(Instant.now()));
        assertTrue(next.toInstant().isBefore(Instant.now().plus(Duration.ofHours(25))), next.toString());
    }

    @Test
    void aWindowEventScheduledBeforeCloseFiresAfterARestartOnTheSameDatabase(@TempDir Path dir) throws Exception {
        StorageSettings storage = StorageSettings.h2File(dir.toString());
        Instant at = inMillis(1500);
        try (Database database = Database.open(storage);
                DialerScheduler scheduler = DialerScheduler.start(database.dataSource(),
                        SchedulerSettings.defaults().withInstanceName(name).withTick(QUIET), ScheduledWork.none())) {
            scheduler.scheduleWindowEvent(7, at);
        }

        DialerScheduler restarted = start(database(storage), QUIET, work);

        assertEquals(Optional.of(at), restarted.nextWindowEvent(7));
        Call event = work.next(Kind.WINDOW_EVENT, PATIENCE);
        assertNotNull(event);
        assertEquals(7, event.campaignId());
        assertFalse(event.now().isBefore(at));
    }

    @Test
    void aWindowEventMissedWhileStoppedFiresAtOnceOnStart(@TempDir Path dir) throws Exception {
        StorageSettings storage = StorageSettings.h2File(dir.toString());
        Instant at = Instant.now().plusMillis(200);
        try (Database database = Database.open(storage);
                DialerScheduler scheduler = DialerScheduler.start(database.dataSource(),
                        SchedulerSettings.defaults().withInstanceName(name).withTick(QUIET), ScheduledWork.none())) {
            scheduler.scheduleWindowEvent(7, at);
        }
        sleep(Duration.between(Instant.now(), at).plusMillis(300));

        Instant restartedAt = Instant.now();
        start(database(storage), QUIET, work);

        Call event = work.next(Kind.WINDOW_EVENT, Duration.ofSeconds(2));
        assertNotNull(event, "the missed event did not fire within 2 s of the restart");
        assertFalse(event.now().isBefore(restartedAt), event.now() + " is before the restart " + restartedAt);
    }

    @Test
    void aSecondSchedulerOfTheSameNameInOneProcessIsRefused() {
        Database database = shared;
        start(database, QUIET, work);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> start(database, QUIET, work));
        assertTrue(refused.getMessage().contains(name), refused.getMessage());
    }

    @Test
    void settingsNameTheKeyAndTheRange() {
        assertEquals("scheduler.tick must be 10ms..10m, was PT0.001S", assertThrows(IllegalArgumentException.class,
                () -> SchedulerSettings.defaults().withTick(Duration.ofMillis(1))).getMessage());
        assertEquals("scheduler.thread-count must be 1..100, was 0", assertThrows(IllegalArgumentException.class,
                () -> new SchedulerSettings("outdial", false, Duration.ofSeconds(1), 0)).getMessage());
        assertEquals(new SchedulerSettings("outdial", false, Duration.ofSeconds(1), 4), SchedulerSettings.defaults());
    }

    @Test
    void aWindowEventFinerThanAMillisecondIsRoundedUpNotDown() {
        DialerScheduler scheduler = startInMemory(QUIET);
        Instant at = inMillis(60_000);

        scheduler.scheduleWindowEvent(7, at.plusNanos(1));

        assertEquals(Optional.of(at.plusMillis(1)), scheduler.nextWindowEvent(7));
    }

    /** Quartz keeps milliseconds. */
    private static Instant inMillis(long millis) {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(millis);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
