package org.outdial.engine;

import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import org.outdial.engine.campaign.CampaignStore;
import org.outdial.engine.campaign.CampaignChanges;
import org.outdial.engine.campaign.CampaignLimits;
import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.campaign.CampaignService;
import org.outdial.engine.campaign.CampaignValidator;
import org.outdial.engine.campaign.References;
import org.outdial.engine.campaign.StatusTransitions;
import org.outdial.engine.event.EventOutbox;
import org.outdial.engine.history.CallHistoryRepository;
import org.outdial.engine.history.CallHistoryService;
import org.outdial.engine.number.BlockedNumbers;
import org.outdial.engine.number.NumberBatches;
import org.outdial.engine.job.CallJobs;
import org.outdial.engine.number.NumberExpander;
import org.outdial.engine.number.NumberIntake;
import org.outdial.engine.number.NumberRepository;
import org.outdial.engine.number.NumberService;
import org.outdial.engine.number.NumberWriter;
import org.outdial.engine.number.NumbersHandler;
import org.outdial.engine.number.StateCounts;
import org.outdial.engine.storage.Transactor;

/**
 * The autodialer services wired together: what {@code /autodial/action} calls. One instance per
 * process; the repositories are stateless and shared. Closing it stops the expander that writes
 * accepted numbers out (what it has not written yet stays stored for the next start).
 *
 * @param zone the zone dates are read and shown in (GET_CALLS_HISTORY, stateDateTime)
 * @param jobs call jobs: a phone queued once per request (JAICP addPhones), read and canceled by job
 */
public record CampaignModule(CampaignService campaigns, NumberService numbers, CallHistoryService history,
                               ZoneId zone, NumberExpander expander, CallJobs jobs) implements AutoCloseable {

    /**
     * How long an action waits for an autodialer's accepted numbers to be written out before it
     * answers "Handler is busy, try again later": 100,000 numbers take one to two seconds, so this
     * only runs out when the store is failing or many autodialers were filled at once.
     */
    public static final Duration EXPANSION_WAIT = Duration.ofSeconds(30);

    public static CampaignModule create(Transactor db, InstantSource clock, ZoneId zone, CampaignLimits limits,
                                          References references, BlockedNumbers blocked, CampaignChanges changes) {
        CampaignRepository campaignRepository = new CampaignRepository();
        NumberRepository numberRepository = new NumberRepository();
        StateCounts counts = new StateCounts();
        StatusTransitions transitions = new StatusTransitions(campaignRepository, new EventOutbox());
        NumberIntake intake = new NumberIntake(references);
        NumberBatches batches = new NumberBatches();
        NumberWriter writer = new NumberWriter(numberRepository, batches, counts, transitions, blocked);
        NumberExpander expander = NumberExpander.start(db, batches, numberRepository, campaignRepository, changes,
                EXPANSION_WAIT);
        NumbersHandler handler = new NumbersHandler();
        CampaignStore store = new CampaignStore(db, clock, limits, campaignRepository, numberRepository, counts,
                transitions, intake, writer, expander, handler, changes);
        CampaignService campaigns = new CampaignService(store, new CampaignValidator(references, zone));
        NumberService numbers = new NumberService(store);
        CallHistoryService history = new CallHistoryService(db, campaignRepository, new CallHistoryRepository(), zone);
        return new CampaignModule(campaigns, numbers, history, zone, expander, new CallJobs(store, blocked));
    }

    @Override
    public void close() {
        expander.close();
    }
}
