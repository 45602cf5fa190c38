package org.outdial.api.jsonrpc;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Seed 000's "Limits and restrictions": points per minute and per day for the whole project (the
 * seed ties them to the account's Call API component, and an Outdial server is one project).
 * Points are spent only by a successful request ("marked off only in case of a successful
 * request"); a request that finds a limit used up is refused with {@code limit_exceeded}. Minutes
 * and days are calendar ones in UTC, so {@code minute_reset} and {@code day_reset} are the seconds
 * to the next whole minute and the next midnight UTC. Kept in memory: a restart starts afresh.
 *
 * <p>Thread-safe. Time is handed in.
 */
final class PointLimits {

    /** What {@code metadata.limits} shows. */
    record Limits(@JsonProperty("day_limit") int dayLimit, @JsonProperty("day_remaining") int dayRemaining,
                  @JsonProperty("day_reset") long dayReset, @JsonProperty("minute_limit") int minuteLimit,
                  @JsonProperty("minute_remaining") int minuteRemaining,
                  @JsonProperty("minute_reset") long minuteReset) {
    }

    private final int perMinute;
    private final int perDay;
    private Instant minute = Instant.EPOCH;
    private Instant day = Instant.EPOCH;
    private int usedInMinute;
    private int usedInDay;

    PointLimits(int perMinute, int perDay) {
        this.perMinute = perMinute;
        this.perDay = perDay;
    }

    /** Refuses with {@code limit_exceeded} when fewer than {@code points} are left in the minute or the day. */
    synchronized void check(Instant now, int points) {
        roll(now);
        if (usedInMinute + points > perMinute) {
            throw exceeded("minute", perMinute);
        }
        if (usedInDay + points > perDay) {
            throw exceeded("day", perDay);
        }
    }

    /** Marks off {@code points} for a request that succeeded. */
    synchronized void spend(Instant now, int points) {
        roll(now);
        usedInMinute += points;
        usedInDay += points;
    }

    synchronized Limits at(Instant now) {
        roll(now);
        return new Limits(perDay, Math.max(0, perDay - usedInDay),
                Math.max(1, now.until(day.plus(1, ChronoUnit.DAYS), ChronoUnit.SECONDS)), perMinute,
                Math.max(0, perMinute - usedInMinute),
                Math.max(1, now.until(minute.plus(1, ChronoUnit.MINUTES), ChronoUnit.SECONDS)));
    }

    private void roll(Instant now) {
        Instant thisMinute = now.truncatedTo(ChronoUnit.MINUTES);
        if (!thisMinute.equals(minute)) {
            minute = thisMinute;
            usedInMinute = 0;
        }
        Instant thisDay = now.truncatedTo(ChronoUnit.DAYS);
        if (!thisDay.equals(day)) {
            day = thisDay;
            usedInDay = 0;
        }
    }

    private static RpcException exceeded(String type, int max) {
        return RpcException.of(RpcError.LIMIT_EXCEEDED).with("limit_type", type).with("limit_max_value", max);
    }
}
