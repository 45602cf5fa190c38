package org.outdial.engine.pacing;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything a pacer may look at, at one moment: the campaign's pacing settings, its calls in
 * flight, its trunk's room, and what FREE and SMART will size calls by (free operators, recent
 * answers and abandonments). The dialer fills it; pacers read only it and {@code now}.
 *
 * @param settings      the campaign's mode settings
 * @param calls         this campaign's calls in flight and its last call
 * @param trunk         the room left on the campaign's trunk, across every campaign on it
 * @param freeOperators operators free to take an answered call now (0 until operators are connected)
 * @param recent        this campaign's calls so far, for predictive modes
 */
public record PacingSnapshot(ModeSettings settings, CampaignCalls calls, TrunkRoom trunk, int freeOperators,
                             CallStatistics recent) {

    public PacingSnapshot {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(trunk, "trunk");
        Objects.requireNonNull(recent, "recent");
        if (freeOperators < 0) {
            throw new IllegalArgumentException("freeOperators must be >= 0, was " + freeOperators);
        }
    }

    /**
     * A campaign's own calls.
     *
     * @param inFlight         calls in flight (dialing, ringing or talking)
     * @param lastCallEndedAt  when the last call ended, or null if none has yet
     * @param lastCallAnswered whether that call was answered
     */
    public record CampaignCalls(int inFlight, Instant lastCallEndedAt, boolean lastCallAnswered) {
        public CampaignCalls {
            if (inFlight < 0) {
                throw new IllegalArgumentException("inFlight must be >= 0, was " + inFlight);
            }
        }
    }

    /**
     * A trunk's room, shared by every campaign that dials through it.
     *
     * @param freeLines       {@code max-calls} minus the calls in flight across all campaigns
     * @param callsAllowedNow what is left of the {@code max-cps} budget now
     */
    public record TrunkRoom(int freeLines, int callsAllowedNow) {
        public TrunkRoom {
            if (freeLines < 0) {
                throw new IllegalArgumentException("trunkFreeLines must be >= 0, was " + freeLines);
            }
            if (callsAllowedNow < 0) {
                throw new IllegalArgumentException("trunkCallsAllowedNow must be >= 0, was " + callsAllowedNow);
            }
        }
    }

    /**
     * A campaign's calls since the dialer started: what SMART's answer probability and the
     * abandonment cap (FCC 47 CFR 64.1200(a)(7): 3% over 30 days) will be computed from.
     *
     * @param ended     calls ended
     * @param answered  of those, answered
     * @param abandoned answered but not connected to an operator in time (none without operators)
     */
    public record CallStatistics(long ended, long answered, long abandoned) {

        public static final CallStatistics NONE = new CallStatistics(0, 0, 0);

        public CallStatistics {
            if (ended < 0 || answered < 0 || abandoned < 0 || answered > ended || abandoned > answered) {
                throw new IllegalArgumentException("call statistics must be 0 <= abandoned <= answered <= ended, was "
                        + abandoned + ", " + answered + ", " + ended);
            }
        }
    }
}
