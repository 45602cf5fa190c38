package org.outdial.engine.window;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Objects;
import java.util.Optional;
import org.outdial.engine.campaign.CallingWindow;

/**
 * When a campaign's calling window (seed 004, ADD/UPDATE: {@code startDate}/{@code endDate},
 * {@code timeFrom}/{@code timeTo} per weekday, Monday first) is open. Pure: every method is handed
 * {@code now} and reads the window in its own {@link CallingWindow#timeZone()}, never the JVM's.
 *
 * <p>A day's window is the half-open interval of instants {@code [timeFrom, timeTo)} on that local
 * date. {@link LocalTime#MAX} as {@code timeTo} is "24:00": the window runs to the next local
 * midnight. A day whose times are null, or whose {@code timeFrom} is not before {@code timeTo}
 * (the seed refuses windows across midnight), has no window.
 *
 * <p>Daylight saving time, one rule for both ends: <em>a local time means the first instant the
 * wall clock shows it</em>.
 * <ul>
 *   <li>Spring forward: a time inside the gap (02:30 when clocks jump from 02:00 to 03:00) is never
 *       shown, so it means the first valid instant after the gap, the transition itself (03:00 new
 *       time). A window 02:30-05:00 opens at 03:00; one ending at 02:30 ends at 03:00 new time.</li>
 *   <li>Fall back: a time inside the overlap (01:30 shown twice when clocks go from 02:00 back to
 *       01:00) means its first occurrence, the earlier offset. For {@code timeFrom} that opens the
 *       window at the first 01:30. For {@code timeTo} it closes the window the first time the callee's
 *       clock shows the end time, so no call is made during the repeated hour while the wall clock
 *       says the window is over. The window is then an hour shorter that day, never longer.</li>
 * </ul>
 */
public final class CallingWindows {

    /**
     * Seven days cover every weekday once; one more covers a search that starts late on a day whose
     * window has passed.
     */
    private static final int DAYS_IN_A_WEEK_AND_ONE = 8;

    private CallingWindows() {
    }

    /** Whether {@code now} is inside the date range and inside that local day's window. */
    public static boolean isOpen(CallingWindow w, Instant now) {
        Objects.requireNonNull(now, "now");
        LocalDate today = localDate(w, now);
        Interval day = dayWindow(w, today);
        return day != null && day.contains(now);
    }

    /** The first instant at or after {@code now} when the window is open; empty if it never opens again. */
    public static Optional<Instant> nextOpening(CallingWindow w, Instant now) {
        Objects.requireNonNull(now, "now");
        return nextOpening(w, now, zone(w), true);
    }

    /**
     * The first instant at or after {@code now} when the window's weekday times, read in
     * {@code zone}, are open; with {@code applyDates} also inside {@code startDate..endDate} read
     * in that zone.
     */
    static Optional<Instant> nextOpening(CallingWindow w, Instant now, ZoneId zone, boolean applyDates) {
        LocalDate date = LocalDate.ofInstant(now, zone);
        if (applyDates && w.startDate() != null && date.isBefore(w.startDate())) {
            date = w.startDate();
        }
        LocalDate last = lastDayToSearch(applyDates ? w.endDate() : null, date);
        for (; !date.isAfter(last); date = date.plusDays(1)) {
            Interval day = dayWindow(w, date, zone, applyDates);
            if (day == null || !day.end().isAfter(now)) {
                continue;
            }
            return Optional.of(day.start().isAfter(now) ? day.start() : now);
        }
        return Optional.empty();
    }

    /** The day's interval that contains {@code t}, read in {@code zone}, or null when closed at {@code t}. */
    static Interval openInterval(CallingWindow w, Instant t, ZoneId zone, boolean applyDates) {
        Interval day = dayWindow(w, LocalDate.ofInstant(t, zone), zone, applyDates);
        return day != null && day.contains(t) ? day : null;
    }

    /**
     * When an open window next closes, following a window that reaches 24:00 into a next day that
     * opens at 00:00 (there is no gap to close in). Empty when the window is not open at
     * {@code now}, and when it never closes (no end date and open around the clock).
     */
    public static Optional<Instant> nextClosing(CallingWindow w, Instant now) {
        Objects.requireNonNull(now, "now");
        LocalDate date = localDate(w, now);
        Interval day = dayWindow(w, date);
        if (day == null || !day.contains(now)) {
            return Optional.empty();
        }
        Instant closing = day.end();
        for (int i = 0; i < DAYS_IN_A_WEEK_AND_ONE; i++) {
            date = date.plusDays(1);
            Interval next = dayWindow(w, date);
            if (next == null || !next.start().equals(closing)) {
                return Optional.of(closing);
            }
            closing = next.end();
        }
        // Every weekday runs 00:00-24:00: the window only closes when the end date is over.
        return w.endDate() == null
                ? Optional.empty()
                : Optional.of(w.endDate().plusDays(1).atStartOfDay(zone(w)).toInstant());
    }

    /**
     * Whether the end date has passed in the window's zone: the local date of {@code now} is after
     * {@code endDate}. Seed 004: numbers left then become AUTOCANCEL.
     */
    public static boolean ended(CallingWindow w, Instant now) {
        Objects.requireNonNull(now, "now");
        return w.endDate() != null && localDate(w, now).isAfter(w.endDate());
    }

    /** The window of one local date in the window's zone, or null when there is none that day. */
    static Interval dayWindow(CallingWindow w, LocalDate date) {
        return dayWindow(w, date, zone(w), true);
    }

    /** The window of one local date read in {@code zone} (the callee's, for {@link CalleeTime}). */
    static Interval dayWindow(CallingWindow w, LocalDate date, ZoneId zone, boolean applyDates) {
        if (applyDates && w.startDate() != null && date.isBefore(w.startDate())) {
            return null;
        }
        if (applyDates && w.endDate() != null && date.isAfter(w.endDate())) {
            return null;
        }
        int weekday = date.getDayOfWeek().getValue() - 1; // seed 004: Monday first
        LocalTime from = w.timeFrom().get(weekday);
        LocalTime to = w.timeTo().get(weekday);
        if (from == null || to == null || !from.isBefore(to)) {
            return null;
        }
        Instant start = firstShown(date.atTime(from), zone);
        Instant end = to.equals(LocalTime.MAX)
                ? date.plusDays(1).atStartOfDay(zone).toInstant()
                : firstShown(date.atTime(to), zone);
        return start.isBefore(end) ? new Interval(start, end) : null;
    }

    static LocalDate localDate(CallingWindow w, Instant now) {
        return LocalDate.ofInstant(now, zone(w));
    }

    static ZoneId zone(CallingWindow w) {
        return Objects.requireNonNull(w.timeZone(), "CallingWindow.timeZone");
    }

    private static LocalDate lastDayToSearch(LocalDate endDate, LocalDate from) {
        // The weekly pattern repeats, so a week (and a day) ahead is as far as a search need go.
        LocalDate weekAhead = from.plusDays(DAYS_IN_A_WEEK_AND_ONE);
        return endDate != null && endDate.isBefore(weekAhead) ? endDate : weekAhead;
    }

    /**
     * The first instant a wall clock in {@code zone} shows {@code local}: the transition instant
     * when it falls in a spring-forward gap, the earlier offset in a fall-back overlap.
     */
    static Instant firstShown(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        // ZonedDateTime.of picks the earlier offset in an overlap.
        return ZonedDateTime.of(local, zone).toInstant();
    }

    /** A half-open interval of instants {@code [start, end)}. */
    record Interval(Instant start, Instant end) {

        boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }
}
