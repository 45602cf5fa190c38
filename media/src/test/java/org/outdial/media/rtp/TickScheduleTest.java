package org.outdial.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TickScheduleTest {

    private static final long PERIOD = 20_000_000;

    @Test
    void deadlinesAreAbsoluteSoALateTickDoesNotDelayTheNext() {
        TickSchedule schedule = new TickSchedule(1_000, PERIOD, 5);

        // Tick 0 runs 7 ms late.
        assertEquals(0, schedule.skipIfHopelesslyLate(1_000 + 7_000_000));
        schedule.advance();

        assertEquals(1_000 + PERIOD, schedule.deadline());
    }

    @Test
    void aThousandTicksLaterTheDeadlineHasNotDrifted() {
        TickSchedule schedule = new TickSchedule(0, PERIOD, 5);
        for (int i = 0; i < 1000; i++) {
            schedule.skipIfHopelesslyLate(schedule.deadline() + 3_000_000);
            schedule.advance();
        }

        assertEquals(1000, schedule.tick());
        assertEquals(1000 * PERIOD, schedule.deadline());
    }

    @Test
    void aFewMissedTicksAreCaughtUpOneByOne() {
        TickSchedule schedule = new TickSchedule(0, PERIOD, 5);

        // The pacer wakes 70 ms late: ticks 0..3 are all due and run back to back.
        long now = 70_000_000;
        int ran = 0;
        while (schedule.deadline() <= now) {
            assertEquals(0, schedule.skipIfHopelesslyLate(now));
            schedule.advance();
            ran++;
        }

        assertEquals(4, ran);
        assertEquals(0, schedule.skippedTicks());
    }

    @Test
    void beingSecondsLateSkipsAheadInsteadOfBursting() {
        TickSchedule schedule = new TickSchedule(0, PERIOD, 5);

        long skipped = schedule.skipIfHopelesslyLate(2_010_000_000L);

        assertEquals(100, skipped);
        assertEquals(100, schedule.tick());
        assertEquals(2_000_000_000L, schedule.deadline());
    }

    @Test
    void anEventLoopThatKeptUpRunsOnlyTheNewTick() {
        assertEquals(8, MediaPacer.firstTickToRun(7, 8, 5));
    }

    @Test
    void anEventLoopAFewTicksBehindRunsEveryMissedTick() {
        assertEquals(5, MediaPacer.firstTickToRun(4, 8, 5));
    }

    @Test
    void anEventLoopFarBehindRunsOnlyTheLastFewTicks() {
        assertEquals(96, MediaPacer.firstTickToRun(10, 100, 5));
    }

    @Test
    void anEventLoopsFirstRunStartsAtTheDueTick() {
        assertEquals(42, MediaPacer.firstTickToRun(-1, 42, 5));
    }
}
