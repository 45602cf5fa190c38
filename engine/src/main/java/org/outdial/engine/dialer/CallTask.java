package org.outdial.engine.dialer;

import java.util.Objects;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.operator.OperatorClaims;

/**
 * One call for a flow to make: the claimed number, its campaign as it was when claimed, what the
 * dialer read of its settings, the route decided for it, the operator reserved for it before
 * its number was claimed (GUARANTEED_DIAL; null for the others), and where the flow reports how
 * far the call has come (SMART's outlook reads it).
 */
public record CallTask(Campaign campaign, DialPlan plan, AutodialNumber number, Route route,
                       OperatorClaims.Claim operator, LiveCall progress) {

    /** A call with no operator reserved, whose progress nobody follows. */
    public CallTask(Campaign campaign, DialPlan plan, AutodialNumber number, Route route) {
        this(campaign, plan, number, route, null, LiveCall.untracked(java.time.Instant.EPOCH));
    }

    /** A call whose progress nobody follows. */
    public CallTask(Campaign campaign, DialPlan plan, AutodialNumber number, Route route,
                    OperatorClaims.Claim operator) {
        this(campaign, plan, number, route, operator, LiveCall.untracked(java.time.Instant.EPOCH));
    }

    public CallTask {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(progress, "progress");
    }
}
