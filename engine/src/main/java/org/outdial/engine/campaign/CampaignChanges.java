package org.outdial.engine.campaign;

/** Told when an autodialer may have new work (numbers added, unpaused, refreshed), so pacing reacts at once. */
@FunctionalInterface
public interface CampaignChanges {

    void changed(long campaignId);

    static CampaignChanges none() {
        return id -> {
        };
    }
}
