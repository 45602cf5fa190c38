package org.outdial.engine.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.CampaignEvent;
import org.outdial.engine.campaign.CampaignStore;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.history.CallHistoryRepository;
import org.outdial.engine.history.CallRecord;
import org.outdial.engine.number.BlockedNumbers;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.number.PhoneNumbers;

/**
 * Queues, reads and cancels call jobs (see the package). Unlike ADD_NUMBERS, {@link #add} never
 * treats a phone the autodialer holds as a duplicate: it queues another job with a new id, which
 * the dialer calls after the earlier ones (never at the same time: the claim's guard). Every other
 * rule is the number store's: phones are normalized (a request with a wrong one is refused whole,
 * "Wrong numbers"), a phone on BLOCKED_FOR_AUTODIAL_PHONES is queued as a BLOCKED job (never
 * called, so that each phone sent still has its job id), the per-request and per-autodialer
 * limits, the statistics and the status moving (NO_NUMBERS or FINISHED to WAITING).
 */
public final class CallJobs {

    private final CampaignStore store;
    private final BlockedNumbers blocked;
    private final CallJobRepository jobs = new CallJobRepository();
    private final CallHistoryRepository history = new CallHistoryRepository();

    public CallJobs(CampaignStore store, BlockedNumbers blocked) {
        this.store = store;
        this.blocked = blocked;
    }

    /**
     * Queues one job per draft, in order; answers their ids in the same order.
     *
     * @throws EngineException "Task not found", "Numbers is null or empty", "Too many numbers",
     *                         "Wrong numbers" (data: the phones as sent), "Numbers limit exceeded"
     */
    public List<Long> add(long campaignId, List<CallJobDraft> drafts) {
        store.db().read(c -> store.campaigns().find(c, campaignId)).orElseThrow(CallJobs::taskNotFound);
        if (drafts.isEmpty()) {
            throw EngineException.invalid("Numbers is null or empty");
        }
        if (drafts.size() > store.limits().maxAddNumbers()) {
            throw EngineException.invalid("Too many numbers");
        }
        List<String> phones = new ArrayList<>(drafts.size());
        List<Object> wrong = new ArrayList<>();
        for (CallJobDraft d : drafts) {
            String phone = PhoneNumbers.normalize(d.phone());
            if (phone == null) {
                wrong.add(d.phone());
            }
            phones.add(phone);
        }
        if (!wrong.isEmpty()) {
            throw EngineException.invalid("Wrong numbers", wrong);
        }
        Set<String> blockedPhones = blocked.blockedForAdding(phones);
        List<Long> ids = store.handler().exclusively(() -> {
            store.expander().awaitExpanded(campaignId);
            Instant now = store.clock().instant();
            return store.db().inTransaction(c -> {
                Campaign campaign = store.campaigns().lock(c, campaignId).orElseThrow(CallJobs::taskNotFound);
                store.expander().awaitExpanded(c, campaignId);
                if (store.numbers().count(c, campaignId) + drafts.size() > store.limits().maxNumbersPerTask()) {
                    throw EngineException.conflict("Numbers limit exceeded");
                }
                return queue(c, campaign, drafts, phones, blockedPhones, now);
            });
        });
        store.changes().changed(campaignId);
        return ids;
    }

