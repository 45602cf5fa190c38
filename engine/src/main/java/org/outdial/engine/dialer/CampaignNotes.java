package org.outdial.engine.dialer;

import java.util.Optional;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.CampaignStatus;
import org.outdial.engine.pacing.Pacer;

/**
 * What the dialer has to say about a campaign, shown with it as its {@code statusNote}: that
 * this version does not dial its type or mode, or that its trunk is down. The API prints it.
 */
@FunctionalInterface
public interface CampaignNotes {

    Optional<String> of(Campaign campaign);

    /** Only what this version cannot dial: for a process without telephony (no trunk configured). */
    static CampaignNotes withoutTelephony() {
        return CampaignNotes::notDialed;
    }

    /**
     * The note of a campaign whose type's flow or mode's pacer this version lacks (issue 4: they
     * are stored and validated, and say plainly that they are not dialed), unless it is FINISHED.
     */
    static Optional<String> notDialed(Campaign campaign) {
        if (campaign.status() == CampaignStatus.FINISHED) {
            return Optional.empty();
        }
        return CallFlows.missing(campaign.type()).or(() -> Pacer.of(campaign.mode()).missing())
                .map(lacks -> campaign.type() + " autodialers in " + campaign.mode() + " mode need " + lacks
                        + ", which this version does not connect yet: it does not dial them");
    }
}
