package org.outdial.engine.dialer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.NumberRepository;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.storage.Transactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash recovery: at start, before the dialer runs, every number left DIALING by a process that
 * died (kill -9, power loss) gets exactly one call record saying the engine restarted during the
 * call, as a FAIL, with the autodialer's retry rules applied. The per-number update only matches
 * a number still DIALING, so running it twice resolves nothing twice.
 *
 * <p>Single node: in a cluster, another live node's DIALING numbers are not orphans; cluster
 * recovery must look at the claiming node, which this version does not record.
 */
public final class DialingRecovery {

    private static final Logger log = LoggerFactory.getLogger(DialingRecovery.class);
    static final String DETAIL = "the engine restarted during the call";

    private final Transactor db;
    private final CampaignRepository campaigns;
    private final NumberRepository numbers;
    private final CallRecorder recorder;

    public DialingRecovery(Transactor db, CampaignRepository campaigns, NumberRepository numbers, CallRecorder recorder) {
        this.db = db;
        this.campaigns = campaigns;
        this.numbers = numbers;
        this.recorder = recorder;
    }

    /** Resolves every orphaned DIALING number; returns how many. */
    public int recover(Instant now) {
        List<AutodialNumber> orphans = db.read(numbers::dialing);
        int resolved = 0;
        for (AutodialNumber n : orphans) {
            boolean done = db.inTransaction(c -> {
                Optional<Campaign> campaign = campaigns.lock(c, n.campaignId());
                if (campaign.isEmpty()) {
                    return false;
                }
                if (!numbers.lockIfDialing(c, n.id())) {
                    return false;
                }
                recorder.record(c, CallResult.withoutCall(n.campaignId(), n, NumberState.FAIL, now, DETAIL),
                        campaign.get().settings().common().repeatCallsSettings());
                return true;
            });
            if (done) {
                resolved++;
            }
        }
        if (resolved > 0) {
            log.warn("Resolved {} numbers left DIALING by a previous run as FAIL ({})", resolved, DETAIL);
        }
        return resolved;
    }
}
