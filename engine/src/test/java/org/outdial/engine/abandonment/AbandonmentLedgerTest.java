package org.outdial.engine.abandonment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.outdial.engine.pacing.Outlook.Tally;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.engine.storage.Transactor;

/** The ledger's window arithmetic on a clock the test sets: midnight, the window's edge, zones, a restart. */
class AbandonmentLedgerTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final long CAMPAIGN = 7;

    private final AbandonmentLedger ledger = AbandonmentLedger.empty(AbandonmentSettings.DEFAULTS);

    @Test
    void aCallAnsweredBeforeMidnightLeavesTodayButStaysInTheWindow() {
        Instant evening = Instant.parse("2026-03-10T23:59:59Z");
        ledger.counted(CAMPAIGN, evening, true);
        ledger.counted(CAMPAIGN, evening.minusSeconds(60), false);

        AbandonmentLedger.Tallies beforeMidnight = ledger.tallies(CAMPAIGN, UTC, evening);
        assertEquals(new Tally(2, 1), beforeMidnight.today());
        assertEquals(new Tally(2, 1), beforeMidnight.window());

        AbandonmentLedger.Tallies afterMidnight = ledger.tallies(CAMPAIGN, UTC, evening.plusSeconds(2));
        assertEquals(Tally.NONE, afterMidnight.today());
        assertEquals(new Tally(2, 1), afterMidnight.window());
    }

    @Test
    void todayIsTheCampaignsDayNotUtcs() {
        // 22:30 UTC on the 10th is 00:30 on the 11th in Kyiv (UTC+2 in March), 04:00 on the 11th in Kolkata.
        Instant lateUtc = Instant.parse("2026-03-10T21:50:00Z"); // 23:50 in Kyiv, the 10th
        ledger.counted(CAMPAIGN, lateUtc, true);
        Instant now = Instant.parse("2026-03-10T22:30:00Z");

        assertEquals(new Tally(1, 1), ledger.tallies(CAMPAIGN, UTC, now).today(), "UTC: still the 10th");
        assertEquals(Tally.NONE, ledger.tallies(CAMPAIGN, KYIV, now).today(), "Kyiv: the 11th began at 22:00 UTC");
        assertEquals(new Tally(1, 1), ledger.tallies(CAMPAIGN, KYIV, Instant.parse("2026-03-10T21:59:59Z")).today());
    }

    @Test
    void aHalfHourZonesDayStartsOnItsOwnQuarterHour() {
        // Kolkata is UTC+05:30: its midnight is 18:30 UTC.
        ledger.counted(CAMPAIGN, Instant.parse("2026-03-10T18:29:59Z"), true); // 23:59:59 the 10th
        ledger.counted(CAMPAIGN, Instant.parse("2026-03-10T18:30:00Z"), false); // 00:00:00 the 11th
        Instant now = Instant.parse("2026-03-10T19:00:00Z");
        assertEquals(new Tally(1, 0), ledger.tallies(CAMPAIGN, KOLKATA, now).today());
        assertEquals(new Tally(2, 1), ledger.tallies(CAMPAIGN, KOLKATA, now).window());
    }

    @Test
    void aCallIsInTheWindowUntilExactlyThirtyDaysAfterIt() {
        Instant answered = Instant.parse("2026-03-01T10:00:00Z"); // on a quarter-hour
        ledger.counted(CAMPAIGN, answered, true);
        Instant edge = answered.plus(Duration.ofDays(30));

        assertEquals(new Tally(1, 1), ledger.tallies(CAMPAIGN, UTC, edge.minusMillis(1)).window());
        assertEquals(Tally.NONE, ledger.tallies(CAMPAIGN, UTC, edge).window());
        assertEquals(Tally.NONE, ledger.tallies(CAMPAIGN, UTC, edge.plus(Duration.ofDays(400))).window());
    }

    @Test
    void theWindowMovesInQuarterHoursSoACallLeavesAtMostFifteenMinutesEarly() {
        Instant answered = Instant.parse("2026-03-01T10:14:59Z"); // the end of the 10:00 quarter-hour
        ledger.counted(CAMPAIGN, answered, false);
        Instant bucketEnd = Instant.parse("2026-03-31T10:00:00Z");
        assertEquals(new Tally(1, 0), ledger.tallies(CAMPAIGN, UTC, bucketEnd.minusMillis(1)).window());
        assertEquals(Tally.NONE, ledger.tallies(CAMPAIGN, UTC, bucketEnd).window(),
                "counted from its quarter-hour: out 30 days after 10:00, 14 min 59 s before 30 days after the call");
    }

    @Test
    void callsLeaveTheWindowOneByOneAsTimeMovesOn() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int day = 0; day < 40; day++) {
            ledger.counted(CAMPAIGN, start.plus(Duration.ofDays(day)), day % 4 == 0);
        }
        // On day 39 the window holds days 10..39: 30 calls, abandoned on days 12, 16, ..., 36: 7.
        Instant now = start.plus(Duration.ofDays(39)).plusSeconds(1);
        assertEquals(new Tally(30, 7), ledger.tallies(CAMPAIGN, UTC, now).window());
        assertEquals(new Tally(1, 0), ledger.tallies(CAMPAIGN, UTC, now).today());
        // Asked again a day later, with nothing new: day 10 left.
        assertEquals(new Tally(29, 7), ledger.tallies(CAMPAIGN, UTC, now.plus(Duration.ofDays(1))).window());
    }

    @Test
    void aLateRecordOfAnEarlierAnswerCountsWhereItWasAnswered() {
        Instant now = Instant.parse("2026-03-10T12:00:00Z");
        ledger.counted(CAMPAIGN, now, false);
        ledger.counted(CAMPAIGN, now.minus(Duration.ofDays(29)), true); // a late write, still inside
        ledger.counted(CAMPAIGN, now.minus(Duration.ofDays(31)), true); // outside: not counted anywhere
        assertEquals(new Tally(2, 1), ledger.tallies(CAMPAIGN, UTC, now).window());
    }

    @Test
    void theFallBackDayOfDaylightSavingCountsAllTwentyFiveHours() {
        // Kyiv falls back on 2026-10-25: the local day lasts 25 h, 21:00 UTC on the 24th to 22:00 UTC on the 25th.
        AbandonmentLedger shortWindow = AbandonmentLedger.empty(new AbandonmentSettings(3.0, Duration.ofDays(1),
                Duration.ofSeconds(2), 5, "x"));
        shortWindow.counted(CAMPAIGN, Instant.parse("2026-10-24T21:00:00Z"), true);
        shortWindow.counted(CAMPAIGN, Instant.parse("2026-10-25T21:59:00Z"), false);
        Instant now = Instant.parse("2026-10-25T21:59:30Z");
        assertEquals(new Tally(2, 1), shortWindow.tallies(CAMPAIGN, KYIV, now).today());
        assertEquals(new Tally(1, 0), shortWindow.tallies(CAMPAIGN, KYIV, now).window(), "a 1-day window is 24 h");
    }

    @Test
    void campaignsAreCountedApart() {
        Instant now = Instant.parse("2026-03-10T12:00:00Z");
        ledger.counted(1, now, true);
        ledger.counted(2, now, false);
        assertEquals(new Tally(1, 1), ledger.tallies(1, UTC, now).window());
        assertEquals(new Tally(1, 0), ledger.tallies(2, UTC, now).window());
        assertEquals(Tally.NONE, ledger.tallies(3, UTC, now).window());
    }

    @Test
    void theCountsSurviveARestartFromTheTable() {
        try (Database database = Database.open(StorageSettings.h2Memory("ledger-" + UUID.randomUUID()))) {
            Transactor db = new Transactor(database.dataSource());
            Instant now = Instant.parse("2026-03-10T12:00:00Z");
            db.inTransaction(c -> {
                AbandonmentLedger.insert(c, CAMPAIGN, now.minus(Duration.ofDays(40)), true); // out of the window
                AbandonmentLedger.insert(c, CAMPAIGN, now.minus(Duration.ofDays(29)), true);
                AbandonmentLedger.insert(c, CAMPAIGN, now.minus(Duration.ofHours(1)), false);
                AbandonmentLedger.insert(c, CAMPAIGN, now.minusSeconds(5), true);
                AbandonmentLedger.insert(c, 8, now.minusSeconds(5), false);
                return null;
            });
            AbandonmentLedger loaded = AbandonmentLedger.load(db, AbandonmentSettings.DEFAULTS, now);
            assertEquals(new AbandonmentLedger.Tallies(new Tally(3, 2), new Tally(2, 1)),
                    loaded.tallies(CAMPAIGN, UTC, now));
            assertEquals(new Tally(1, 0), loaded.tallies(8, UTC, now).window());
        }
    }

    @Test
    void settingsNameTheKeyAndTheRange() {
        var d = AbandonmentSettings.DEFAULTS;
        assertEquals("pacing.abandonment.target-percent must be more than 0 and at most 100, was 0.0",
                assertThrows(IllegalArgumentException.class, () -> new AbandonmentSettings(0, d.window(), d.grace(),
                        d.minTeam(), d.message())).getMessage());
        assertEquals("pacing.abandonment.window must be 1d..366d in whole quarter-hours (15m), was PT24H10M",
                assertThrows(IllegalArgumentException.class, () -> new AbandonmentSettings(3, Duration.ofMinutes(1450),
                        d.grace(), d.minTeam(), d.message())).getMessage());
        assertEquals("pacing.abandonment.grace must be 100ms..60s, was PT0S",
                assertThrows(IllegalArgumentException.class, () -> new AbandonmentSettings(3, d.window(), Duration.ZERO,
                        d.minTeam(), d.message())).getMessage());
        assertEquals("pacing.abandonment.min-team must be 1..10000, was 0",
                assertThrows(IllegalArgumentException.class, () -> new AbandonmentSettings(3, d.window(), d.grace(),
                        0, d.message())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AbandonmentSettings(3, d.window(), d.grace(), 5, " "));
    }
}
