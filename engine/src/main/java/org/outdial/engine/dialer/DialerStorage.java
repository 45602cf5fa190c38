package org.outdial.engine.dialer;

import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.campaign.StatusTransitions;
import org.outdial.engine.event.EventOutbox;
import org.outdial.engine.history.CallHistoryRepository;
import org.outdial.engine.number.NumberRepository;
import org.outdial.engine.number.StateCounts;
import org.outdial.engine.storage.Transactor;

/** The tables the dialer reads and writes, and the database they are in. */
public record DialerStorage(Transactor db, CampaignRepository campaigns, NumberRepository numbers, StateCounts counts,
                            StatusTransitions transitions, EventOutbox outbox, CallRecorder recorder) {

    /** The stateless repositories over {@code db}. */
    public static DialerStorage over(Transactor db) {
        CampaignRepository campaigns = new CampaignRepository();
        StateCounts counts = new StateCounts();
        EventOutbox outbox = new EventOutbox();
        NumberRepository numbers = new NumberRepository();
        return new DialerStorage(db, campaigns, numbers, counts, new StatusTransitions(campaigns, outbox), outbox,
                new CallRecorder(campaigns, numbers, counts, new CallHistoryRepository(), outbox));
    }
}
