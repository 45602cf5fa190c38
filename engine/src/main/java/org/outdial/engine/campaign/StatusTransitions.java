package org.outdial.engine.campaign;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.outdial.engine.event.EventOutbox;
import org.outdial.engine.event.TriggerEvent;

/**
 * Applies a {@link CampaignEvent} to a stored autodialer: computes the next status with
 * {@link CampaignStatus#on}, writes it, and appends the seed's events (AUTODIAL_STATUS_CHANGED, and
 * AUTODIAL_CANCEL / AUTODIAL_AUTOCANCEL / AUTODIAL_FINISH where they apply) in the same transaction.
 */
public final class StatusTransitions {

    private final CampaignRepository campaigns;
    private final EventOutbox outbox;

    public StatusTransitions(CampaignRepository campaigns, EventOutbox outbox) {
        this.campaigns = campaigns;
        this.outbox = outbox;
    }

    /** Returns the status after the event; writes nothing when it does not change. */
    public CampaignStatus apply(Connection c, Campaign campaign, CampaignEvent event, Instant now) throws SQLException {
        CampaignStatus from = campaign.status();
        CampaignStatus to = from.on(event);
        if (to == from) {
            return from;
        }
        campaigns.updateStatus(c, campaign.id(), to, now);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("autodialerId", campaign.id());
        payload.put("name", campaign.name());
        payload.put("previousStatus", from.name());
        payload.put("status", to.name());
        outbox.append(c, campaign.id(), TriggerEvent.AUTODIAL_STATUS_CHANGED, payload, now);
        if (event == CampaignEvent.CANCEL) {
            outbox.append(c, campaign.id(), TriggerEvent.AUTODIAL_CANCEL, payload, now);
        }
        if (event == CampaignEvent.END_DATE_PASSED) {
            outbox.append(c, campaign.id(), TriggerEvent.AUTODIAL_AUTOCANCEL, payload, now);
        }
        if (to == CampaignStatus.FINISHED) {
            outbox.append(c, campaign.id(), TriggerEvent.AUTODIAL_FINISH, payload, now);
        }
        return to;
    }
}