    private List<Long> queue(Connection c, Campaign campaign, List<CallJobDraft> drafts, List<String> phones,
                             Set<String> blockedPhones, Instant now) throws SQLException {
        Map<String, Integer> lastSeq = new HashMap<>();
        EnumMap<NumberState, Long> deltas = new EnumMap<>(NumberState.class);
        List<Long> ids = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            String phone = phones.get(i);
            Integer last = lastSeq.get(phone);
            if (last == null) {
                OptionalInt stored = jobs.lastSeq(c, campaign.id(), phone);
                last = stored.isPresent() ? stored.getAsInt() : -1;
            }
            int seq = last + 1;
            if (seq == 1) {
                jobs.markShared(c, campaign.id(), phone);
            }
            boolean isBlocked = blockedPhones.contains(phone);
            NumberState state = isBlocked ? NumberState.BLOCKED : NumberState.NEW;
            ids.add(jobs.insert(c, campaign.id(), phone, state, isBlocked ? now : null, seq, seq > 0, drafts.get(i)));
            lastSeq.put(phone, seq);
            deltas.merge(state, 1L, Long::sum);
        }
        store.counts().adjust(c, campaign.id(), deltas);
        if (deltas.containsKey(NumberState.NEW)) {
            store.transitions().apply(c, campaign, CampaignEvent.NUMBERS_ADDED, now);
        }
        return ids;
    }

    /**
     * The autodialer's jobs with the given ids or phones (every job of each phone, however it was
     * queued), by id, each with its calls. Ids of other autodialers' jobs find nothing.
     *
     * @throws EngineException "Task not found", "Wrong numbers" (data: the phones as sent)
     */
    public List<CallJob> find(long campaignId, Collection<Long> ids, Collection<String> rawPhones) {
        Set<String> phones = phones(rawPhones);
        store.expander().awaitExpanded(campaignId); // first, holding no connection while it waits
        return store.db().read(c -> {
            store.campaigns().find(c, campaignId).orElseThrow(CallJobs::taskNotFound);
            if (ids.isEmpty() && phones.isEmpty()) {
                return List.<CallJob>of();
            }
            List<CallJobRepository.Row> rows = jobs.find(c, campaignId, ids, phones);
            Map<Long, List<CallRecord>> calls = new HashMap<>();
            for (CallRecord r : history.forNumbers(c, campaignId, rows.stream().map(CallJobRepository.Row::id).toList())) {
                calls.computeIfAbsent(r.numberId(), k -> new ArrayList<>()).add(r);
            }
            return rows.stream().map(r -> new CallJob(r.id(), r.campaignId(), r.phone(), r.state(), r.stateAt(),
                    r.calledCount(), r.nextAttemptAt(), r.queuedByJobs(), r.canceledAt(), r.payload(),
                    calls.getOrDefault(r.id(), List.of()))).toList();
        });
    }

    /**
     * Cancels the jobs {@link #add} queued with the given ids or phones that are still waiting for
     * a call (NEW, or a retry pending): they become CANCEL and are not called again. A job being
     * dialed, finished, or queued otherwise (UniTalk's ADD_NUMBERS) is left as it is. Answers the
     * ids canceled, by id.
     *
     * @throws EngineException "Task not found", "Wrong numbers" (data: the phones as sent)
     */
    public List<Long> cancel(long campaignId, Collection<Long> ids, Collection<String> rawPhones) {
        Set<String> phones = phones(rawPhones);
        store.db().read(c -> store.campaigns().find(c, campaignId)).orElseThrow(CallJobs::taskNotFound);
        if (ids.isEmpty() && phones.isEmpty()) {
            return List.of();
        }
        List<Long> canceled = store.handler().exclusively(() -> {
            store.expander().awaitExpanded(campaignId);
            Instant now = store.clock().instant();
            return store.db().inTransaction(c -> {
                store.campaigns().lock(c, campaignId).orElseThrow(CallJobs::taskNotFound);
                List<Long> done = new ArrayList<>();
                EnumMap<NumberState, Long> deltas = new EnumMap<>(NumberState.class);
                for (CallJobRepository.Row job : jobs.find(c, campaignId, ids, phones)) {
                    boolean waiting = job.state() == NumberState.NEW
                            || job.state() != NumberState.DIALING && job.nextAttemptAt() != null;
                    if (job.queuedByJobs() && waiting && jobs.cancel(c, job, now)) {
                        done.add(job.id());
                        deltas.merge(job.state(), -1L, Long::sum);
                        deltas.merge(NumberState.CANCEL, 1L, Long::sum);
                    }
                }
                store.counts().adjust(c, campaignId, deltas);
                return done;
            });
        });
        if (!canceled.isEmpty()) {
            store.changes().changed(campaignId);
        }
        return canceled;
    }

    private static Set<String> phones(Collection<String> raw) {
        Set<String> phones = new LinkedHashSet<>();
        List<Object> wrong = new ArrayList<>();
        for (String p : raw) {
            String phone = PhoneNumbers.normalize(p);
            if (phone == null) {
                wrong.add(p);
            } else {
                phones.add(phone);
            }
        }
        if (!wrong.isEmpty()) {
            throw EngineException.invalid("Wrong numbers", wrong);
        }
        return phones;
    }

    private static EngineException taskNotFound() {
        return EngineException.notFound("Task not found");
    }
}
