package org.outdial.engine.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outdial.engine.campaign.CallingWindow;

class CalleeTimeTest {

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    private static CallingWindow everyDay(ZoneId zone, String from, String to, boolean calleeLocalTime) {
        List<LocalTime> f = Collections.nCopies(7, LocalTime.parse(from));
        List<LocalTime> t = Collections.nCopies(7, to.equals("24:00") ? LocalTime.MAX : LocalTime.parse(to));
        return new CallingWindow(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), f, t, zone, calleeLocalTime);
    }

    @Test
    void aNewYorkNumberWaitsForNineInNewYorkWhileAKyivCampaignIsOpen() {
        CallingWindow w = everyDay(KYIV, "09:00", "23:00", true);
        Instant now = Instant.parse("2024-06-03T12:00:00Z"); // 15:00 in Kyiv, 08:00 in New York
        CalleeTime.Decision d = CalleeTime.check(w, "+12125550123", now);
        assertFalse(d.allowed());
        assertEquals(ZoneId.of("America/New_York"), d.zone());
        assertEquals(Instant.parse("2024-06-03T13:00:00Z"), d.notBefore(), "09:00 EDT");
        assertTrue(d.note().contains("America/New_York"), d.note());

        CalleeTime.Decision later = CalleeTime.check(w, "12125550123", d.notBefore());
        assertTrue(later.allowed(), "digits without the plus sign are E.164 too");
        assertNull(later.notBefore());
    }

    @Test
    void theCalleeMustAlsoWaitForTheCampaignWindow() {
        CallingWindow w = everyDay(KYIV, "09:00", "18:00", true);
        // 06:00 UTC: 09:00 in Kyiv (open) but 11:30 in Kolkata (open); both open.
        assertTrue(CalleeTime.check(w, "+919812345678", Instant.parse("2024-06-03T06:00:00Z")).allowed());
        // 14:00 UTC: 17:00 in Kyiv, 19:30 in Kolkata: the callee is closed until 09:00 IST tomorrow
        // (03:30 UTC), when Kyiv is still closed (06:30 EEST); both open at 09:00 Kyiv, 06:00 UTC.
        CalleeTime.Decision d = CalleeTime.check(w, "+919812345678", Instant.parse("2024-06-03T14:00:00Z"));
        assertFalse(d.allowed());
        assertEquals(Instant.parse("2024-06-04T06:00:00Z"), d.notBefore());
    }

    @Test
    void aNumberWithSeveralZonesIsAllowedOnlyWhenOpenInAllAndNamesTheOneThatOpenedLast() {
        // +1 709 maps to America/St_Johns (UTC-2:30 in summer) and America/Puerto_Rico (UTC-4).
        CallingWindow w = everyDay(KYIV, "00:00", "24:00", true);
        Instant stJohnsNine = Instant.parse("2024-06-03T11:30:00Z"); // 09:00 NDT, 07:30 AST
        CallingWindow nineToFive = new CallingWindow(w.startDate(), w.endDate(),
                Collections.nCopies(7, LocalTime.of(9, 0)), Collections.nCopies(7, LocalTime.of(17, 0)), KYIV, true);
        CallingWindow calleeNineToFive = new CallingWindow(w.startDate(), w.endDate(),
                nineToFive.timeFrom(), nineToFive.timeTo(), ZoneId.of("America/St_Johns"), true);
        CalleeTime.Decision d = CalleeTime.check(calleeNineToFive, "+17095550123", stJohnsNine);
        assertFalse(d.allowed(), "still 07:30 in Puerto Rico");
        assertEquals(Instant.parse("2024-06-03T13:00:00Z"), d.notBefore(), "09:00 in Puerto Rico");
        assertEquals(ZoneId.of("America/Puerto_Rico"), d.zone());
        assertTrue(d.note().contains("America/St_Johns") && d.note().contains("America/Puerto_Rico"), d.note());

        CalleeTime.Decision open = CalleeTime.check(calleeNineToFive, "+17095550123", d.notBefore());
        assertTrue(open.allowed());
        assertEquals(ZoneId.of("America/Puerto_Rico"), open.zone(), "the zone whose window opened last");
    }

    @Test
    void zonesWithNoCommonOpenTimeFallBackToTheCampaignZoneAndSaySo() {
        // A Russian mobile number maps to zones from Europe/Bucharest (UTC+3 in summer) to
        // Asia/Anadyr (UTC+12): 09-18 there is 06-15 UTC and 21-06 UTC, which never meet.
        CallingWindow w = everyDay(KYIV, "09:00", "18:00", true);
        CalleeTime.Decision d = CalleeTime.check(w, "+79161234567", Instant.parse("2024-06-03T07:00:00Z"));
        assertTrue(d.allowed(), "10:00 in Kyiv");
        assertEquals(KYIV, d.zone());
        assertTrue(d.note().contains("no common open time") && d.note().contains("Europe/Moscow"), d.note());
    }

    @Test
    void zonesSharingOneHourAreCalledOnlyInThatHour() {
        // 09-19 is 06-16 UTC in Bucharest and 21-07 UTC in Anadyr: only 06-07 UTC is open in all.
        CallingWindow w = everyDay(KYIV, "09:00", "19:00", true);
        CalleeTime.Decision late = CalleeTime.check(w, "+79161234567", Instant.parse("2024-06-03T07:00:00Z"));
        assertFalse(late.allowed(), "19:00 in Anadyr");
        assertEquals(Instant.parse("2024-06-04T06:00:00Z"), late.notBefore());
        CalleeTime.Decision inTheHour = CalleeTime.check(w, "+79161234567", Instant.parse("2024-06-04T06:30:00Z"));
        assertTrue(inTheHour.allowed(), inTheHour.note());
        assertEquals(ZoneId.of("Europe/Bucharest"), inTheHour.zone(), "its 09:00 came last");
    }

    @Test
    void anUnknownZoneFallsBackToTheCampaignZoneAndSaysSo() {
        CallingWindow w = everyDay(KYIV, "09:00", "19:00", true);
        Instant evening = Instant.parse("2024-06-03T17:00:00Z"); // 20:00 in Kyiv
        CalleeTime.Decision d = CalleeTime.check(w, "+882345678901", evening); // international network: Etc/Unknown
        assertFalse(d.allowed());
        assertEquals(KYIV, d.zone());
        assertEquals(Instant.parse("2024-06-04T06:00:00Z"), d.notBefore(), "09:00 EEST tomorrow");
        assertTrue(d.note().contains("unknown") && d.note().contains("Europe/Kyiv"), d.note());
        assertTrue(CalleeTime.check(w, "not a number", evening).note().contains("unknown"));
    }

    @Test
    void withoutTheOptInOnlyTheCampaignWindowCounts() {
        CallingWindow w = everyDay(KYIV, "09:00", "23:00", false);
        CalleeTime.Decision d = CalleeTime.check(w, "+12125550123", Instant.parse("2024-06-03T12:00:00Z"));
        assertTrue(d.allowed(), "08:00 in New York does not matter");
        assertEquals(KYIV, d.zone());
    }

    @Test
    void aUkrainianNumberUsesKyivTimeWhateverTheCampaignZone() {
        CallingWindow w = everyDay(ZoneId.of("America/New_York"), "09:00", "24:00", true);
        // 14:00 UTC: 10:00 in New York, 17:00 in Kyiv: both open.
        CalleeTime.Decision open = CalleeTime.check(w, "+380441234567", Instant.parse("2024-06-03T14:00:00Z"));
        assertTrue(open.allowed());
        assertEquals(ZoneId.of("Europe/Kyiv").getRules(), open.zone().getRules());
        // 22:00 UTC: 18:00 in New York, 01:00 in Kyiv. Kyiv opens at 06:00 UTC (02:00 in New York,
        // closed), so both are next open at 09:00 in New York, 13:00 UTC.
        CalleeTime.Decision night = CalleeTime.check(w, "+380441234567", Instant.parse("2024-06-03T22:00:00Z"));
        assertFalse(night.allowed());
        assertEquals(Instant.parse("2024-06-04T13:00:00Z"), night.notBefore());
    }
}
