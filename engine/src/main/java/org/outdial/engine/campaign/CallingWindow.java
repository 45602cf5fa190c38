package org.outdial.engine.campaign;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;

/**
 * When an autodialer may call: from {@code startDate} to {@code endDate} (both inclusive), on
 * each weekday (Monday first) from {@code timeFrom} to {@code timeTo}; a null pair means no calls
 * that day. Times are read in {@code timeZone}. With {@code calleeLocalTime}, a number is also
 * only called while the callee's own local time is inside the day's window.
 */
public record CallingWindow(LocalDate startDate, LocalDate endDate, List<LocalTime> timeFrom,
                            List<LocalTime> timeTo, ZoneId timeZone, boolean calleeLocalTime) {

    public CallingWindow {
        timeFrom = Collections.unmodifiableList(new java.util.ArrayList<>(timeFrom));
        timeTo = Collections.unmodifiableList(new java.util.ArrayList<>(timeTo));
        if (timeFrom.size() != 7 || timeTo.size() != 7) {
            throw new IllegalArgumentException("timeFrom and timeTo must have 7 entries");
        }
    }
}
