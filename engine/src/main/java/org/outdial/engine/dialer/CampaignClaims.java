package org.outdial.engine.dialer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.campaign.StatusTransitions;
import org.outdial.engine.campaign.CampaignEvent;
import org.outdial.engine.event.EventOutbox;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.BlockedNumbers;
import org.outdial.engine.number.NumberBatches;
import org.outdial.engine.number.NumberRepository;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.number.StateCounts;
import org.outdial.engine.storage.StorageException;
import org.outdial.engine.storage.Transactor;
import org.outdial.engine.window.CalleeTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claim for the dialer, in one transaction under the campaign's row lock: which numbers may be
 * taken (repeats or not, {@link RepeatsClaimable}), the blocked list and the callee's local time
 * screened on the way ({@link NumberClaims} picks and marks), and the status moved to IN_PROGRESS.
 */
final class CampaignClaims {

    private static final Logger log = LoggerFactory.getLogger(CampaignClaims.class);

    private final Transactor db;
    private final CampaignRepository campaigns;
    private final StateCounts counts;
    private final StatusTransitions transitions;
    private final EventOutbox outbox;
    private final NumberClaims claims;
    private final NumberRepository storageNumbers;
    private final NumberBatches batches = new NumberBatches();
    private final BlockedNumbers blocked;

    CampaignClaims(DialerStorage storage, BlockedNumbers blocked) {
        this.db = storage.db();
        this.campaigns = storage.campaigns();
        this.counts = storage.counts();
        this.transitions = storage.transitions();
        this.outbox = storage.outbox();
        this.claims = new NumberClaims(storage.numbers(), storage.counts());
        this.storageNumbers = storage.numbers();
        this.blocked = blocked;
    }

    /** Whether numbers just accepted are still being written out (the dialer does not claim then). */
    boolean pending(Connection c, long id) throws SQLException {
        return batches.pending(c, id);
    }

    /** Claims up to {@code wanted} numbers to call now; returns them, marked DIALING. */
    List<AutodialNumber> claim(Campaign campaign, DialPlan plan, int wanted, Instant now) {
        long id = campaign.id();
        return db.inTransaction(c -> {
            Optional<Campaign> locked = campaigns.lock(c, id);
            if (locked.isEmpty() || !locked.get().status().active() || batches.pending(c, id)) {
                // Pending: numbers just accepted are being written out (perhaps high-priority ones,
                // which must go first); the expander says when they are all rows.
                return List.of();
            }
            boolean retries = RepeatsClaimable.now(plan.repeat(), counts.of(c, id));
            NumberClaims.Claimed claimed = claims.claim(c, id, wanted, now, retries, n -> screen(c, plan, n, now));
            for (AutodialNumber n : claimed.blocked()) {
                Map<String, Object> payload = new java.util.LinkedHashMap<>();
                payload.put("autodialerId", id);
                payload.put("phone", n.phone());
                payload.put("name", n.data().name());
                payload.put("note", n.data().note());
                payload.put("state", NumberState.BLOCKED.name());
                payload.put("calledCount", n.calledCount());
                outbox.append(c, id, TriggerEvent.AUTODIAL_NUMBER_BLOCKED, payload, now);
            }
            if (!claimed.toCall().isEmpty()) {
                transitions.apply(c, locked.get(), CampaignEvent.DIALING_STARTED, now);
            }
            return claimed.toCall();
        });
    }

    /**
     * Whether the campaign has numbers to call now (NEW ones, ones being written out, or repeats
     * due and claimable): read before operators are reserved for it, so none is held for nothing.
     */
    boolean callable(Campaign campaign, DialPlan plan, Instant now) {
        return db.read(c -> callable(c, campaign.id(), plan, now));
    }

    private boolean callable(Connection c, long id, DialPlan plan, Instant now) throws SQLException {
        var stateCounts = counts.of(c, id);
        return stateCounts.get(NumberState.NEW) > 0 || batches.pending(c, id)
                || (RepeatsClaimable.now(plan.repeat(), stateCounts)
                && !storageNumbers.dueRetries(c, id, 1, now).isEmpty());
    }

    /**
     * Nobody is ready to take the campaign's calls: WAITING_OPERATORS (seed 004, "Waiting for free
     * operators") when it has numbers to call now. Returns whether it has; one that has none settles
     * as any other (finished, or waiting for its repeats).
     */
    boolean waitForOperators(Campaign campaign, DialPlan plan, Instant now) {
        long id = campaign.id();
        return db.inTransaction(c -> {
            Optional<Campaign> locked = campaigns.lock(c, id);
            if (locked.isEmpty() || !locked.get().status().active()) {
                return false;
            }
            boolean callable = callable(c, id, plan, now);
            if (callable) {
                transitions.apply(c, locked.get(), CampaignEvent.NO_FREE_OPERATORS, now);
            }
            return callable;
        });
    }

    private NumberClaims.Verdict screen(Connection c, DialPlan plan, AutodialNumber n, Instant now) {
        boolean onBlockedList;
        try {
            // On the claim's own connection: a second one from the pool may never come while this
            // transaction holds the autodialer's row and every other connection waits for it.
            onBlockedList = blocked.blockedForCalling(c, n.phone());
        } catch (SQLException e) {
            throw new StorageException(e);
        }
        if (onBlockedList) {
            return new NumberClaims.Verdict.Block();
        }
        if (plan.window().calleeLocalTime()) {
            CalleeTime.Decision decision = CalleeTime.check(plan.window(), n.phone(), now);
            if (!decision.allowed()) {
                // The note names the zone used and, for numbers whose prefix spans several, all of them.
                log.info("Number {} deferred to {}: callee's local time outside the window ({})", n.phone(),
                        decision.notBefore(), decision.note());
                return new NumberClaims.Verdict.Defer(decision.notBefore());
            }
        }
        return NumberClaims.call();
    }
}
