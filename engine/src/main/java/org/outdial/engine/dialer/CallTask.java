package org.outdial.engine.dialer;

import java.util.Objects;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.number.AutodialNumber;

/**
 * One call for a flow to make: the claimed number, its campaign as it was when claimed, what the
 * dialer read of its settings, and the route decided for it.
 */
public record CallTask(Campaign campaign, DialPlan plan, AutodialNumber number, Route route) {

    public CallTask {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(route, "route");
    }
}
