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
 * @param operators     the campaign's operators and how far its base is dialed ({@link OperatorRoom#NONE} for FIXED)
 * @param recent        this campaign's calls so far, for predictive modes
 * @param outlook       what SMART predicts from ({@link Outlook#NONE} for FIXED and FREE)
 */
public record PacingSnapshot(ModeSettings settings, CampaignCalls calls, TrunkRoom trunk, OperatorRoom operators,
                             CallStatistics recent, Outlook outlook) {

    public PacingSnapshot {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(trunk, "trunk");
        Objects.requireNonNull(operators, "operators");
        Objects.requireNonNull(recent, "recent");
        Objects.requireNonNull(outlook, "outlook");
    }

    /** A snapshot for a mode that does not predict (FIXED, FREE). */
    public PacingSnapshot(ModeSettings settings, CampaignCalls calls, TrunkRoom trunk, OperatorRoom operators,
                          CallStatistics recent) {
        this(settings, calls, trunk, operators, recent, Outlook.NONE);
    }

    /** Operators ready to take an answered call now, among the campaign's lines. */
    public int freeOperators() {
        return operators.ready();
    }

    /**
     * A campaign's operators (its {@code groupId} members or {@code pseudoGroupOperators}), as the
     * operator board sees them, and its base: what FREE and SMART size calls by.
     *
     * @param ready       lines ready now ({@code OperatorClaims.ready})
     * @param withCalls   lines holding a claim of this campaign (offered or talking, {@code OperatorBoard.claimedBy}):
     *                    its calls in flight that already have an operator
     * @param dialedShare the share of the campaign's numbers already dialed, 0..1 (doneCount / totalCount;
     *                    0 for an empty base): what {@code coldBaseStartCallsMultiplier} depends on
     */
    public record OperatorRoom(int ready, int withCalls, double dialedShare) {

        /** No operators: FIXED, or a dialer without an operator board. */
        public static final OperatorRoom NONE = new OperatorRoom(0, 0, 0);

        public OperatorRoom {
            if (ready < 0) {
                throw new IllegalArgumentException("operators.ready must be >= 0, was " + ready);
            }
            if (withCalls < 0) {
                throw new IllegalArgumentException("operators.withCalls must be >= 0, was " + withCalls);
            }
            if (!(dialedShare >= 0 && dialedShare <= 1)) {
                throw new IllegalArgumentException("operators.dialedShare must be 0..1, was " + dialedShare);
            }
        }

        /** The share of a base of {@code total} numbers of which {@code done} were dialed. */
        public static double share(long done, long total) {
            return total <= 0 ? 0 : Math.min(1, Math.max(0, (double) done / total));
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
