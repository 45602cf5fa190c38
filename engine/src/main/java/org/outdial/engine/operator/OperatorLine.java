package org.outdial.engine.operator;

import java.time.Duration;
import java.time.Instant;
import org.outdial.engine.operator.OperatorClaims.Claim;
import org.outdial.engine.operator.OperatorState.Event;
import org.outdial.engine.pacing.ModeSettings.OperatorPacing;

/**
 * One operator line's facts and state as {@link OperatorBoard} keeps them: registered or not, its
 * work status, its {@link OperatorState}, since when it is idle, the claim it holds. Not
 * thread-safe: every field and method is used under the board's lock only.
 */
final class OperatorLine {

    final String number;
    boolean registered;
    WorkStatus work;
    OperatorState state = OperatorState.OFFLINE;
    /** When the line entered its state: what SMART's outlook reads ({@code OperatorBoard.outlook}). */
    Instant since = Instant.EPOCH;
    /** When the line last became ready: the longest-idle order. */
    Instant idleSince = Instant.EPOCH;
    /** The end of a wrap-up or busy-elsewhere time. */
    Instant until;
    /** The wrap-up came from a campaign with {@code reservedSipsBusyOnlyForAutodials}. */
    boolean busyOnlyForAutodials;
    Claim claim;
    Instant idleBeforeClaim;
    int unansweredInARow;
    /** Talks this line ended since the process started: the dashboard's operators board. */
    int talks;
    /** Their talk time together. */
    Duration talked = Duration.ZERO;

    OperatorLine(String number, WorkStatus work) {
        this.number = number;
        this.work = work;
    }

    /**
     * Whether a claim with {@code pacing} may take this line: a ready one, or (for a claim without
     * FREE/SMART options, an AUTODIAL transfer) one in a wrap-up that is busy for autodialers only.
     */
    boolean claimable(OperatorPacing pacing) {
        return switch (state) {
            case READY -> true;
            case WRAP_UP -> pacing == null && busyOnlyForAutodials && registered && work.working();
            case OFFLINE, OFFERED, TALKING, PAUSED, BUSY_ELSEWHERE -> false;
        };
    }

    /** Whether this line comes before {@code other}: ready before reserved wrap-ups, then the longest idle, then by number. */
    boolean before(OperatorLine other) {
        boolean ready = state == OperatorState.READY;
        boolean otherReady = other.state == OperatorState.READY;
        if (ready != otherReady) {
            return ready;
        }
        Instant mine = ready ? idleSince : until;
        Instant theirs = otherReady ? other.idleSince : other.until;
        int byTime = mine.compareTo(theirs);
        return byTime != 0 ? byTime < 0 : number.compareTo(other.number) < 0;
    }

    /** In a wrap-up or busy-elsewhere time, which ends by itself. */
    boolean timed() {
        return state == OperatorState.WRAP_UP || state == OperatorState.BUSY_ELSEWHERE;
    }

    /** Ends a wrap-up or busy-elsewhere time that is over; true when the line became ready. */
    boolean expire(Instant now) {
        if (!timed() || now.isBefore(until)) {
            return false;
        }
        Instant at = until;
        until = null;
        busyOnlyForAutodials = false;
        return apply(Event.TIME_UP, at); // idle since the time was up, not since someone looked
    }

    /** Moves the line by {@code event}; true when it became ready by it. */
    boolean apply(Event event, Instant now) {
        OperatorState from = state;
        state = from.on(event, registered, work.working());
        if (state != from) {
            since = now;
        }
        if (!timed()) {
            until = null;
            busyOnlyForAutodials = false;
        }
        boolean becameReady = state == OperatorState.READY && from != OperatorState.READY;
        if (becameReady) {
            idleSince = now;
        }
        return becameReady;
    }
}
