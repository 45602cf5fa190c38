package org.outdial.engine.dialer;

import java.util.Objects;
import java.util.Optional;
import org.outdial.engine.campaign.CampaignType;

/** The call flow of each campaign type: the only place that names the types. */
public final class CallFlows {

    // Seed 004: the voice robot runs its script with the callee; robots come in a later issue.
    private static final CallFlow NEEDS_ROBOTS = CallFlow.notBuilt("voice robots");

    /** The flows as far as what they lack goes, for a process without telephony (no trunk configured). */
    private static final CallFlows WITHOUT_TELEPHONY = new CallFlows(NoTelephony.INSTANCE, NoTelephony.INSTANCE);

    private final CallFlow autodial;
    private final CallFlow guaranteed;

    public CallFlows(CallFlow autodial, CallFlow guaranteed) {
        this.autodial = Objects.requireNonNull(autodial, "autodial");
        this.guaranteed = Objects.requireNonNull(guaranteed, "guaranteed");
    }

    public CallFlow of(CampaignType type) {
        Objects.requireNonNull(type, "type");
        return switch (type) {
            case AUTODIAL -> autodial;
            case GUARANTEED_DIAL -> guaranteed;
            case VOICE_ROBOT -> NEEDS_ROBOTS;
        };
    }

    /** What this version lacks to call a type, known without telephony. */
    public static Optional<String> missing(CampaignType type) {
        return WITHOUT_TELEPHONY.of(type).missing();
    }

    private enum NoTelephony implements CallFlow {
        INSTANCE;

        @Override
        public CallResult run(CallTask task) {
            throw new IllegalStateException("no telephony: no trunk is configured");
        }
    }
}
