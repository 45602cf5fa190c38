package org.outdial.engine.dialer;

import java.util.Objects;
import java.util.Optional;
import org.outdial.engine.campaign.CampaignType;

/** The call flow of each campaign type: the only place that names the types. */
public final class CallFlows {

    // Seed 004: the guaranteed autodialer connects answered calls to operators, the voice robot
    // runs its script with them; operators come in a later issue.
    private static final CallFlow NEEDS_OPERATORS = CallFlow.notBuilt("operators");

    /** The flows as far as what they lack goes, for a process without telephony (no trunk configured). */
    private static final CallFlows WITHOUT_TELEPHONY = new CallFlows(new CallFlow() {
        @Override
        public CallResult run(CallTask task) {
            throw new IllegalStateException("no telephony: no trunk is configured");
        }
    });

    private final CallFlow autodial;

    public CallFlows(CallFlow autodial) {
        this.autodial = Objects.requireNonNull(autodial, "autodial");
    }

    public CallFlow of(CampaignType type) {
        Objects.requireNonNull(type, "type");
        return switch (type) {
            case AUTODIAL -> autodial;
            case GUARANTEED_DIAL, VOICE_ROBOT -> NEEDS_OPERATORS;
        };
    }

    /** What this version lacks to call a type, known without telephony. */
    public static Optional<String> missing(CampaignType type) {
        return WITHOUT_TELEPHONY.of(type).missing();
    }
}
