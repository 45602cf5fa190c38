package org.outdial.engine.window;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.outdial.engine.campaign.CallingWindow;
import org.outdial.engine.campaign.CampaignDraft;
import org.outdial.engine.error.EngineException;

/** A draft's dates, weekday times and zone, checked by seed 004's rules into a {@link CallingWindow}. */
public final class CallingWindowValidator {

    private CallingWindowValidator() {
    }

    /** The window, or "Wrong dates" / "Wrong time ranges"; without a zone, {@code defaultZone}. */
    public static CallingWindow window(CampaignDraft draft, ZoneId defaultZone) {
        LocalDate start = draft.startDate();
        LocalDate end = draft.endDate();
        if (start == null || end == null || start.isAfter(end)) {
            // Seed 004: "The call dates are not specified, or the start date of the call exceeds the end date".
            throw EngineException.invalid("Wrong dates");
        }
        List<LocalTime> from = draft.timeFrom();
        List<LocalTime> to = draft.timeTo();
        if (from == null || to == null || from.size() != 7 || to.size() != 7) {
            throw wrongTimeRanges();
        }
        boolean anyDay = false;
        for (int day = 0; day < 7; day++) {
            LocalTime f = from.get(day);
            LocalTime t = to.get(day);
            if ((f == null) != (t == null) || f != null && f.isAfter(t)) {
                throw wrongTimeRanges();
            }
            anyDay |= f != null;
        }
        if (!anyDay) {
            throw wrongTimeRanges();
        }
        ZoneId zone = draft.timeZone() == null ? defaultZone : draft.timeZone();
        return new CallingWindow(start, end, from, to, zone, Boolean.TRUE.equals(draft.calleeLocalTime()));
    }

    /** Seed 004: "does not have 7 elements, any timeFrom pair is later than timeTo or all elements are null". */
    private static EngineException wrongTimeRanges() {
        return EngineException.invalid("Wrong time ranges");
    }
}
