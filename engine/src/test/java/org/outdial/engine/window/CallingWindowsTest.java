package org.outdial.engine.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.outdial.engine.campaign.CallingWindow;

class CallingWindowsTest {

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");

    /** The seed's example: Mon 09-19, Tue-Fri 11-19, no Saturday, Sun 14-17. */
    static CallingWindow seedExample(ZoneId zone, LocalDate start, LocalDate end) {
        return window(zone, start, end,
                new String[] {"09:00", "11:00", "11:00", "11:00", "11:00", null, "14:00"},
                new String[] {"19:00", "19:00", "19:00", "19:00", "19:00", null, "17:00"});
    }

    static CallingWindow everyDay(ZoneId zone, String from, String to) {
        String[] f = new String[7];
        String[] t = new String[7];
        Arrays.fill(f, from);
        Arrays.fill(t, to);
        return window(zone, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31), f, t);
    }

    static CallingWindow window(ZoneId zone, LocalDate start, LocalDate end, String[] from, String[] to) {
        return new CallingWindow(start, end, times(from), times(to), zone, false);
    }

    private static List<LocalTime> times(String[] raw) {
        List<LocalTime> times = new ArrayList<>();
        for (String t : raw) {
            times.add(t == null ? null : t.equals("24:00") ? LocalTime.MAX : LocalTime.parse(t));
        }
        return times;
    }

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    private static Instant utc(String instant) {
        return Instant.parse(instant);
    }

    // 2024-03-18 is a Monday.
    private final CallingWindow seed = seedExample(KYIV, LocalDate.of(2024, 3, 15), LocalDate.of(2024, 5, 15));

    @Test
    void opensAtTimeFromAndClosesJustBeforeTimeTo() {
        assertFalse(CallingWindows.isOpen(seed, at("2024-03-18T08:59:59.999999999", KYIV)));
        assertTrue(CallingWindows.isOpen(seed, at("2024-03-18T09:00", KYIV)));
        assertTrue(CallingWindows.isOpen(seed, at("2024-03-18T18:59:59.999999999", KYIV)));
        assertFalse(CallingWindows.isOpen(seed, at("2024-03-18T19:00", KYIV)));
    }

    @Test
    void eachWeekdayUsesItsOwnTimesMondayFirst() {
        assertTrue(CallingWindows.isOpen(seed, at("2024-03-18T10:00", KYIV)), "Monday opens at 09:00");
        assertFalse(CallingWindows.isOpen(seed, at("2024-03-19T10:00", KYIV)), "Tuesday opens at 11:00");
        assertTrue(CallingWindows.isOpen(seed, at("2024-03-19T11:00", KYIV)));
        assertFalse(CallingWindows.isOpen(seed, at("2024-03-24T13:59", KYIV)), "Sunday opens at 14:00");
        assertTrue(CallingWindows.isOpen(seed, at("2024-03-24T16:59", KYIV)));
        assertFalse(CallingWindows.isOpen(seed, at("2024-03-24T17:00", KYIV)), "Sunday closes at 17:00");
    }

    @Test
    void aNullDayHasNoCallsAndTheNextOpeningSkipsIt() {
        assertFalse(CallingWindows.isOpen(seed, at("2024-03-23T12:00", KYIV)), "Saturday is null");
        assertEquals(Optional.of(at("2024-03-24T14:00", KYIV)),
                CallingWindows.nextOpening(seed, at("2024-03-22T19:00", KYIV)), "Friday evening -> Sunday 14:00");
    }

    @Test
    void nextOpeningIsNowWhileOpenAndTheSameDayLaterBeforeTimeFrom() {
        Instant open = at("2024-03-18T12:34:56.789", KYIV);
        assertEquals(Optional.of(open), CallingWindows.nextOpening(seed, open));
        assertEquals(Optional.of(at("2024-03-19T11:00", KYIV)), CallingWindows.nextOpening(seed, at("2024-03-19T03:00", KYIV)));
    }

    @Test
    void datesAreInclusiveInTheWindowsZone() {
        // 2024-03-15 is a Friday, 2024-05-15 a Wednesday.
        assertFalse(CallingWindows.isOpen(seed, at("2024-03-14T12:00", KYIV)), "Thursday before the start date");
        assertTrue(CallingWindows.isOpen(seed, at("2024-03-15T11:00", KYIV)), "the start date itself");
        assertTrue(CallingWindows.isOpen(seed, at("2024-05-15T18:59", KYIV)), "the end date itself");
        assertEquals(Optional.of(at("2024-03-15T11:00", KYIV)),
                CallingWindows.nextOpening(seed, at("2024-03-01T10:00", KYIV)), "waits for the start date");
        assertEquals(Optional.empty(), CallingWindows.nextOpening(seed, at("2024-05-15T19:00", KYIV)),
                "never opens again after the last day's window");
    }

    @Test
    void endedOnlyOnceTheEndDateIsOverInTheWindowsZone() {
        // 2024-05-15 23:30 in Kyiv is 20:30 UTC; 00:30 on the 16th is 21:30 UTC on the 15th.
        assertFalse(CallingWindows.ended(seed, at("2024-05-15T23:59:59.999999999", KYIV)));
        assertTrue(CallingWindows.ended(seed, at("2024-05-16T00:00", KYIV)));
        assertTrue(CallingWindows.ended(seed, utc("2024-05-15T21:30:00Z")), "already the 16th in Kyiv, still the 15th in UTC");
        assertFalse(CallingWindows.ended(seed, utc("2024-03-01T00:00:00Z")));
    }

    @Test
    void nextClosingIsTheEndOfTodaysWindowAndEmptyWhenClosed() {
        assertEquals(Optional.of(at("2024-03-18T19:00", KYIV)), CallingWindows.nextClosing(seed, at("2024-03-18T09:00", KYIV)));
        assertEquals(Optional.empty(), CallingWindows.nextClosing(seed, at("2024-03-18T19:00", KYIV)));
        assertEquals(Optional.empty(), CallingWindows.nextClosing(seed, at("2024-03-23T12:00", KYIV)));
    }

    @Test
    void twentyFourHundredReachesMidnightAndNoFurther() {
        CallingWindow w = window(KYIV, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31),
                new String[] {"18:00", "10:00", "10:00", "10:00", "10:00", "10:00", "10:00"},
                new String[] {"24:00", "12:00", "12:00", "12:00", "12:00", "12:00", "12:00"});
        assertTrue(CallingWindows.isOpen(w, at("2024-03-18T23:59:59.999999999", KYIV)), "Monday until 24:00");
        assertFalse(CallingWindows.isOpen(w, at("2024-03-19T00:00", KYIV)), "Tuesday does not start at midnight");
        assertEquals(Optional.of(at("2024-03-19T00:00", KYIV)), CallingWindows.nextClosing(w, at("2024-03-18T20:00", KYIV)));
    }

    @Test
    void aWindowReachingMidnightIntoADayOpeningAtMidnightClosesOnlyWhenTheNextDayDoes() {
        CallingWindow w = window(KYIV, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31),
                new String[] {"18:00", "00:00", null, null, null, null, null},
                new String[] {"24:00", "02:00", null, null, null, null, null});
        assertEquals(Optional.of(at("2024-03-19T02:00", KYIV)), CallingWindows.nextClosing(w, at("2024-03-18T20:00", KYIV)));
        assertTrue(CallingWindows.isOpen(w, at("2024-03-19T00:00", KYIV)));
    }

    @Test
    void aWindowOpenAroundTheClockClosesWhenTheEndDateIsOver() {
        CallingWindow w = window(KYIV, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 6, 30),
                new String[] {"00:00", "00:00", "00:00", "00:00", "00:00", "00:00", "00:00"},
                new String[] {"24:00", "24:00", "24:00", "24:00", "24:00", "24:00", "24:00"});
        assertEquals(Optional.of(at("2024-07-01T00:00", KYIV)), CallingWindows.nextClosing(w, at("2024-03-18T20:00", KYIV)));
    }

    @Test
    void aDayWhoseTimeFromIsNotBeforeTimeToHasNoWindow() {
        CallingWindow w = window(KYIV, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31),
                new String[] {"10:00", "20:00", null, null, null, null, null},
                new String[] {"10:00", "08:00", null, null, null, null, null});
        assertFalse(CallingWindows.isOpen(w, at("2024-03-18T10:00", KYIV)), "empty window");
        assertFalse(CallingWindows.isOpen(w, at("2024-03-19T22:00", KYIV)), "across midnight is refused by the seed");
        assertFalse(CallingWindows.isOpen(w, at("2024-03-20T07:00", KYIV)));
        assertEquals(Optional.empty(), CallingWindows.nextOpening(w, at("2024-03-18T00:00", KYIV)));
    }

    @Test
    void aHalfHourZoneShiftsTheWindowByItsOffset() {
        CallingWindow w = everyDay(KOLKATA, "09:00", "18:00");
        assertFalse(CallingWindows.isOpen(w, utc("2024-06-03T03:29:59Z")));
        assertTrue(CallingWindows.isOpen(w, utc("2024-06-03T03:30:00Z")), "09:00 IST is 03:30 UTC");
        assertEquals(Optional.of(utc("2024-06-03T12:30:00Z")), CallingWindows.nextClosing(w, utc("2024-06-03T04:00:00Z")));
    }

    @Test
    void theWindowsZoneDecidesNotTheJvmDefault() {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati")); // UTC+14, far from New York
            CallingWindow w = everyDay(NEW_YORK, "09:00", "17:00");
            assertTrue(CallingWindows.isOpen(w, utc("2024-06-03T13:00:00Z")), "09:00 EDT");
            assertFalse(CallingWindows.isOpen(w, utc("2024-06-03T21:00:00Z")), "17:00 EDT");
            assertEquals(Optional.of(utc("2024-06-04T13:00:00Z")), CallingWindows.nextOpening(w, utc("2024-06-03T21:00:00Z")));
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void aSpringForwardGapOpensAtTheFirstInstantAfterTheGap() {
        // New York, 2024-03-10: 02:00 EST jumps to 03:00 EDT (07:00 UTC). 02:30 is never shown.
        CallingWindow w = everyDay(NEW_YORK, "02:30", "05:00");
        assertEquals(Optional.of(utc("2024-03-10T07:00:00Z")), CallingWindows.nextOpening(w, utc("2024-03-10T06:00:00Z")));
        assertFalse(CallingWindows.isOpen(w, utc("2024-03-10T06:59:59Z")), "01:59:59 EST");
        assertTrue(CallingWindows.isOpen(w, utc("2024-03-10T07:00:00Z")), "03:00 EDT");
        assertEquals(Optional.of(utc("2024-03-10T09:00:00Z")), CallingWindows.nextClosing(w, utc("2024-03-10T07:00:00Z")), "05:00 EDT");
    }

    @Test
    void aSpringForwardGapClosesAWindowEndingInsideItWhenTheClockJumps() {
        CallingWindow w = everyDay(NEW_YORK, "01:00", "02:30");
        assertTrue(CallingWindows.isOpen(w, utc("2024-03-10T06:59:59Z")), "01:59:59 EST");
        assertEquals(Optional.of(utc("2024-03-10T07:00:00Z")), CallingWindows.nextClosing(w, utc("2024-03-10T06:00:00Z")));
    }

    @Test
    void aFallBackOverlapOpensAtTheFirstOccurrence() {
        // New York, 2024-11-03: 02:00 EDT falls back to 01:00 EST; 01:30 is shown at 05:30 and 06:30 UTC.
        CallingWindow w = everyDay(NEW_YORK, "01:30", "04:00");
        assertEquals(Optional.of(utc("2024-11-03T05:30:00Z")), CallingWindows.nextOpening(w, utc("2024-11-03T04:00:00Z")));
        assertTrue(CallingWindows.isOpen(w, utc("2024-11-03T05:30:00Z")), "first 01:30, EDT");
    }

    @Test
    void aFallBackOverlapClosesAtTheFirstOccurrenceOfTimeTo() {
        CallingWindow w = everyDay(NEW_YORK, "00:00", "01:30");
        assertEquals(Optional.of(utc("2024-11-03T05:30:00Z")), CallingWindows.nextClosing(w, utc("2024-11-03T04:30:00Z")));
        assertFalse(CallingWindows.isOpen(w, utc("2024-11-03T06:00:00Z")), "01:00 EST again: the clock already showed 01:30");
    }

    @Test
    void kyivDaysAreTwentyThreeAndTwentyFiveHoursLongOnTransitionDays() {
        CallingWindow w = everyDay(KYIV, "00:00", "24:00");
        // 2024-03-31 03:00 EET -> 04:00 EEST; 2024-10-27 04:00 EEST -> 03:00 EET.
        Instant springStart = at("2024-03-31T00:00", KYIV);
        assertEquals(Duration.ofHours(23), Duration.between(springStart,
                CallingWindows.dayWindow(w, LocalDate.of(2024, 3, 31)).end()));
        assertEquals(Duration.ofHours(25), Duration.between(at("2024-10-27T00:00", KYIV),
                CallingWindows.dayWindow(w, LocalDate.of(2024, 10, 27)).end()));
        CallingWindow nine = everyDay(KYIV, "09:00", "19:00");
        assertTrue(CallingWindows.isOpen(nine, utc("2024-03-31T06:00:00Z")), "09:00 EEST");
        assertFalse(CallingWindows.isOpen(nine, utc("2024-03-30T06:00:00Z")), "08:00 EET the day before");
    }

    @Test
    void aucklandTransitionsFollowTheSameRules() {
        // 2024-09-29 02:00 NZST -> 03:00 NZDT (14:00 UTC on the 28th); 2024-04-07 03:00 NZDT -> 02:00 NZST.
        CallingWindow spring = everyDay(AUCKLAND, "02:15", "06:00");
        assertEquals(Optional.of(utc("2024-09-28T14:00:00Z")), CallingWindows.nextOpening(spring, utc("2024-09-28T12:00:00Z")));
        CallingWindow autumn = everyDay(AUCKLAND, "02:30", "06:00");
        assertEquals(Optional.of(utc("2024-04-06T13:30:00Z")), CallingWindows.nextOpening(autumn, utc("2024-04-06T12:00:00Z")),
                "the first 02:30 is NZDT, UTC+13");
        assertTrue(CallingWindows.isOpen(autumn, utc("2024-04-06T14:30:00Z")), "the second 02:30 is inside the window");
    }

    @Test
    void nextOpeningAlwaysLandsOnAnOpenInstantAndNeverSkipsOne() {
        Random random = new Random(20240318);
        for (ZoneId zone : List.of(KYIV, NEW_YORK, KOLKATA, AUCKLAND)) {
            CallingWindow w = seedExample(zone, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
            for (int i = 0; i < 2_000; i++) {
                // Before 2024-12-17, so the window (ending 2024-12-31) always opens again.
                Instant now = utc("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(350 * 86_400));
                Optional<Instant> next = CallingWindows.nextOpening(w, now);
                assertTrue(next.isPresent(), zone + " " + now);
                Instant opening = next.get();
                assertTrue(CallingWindows.isOpen(w, opening), zone + " opens at " + opening);
                assertEquals(CallingWindows.isOpen(w, now), opening.equals(now), zone + " " + now);
                // Every whole minute before the opening is closed: the search skipped no window.
                for (Instant t = now; t.isBefore(opening); t = t.plus(Duration.ofMinutes(37))) {
                    assertFalse(CallingWindows.isOpen(w, t), zone + " open at " + t + " before " + opening);
                }
                CallingWindows.nextClosing(w, opening).ifPresent(closing -> {
                    assertFalse(CallingWindows.isOpen(w, closing), zone + " closed at " + closing);
                    assertTrue(CallingWindows.isOpen(w, closing.minusNanos(1)));
                });
            }
        }
    }

    @Test
    void theSeedWindowReadInUtcDiffersFromKyivByTheOffset() {
        CallingWindow utcWindow = everyDay(ZoneOffset.UTC, "09:00", "19:00");
        CallingWindow kyiv = everyDay(KYIV, "09:00", "19:00");
        Instant sevenUtc = utc("2024-06-03T07:00:00Z"); // 10:00 EEST
        assertFalse(CallingWindows.isOpen(utcWindow, sevenUtc));
        assertTrue(CallingWindows.isOpen(kyiv, sevenUtc));
    }
}
