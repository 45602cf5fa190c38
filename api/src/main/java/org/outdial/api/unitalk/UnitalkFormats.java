package org.outdial.api.unitalk;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * UniTalk's text forms of dates and times (seed 004), read and written in one place: weekday
 * times in "HH:mm" with "24:00" for the end of the day, dates in ISO form, date-times in
 * "yyyy-MM-dd HH:mm:ss". Reading returns empty for text that is not in the form, so each caller
 * answers with its own seed message ("Wrong dates", "Invalid date from", ...).
 */
final class UnitalkFormats {

    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    /** A window may reach midnight: the engine holds it as the last instant of the day. */
    private static final String END_OF_DAY = "24:00";

    private UnitalkFormats() {
    }

    static Optional<LocalTime> time(String text) {
        if (END_OF_DAY.equals(text)) {
            return Optional.of(LocalTime.MAX);
        }
        try {
            return Optional.of(LocalTime.parse(text, HH_MM));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String time(LocalTime time) {
        return time.equals(LocalTime.MAX) ? END_OF_DAY : time.format(HH_MM);
    }

    static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<LocalDateTime> dateTime(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text, DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<ZoneId> zone(String text) {
        try {
            return Optional.of(ZoneId.of(text));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The constant of {@code type} named {@code name}; empty when there is none. */
    static <E extends Enum<E>> Optional<E> constant(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
