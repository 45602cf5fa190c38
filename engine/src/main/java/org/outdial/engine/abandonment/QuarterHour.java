package org.outdial.engine.abandonment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The ledger's bucket: whole quarter-hours since the epoch. Local midnight falls on a quarter-hour
 * in every zone whose offset is a whole number of quarter-hours, which is every zone in use today
 * (India +05:30, Nepal +05:45, Chatham +12:45), so "today" is a whole number of buckets.
 */
final class QuarterHour {

    private static final long SECONDS = AbandonmentSettings.BUCKET.toSeconds();

    private QuarterHour() {
    }

    /** The bucket {@code at} falls in. */
    static long of(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), SECONDS);
    }

    /** The bucket the current day in {@code zone} starts in (its local midnight, or the first moment after a gap). */
    static long startOfDay(Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return of(today.atStartOfDay(zone).toInstant());
    }

    static Instant start(long bucket) {
        return Instant.ofEpochSecond(bucket * SECONDS);
    }
}
