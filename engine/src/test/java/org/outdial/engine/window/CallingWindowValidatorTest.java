package org.outdial.engine.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.outdial.engine.campaign.Refusals.invalid;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outdial.engine.campaign.CallingWindow;
import org.outdial.engine.campaign.CampaignDraft;
import org.outdial.engine.campaign.CampaignDrafts;

class CallingWindowValidatorTest {

    private static final ZoneId DEFAULT = ZoneId.of("UTC");

    private static CallingWindow window(CampaignDraft.Builder draft) {
        return CallingWindowValidator.window(draft.build(), DEFAULT);
    }

    @Test
    void aWindowKeepsItsDaysAndZoneAndAClosedDayStaysNull() {
        List<LocalTime> from = new ArrayList<>(CampaignDrafts.everyDay(LocalTime.of(9, 0)));
        List<LocalTime> to = new ArrayList<>(CampaignDrafts.everyDay(LocalTime.MAX));
        from.set(5, null);
        to.set(5, null);

        CallingWindow window = window(CampaignDrafts.autodial().timeFrom(from).timeTo(to).calleeLocalTime(true));

        assertEquals(LocalTime.MAX, window.timeTo().get(0), "24:00 reaches the end of the day");
        assertNull(window.timeFrom().get(5));
        assertEquals(CampaignDrafts.ZONE, window.timeZone());
        assertTrue(window.calleeLocalTime());
    }

    @Test
    void withoutAZoneTheServersZoneIsUsed() {
        CallingWindow window = window(CampaignDrafts.autodial().timeZone(null));

        assertEquals(DEFAULT, window.timeZone());
        assertFalse(window.calleeLocalTime());
    }

    @Test
    void missingOrReversedDatesAreWrongDates() {
        invalid("Wrong dates", () -> window(CampaignDrafts.autodial().startDate(null)));
        invalid("Wrong dates", () -> window(CampaignDrafts.autodial().endDate(null)));
        invalid("Wrong dates", () -> window(CampaignDrafts.autodial().endDate(LocalDate.of(2025, 12, 31))));
    }

    @Test
    void sixDaysAHalfOpenDayAReversedDayOrNoDayAtAllAreWrongTimeRanges() {
        List<LocalTime> six = Collections.nCopies(6, LocalTime.of(9, 0));
        invalid("Wrong time ranges", () -> window(CampaignDrafts.autodial().timeFrom(six)));
        invalid("Wrong time ranges", () -> window(CampaignDrafts.autodial().timeTo(null)));
        List<LocalTime> halfOpen = new ArrayList<>(CampaignDrafts.everyDay(LocalTime.of(9, 0)));
        halfOpen.set(2, null);
        invalid("Wrong time ranges", () -> window(CampaignDrafts.autodial().timeFrom(halfOpen)));
        invalid("Wrong time ranges", () -> window(CampaignDrafts.autodial().timeFrom(CampaignDrafts.everyDay(LocalTime.of(20, 0)))));
        List<LocalTime> none = Arrays.asList(new LocalTime[7]);
        invalid("Wrong time ranges", () -> window(CampaignDrafts.autodial().timeFrom(none).timeTo(none)));
    }
}
