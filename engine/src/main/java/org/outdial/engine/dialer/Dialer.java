package org.outdial.engine.dialer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.outdial.engine.abandonment.AbandonmentLedger;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.CampaignChanges;
import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.campaign.StatusTransitions;
import org.outdial.engine.campaign.CampaignEvent;
import org.outdial.engine.campaign.CampaignStatus;
import org.outdial.engine.event.EventOutbox;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.number.PhoneNumbers;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.BlockedNumbers;
import org.outdial.engine.number.NumberRepository;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.number.StateCounts;
import org.outdial.engine.operator.OperatorClaims;
import org.outdial.engine.pacing.Outlook;
import org.outdial.engine.pacing.Pacer;
import org.outdial.engine.pacing.PacingDecision;
import org.outdial.engine.pacing.PacingSnapshot;
import org.outdial.engine.scenario.Scenarios;
import org.outdial.engine.storage.Transactor;
import org.outdial.engine.window.CallingWindows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the campaigns: on each tick (Quartz), window event and change (a call ended, numbers
 * added, unpaused, a trunk line freed) it looks at one campaign, asks its {@link Pacer} how many
 * calls may start, takes that many lines from the {@link Dispatcher}, claims as many numbers and
 * starts the campaign type's {@link CallFlow} for each. It moves the status (IN_PROGRESS,
 * WAITING, WAITING_REPEAT, FINISHED) as the work goes.
 *
 * <p>Looks run one at a time on {@link DialerThreads#evaluations()}; the claim itself locks the
 * campaign's row, so another node never claims the same numbers. A campaign whose type has no
 * flow, or whose mode has no pacer, in this version waits, and its note says why.
 */
public final class Dialer implements CampaignChanges, CampaignNotes, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dialer.class);

    /** On top of ring timeout, the longest call and the campaign's delay: audio, hang-up and recording. */
    static final Duration CALL_CAP_MARGIN = Duration.ofMinutes(2);

    private final Transactor db;
    private final InstantSource clock;
    private final DialerThreads threads;
    private final CampaignRepository campaigns;
    private final NumberRepository numbers;
    private final StateCounts counts;
    private final StatusTransitions transitions;
    private final EventOutbox outbox;
    private final CampaignClaims claims;
    private final CallFlows flows;
    private final Routes routes;
    private final DialerSettings settings;
    private final Dispatcher dispatcher;
    private final TrunkWatch trunkWatch;
    private final CallRun.Context callContext;
    private final WindowAlarms alarms;
    private final Operators operators;
    private final LiveCalls live = new LiveCalls();
    private final CallMeters meters;
    private final CallFigures figures = new CallFigures();
    private final OutlookBuilder outlooks;
    /** Campaigns whose last look started fewer calls than it could for want of a ready operator. */
    private final Set<Long> waitingForOperators = ConcurrentHashMap.newKeySet();

    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * A dialer over {@code storage} placing calls with {@code flows} through the trunks of
     * {@code settings}; {@code probe} sends OPTIONS to a trunk that is down (the telephony's).
     */
    public static Dialer create(DialerStorage storage, InstantSource clock, DialerThreads threads, CallFlows flows,
                                Scenarios scenarios, DialerSettings settings, TrunkProbe probe,
                                BlockedNumbers blocked, WindowAlarms alarms, Operators operators) {
        return create(storage, clock, threads, flows, scenarios, settings, probe, blocked, alarms, operators,
                AbandonmentLedger.load(storage.db(), org.outdial.engine.abandonment.AbandonmentSettings.DEFAULTS,
                        clock.instant()));
    }

    /** As above, counting live-answered calls of operator campaigns in {@code ledger}. */
    public static Dialer create(DialerStorage storage, InstantSource clock, DialerThreads threads, CallFlows flows,
                                Scenarios scenarios, DialerSettings settings, TrunkProbe probe,
                                BlockedNumbers blocked, WindowAlarms alarms, Operators operators,
                                AbandonmentLedger ledger) {
        return create(storage, clock, threads, flows, scenarios, settings, probe, blocked, alarms, operators, ledger,
                CallMeters.none());
    }

    /** As above, counting calls, outcomes, claims and trunk refusals in {@code meters} (docs/METRICS.md). */
    public static Dialer create(DialerStorage storage, InstantSource clock, DialerThreads threads, CallFlows flows,
                                Scenarios scenarios, DialerSettings settings, TrunkProbe probe,
                                BlockedNumbers blocked, WindowAlarms alarms, Operators operators,
                                AbandonmentLedger ledger, CallMeters meters) {
        return new Dialer(storage, clock, threads, flows, new Routes(scenarios, settings.trunkNames()), settings,
                probe, new CampaignClaims(storage, blocked), alarms, operators, ledger, meters);
    }

    /**
     * The operators the dialer paces by: who is ready ({@link OperatorClaims#ready}), when someone
     * may have become ready, and which lines each campaign's calls go to.
     */
    public record Operators(OperatorClaims claims, OperatorReadiness readiness, OperatorLineBook lines) {
        public Operators {
            Objects.requireNonNull(claims, "claims");
            Objects.requireNonNull(readiness, "readiness");
            Objects.requireNonNull(lines, "lines");
        }
    }

    private Dialer(DialerStorage storage, InstantSource clock, DialerThreads threads, CallFlows flows, Routes routes,
           DialerSettings settings, TrunkProbe probe, CampaignClaims claims, WindowAlarms alarms, Operators operators,
           AbandonmentLedger ledger, CallMeters meters) {
        this.db = storage.db();
        this.meters = meters;
        this.clock = clock;
        this.threads = threads;
        this.campaigns = storage.campaigns();
        this.numbers = storage.numbers();
        this.counts = storage.counts();
        this.transitions = storage.transitions();
        this.outbox = storage.outbox();
        this.claims = claims;
        this.flows = flows;
        this.routes = routes;
        this.settings = settings;
        this.dispatcher = new Dispatcher(settings.trunks(), settings.breaker(), this::changed, meters);
        meters.watch(dispatcher, figures, clock);
        this.trunkWatch = new TrunkWatch(this.dispatcher, probe, threads.scheduler(), clock, this::trunkDown);
        this.callContext = new CallRun.Context(db, storage.recorder(), this.dispatcher, threads.scheduler(),
                threads.calls(), clock, trunkWatch::down, ledger, live, figures, meters);
        this.alarms = alarms;
        this.operators = operators;
        this.outlooks = new OutlookBuilder(operators.claims(), live, ledger, settings.ringTimeout());
        // Someone may be free: look again at the campaigns that were waiting for an operator.
        operators.readiness().onReady(() -> waitingForOperators.forEach(this::changed));
    }

    /** The periodic pacing tick: looks at every campaign that may have work. */
    public void tick() {
        List<Campaign> live = db.read(c -> campaigns.listByStatus(c, List.of(CampaignStatus.WAITING, CampaignStatus.IN_PROGRESS,
                CampaignStatus.WAITING_REPEAT, CampaignStatus.WAITING_OPERATORS, CampaignStatus.CANCELED, CampaignStatus.PAUSED)));
        live.forEach(campaign -> changed(campaign.id()));
    }

    /** A campaign changed (or its window opened or closed, or a line freed on its trunk): look at it soon, once. */
    @Override
    public void changed(long campaignId) {
        if (!closed && queued.add(campaignId)) {
            try {
                threads.evaluations().execute(() -> {
                    queued.remove(campaignId);
                    try {
                        evaluate(campaignId);
                    } catch (RuntimeException e) {
                        log.error("Autodialer {}: evaluation failed", campaignId, e);
                    }
                });
            } catch (RejectedExecutionException e) {
                queued.remove(campaignId); // closing
            }
        }
    }

    /**
     * Completes once every look queued before this call has run: after {@code changed(id)} then
     * {@code flush()}, the dialer has looked at the campaign, so a test can assert what it did not start.
     */
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            threads.evaluations().execute(() -> done.complete(null));
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Calls in flight for one campaign (for tests and ops). */
    public int inFlight(long campaignId) {
        return dispatcher.inFlight(campaignId);
    }

    /**
     * Hangs up the autodialers' calls in flight whose callee number or operator line is {@code number}
     * (seed 004 /calls/hangup); each flow ends the operator's leg too and records the call with
     * hangupBy outdial.
     *
     * @return how many calls were found
     */
    public int hangup(String number) {
        List<LiveCall> found = live.involving(PhoneNumbers.digitsOf(number));
        found.forEach(LiveCall::hangup);
        return found.size();
    }

    /** Calls in flight over all campaigns. */
    public int inFlight() {
        return dispatcher.inFlight();
    }

    /** Each campaign's dialed calls over the last hour: the dashboard's rate, ASR, ACD and post-dial delay. */
    public CallFigures figures() {
        return figures;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** The campaign's note: not dialed by this version, or its trunk is down. */
    @Override
    public Optional<String> of(Campaign campaign) {
        Optional<String> notDialed = CampaignNotes.notDialed(campaign);
        if (notDialed.isPresent() || !campaign.status().active()) {
            return notDialed;
        }
        return dispatcher.trunkOf(campaign.id()).flatMap(trunk -> dispatcher.health().stream()
                .filter(h -> h.name().equals(trunk) && !h.up()).findFirst())
                .map(h -> "trunk " + h.name() + " has not answered since " + h.downSince()
                        + ": no calls until it answers again (probed with OPTIONS)");
    }

    private void evaluate(long id) {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        Optional<Campaign> found = db.read(c -> campaigns.find(c, id));
        if (found.isEmpty()) {
            dispatcher.forget(id);
            live.forget(id);
            meters.forget(id);
            figures.forget(id);
            return;
        }
        Campaign campaign = found.get();
        CampaignStatus status = campaign.status();
        if (status == CampaignStatus.CANCELED) {
            if (dispatcher.inFlight(id) == 0) {
                complete(id, now);
            }
            return;
        }
        DialPlan plan = DialPlan.of(campaign);
        if ((status.active() || status == CampaignStatus.PAUSED) && CallingWindows.ended(plan.window(), now)) {
            endDatePassed(id, now);
            return;
        }
        Pacer pacer = Pacer.of(campaign.mode());
        CallFlow flow = flows.of(campaign.type());
        if (!status.active() || pacer.missing().isPresent() || flow.missing().isPresent()) {
            waitingForOperators.remove(id);
            return; // paused, finished, or a type/mode this version does not dial (its note says so)
        }
        if (!CallingWindows.isOpen(plan.window(), now)) {
            if (status != CampaignStatus.WAITING) {
                apply(id, CampaignEvent.WINDOW_CLOSED, now);
            }
            CallingWindows.nextOpening(plan.window(), now).ifPresent(at -> alarms.at(id, at));
            return;
        }
        CallingWindows.nextClosing(plan.window(), now).ifPresent(at -> alarms.at(id, at));
        Route route = routes.of(plan);
        if (!dispatcher.configured(route.trunk())) {
            log.warn("Autodialer {}: trunk '{}' is not configured; not dialing", id, route.trunk());
            return;
        }
        boolean withOperators = OperatorLineBook.hasOperators(campaign);
        List<String> lines = withOperators ? operators.lines().of(campaign) : List.of();
        PacingSnapshot.OperatorRoom room = withOperators ? operatorRoom(campaign, plan, lines, now)
                : PacingSnapshot.OperatorRoom.NONE;
        // Every campaign with operators gets the outlook (FREE does not read it): O(team + calls), no mode named here.
        Outlook outlook = withOperators ? outlooks.build(campaign, lines, now) : Outlook.NONE;
        PacingDecision decision = pacer.decide(new PacingSnapshot(plan.pacing(), dispatcher.calls(id),
                dispatcher.room(route.trunk(), now), room, dispatcher.statistics(id), outlook), now);
        if (decision.wakeAt() != null) {
            threads.scheduler().after(Duration.ofMillis(Math.max(1, decision.wakeAt().toEpochMilli()
                    - now.toEpochMilli())), () -> changed(id));
        }
        List<Dispatcher.Line> granted = dispatcher.acquire(id, route.trunk(), decision.callsToStart(), now);
        // GUARANTEED_DIAL holds an operator per call before any number is claimed (CallFlow.reserve).
        // Only when there is a number to call: an operator held and given back for nothing would be
        // one more offer in the board's books, and a readiness that wakes this campaign again.
        boolean nothingToCall = !granted.isEmpty() && withOperators && !claims.callable(campaign, plan, now);
        Reservation reserved = granted.isEmpty() || nothingToCall ? Reservation.none(0)
                : flow.reserve(campaign, granted.size(), now);
        List<AutodialNumber> toCall = reserved.calls() == 0 ? List.of() : claim(campaign, plan, reserved.calls(), now);
        for (int i = 0; i < granted.size(); i++) {
            if (i < toCall.size()) {
                LiveCall progress = new LiveCall(now);
                progress.withOperator(reserved.operator(i) != null);
                live.started(id, progress);
                start(flow, new CallTask(campaign, plan, toCall.get(i), route, reserved.operator(i), progress),
                        granted.get(i));
            } else {
                dispatcher.unused(granted.get(i));
            }
        }
        reserved.releaseFrom(toCall.size(), now);
        boolean outOfNumbers = nothingToCall || toCall.size() < reserved.calls();
        if (withOperators && !outOfNumbers && (room.ready() == 0 || reserved.calls() < granted.size())) {
            // Not one that ran out of numbers: an operator given back for want of a number must not
            // wake it again, or the two would chase each other.
            waitingForOperators.add(id);
        } else {
            waitingForOperators.remove(id);
        }
        if (toCall.isEmpty()) {
            // Nobody ready is what holds it back when the pacer wanted calls, or when nothing is going on
            // (a FIXED campaign whose threads are all busy is IN_PROGRESS, not waiting for operators).
            boolean heldByOperators = withOperators && !nothingToCall && reserved.calls() == 0
                    && (!granted.isEmpty() || (room.ready() == 0 && dispatcher.inFlight(id) == 0));
            boolean waiting = heldByOperators && claims.waitForOperators(campaign, plan, now);
            if (!waiting && dispatcher.inFlight(id) == 0) {
                settle(campaign, now);
            }
        }
    }

    /**
     * The campaign's operators as its pacer sees them: ready now, holding this campaign's calls,
     * and the share of its base dialed (read only when {@code coldBaseStartCallsMultiplier} is set,
     * the one option that needs it).
     */
    private PacingSnapshot.OperatorRoom operatorRoom(Campaign campaign, DialPlan plan, List<String> lines,
                                                     Instant now) {
        int ready = operators.claims().ready(lines, now);
        int withCalls = operators.claims().claimedBy(campaign.id());
        double dialed = 0;
        if (plan.pacing() instanceof org.outdial.engine.pacing.ModeSettings.Free free
                && free.pacing().coldBaseStartCallsMultiplier() != null) {
            Map<NumberState, Long> byState = db.read(c -> counts.of(c, campaign.id()));
            long total = byState.values().stream().mapToLong(Long::longValue).sum();
            dialed = PacingSnapshot.OperatorRoom.share(total - byState.getOrDefault(NumberState.NEW, 0L), total);
        }
        return new PacingSnapshot.OperatorRoom(ready, withCalls, dialed);
    }

    /** The claim, timed: its latency is what a slow database shows first (docs/METRICS.md). */
    private List<AutodialNumber> claim(Campaign campaign, DialPlan plan, int wanted, Instant now) {
        long started = System.nanoTime();
        try {
            return claims.claim(campaign, plan, wanted, now);
        } finally {
            meters.claimed(System.nanoTime() - started);
        }
    }

    private void start(CallFlow flow, CallTask task, Dispatcher.Line line) {
        meters.started(task.campaign().id(), line.trunk());
        Duration cap = settings.ringTimeout().plus(settings.maxCallDuration())
                .plus(task.plan().delay()).plus(CALL_CAP_MARGIN);
        threads.calls().execute(new CallRun(callContext, flow, task, line, cap));
    }

    /** A trunk went down: an event for every running campaign on it (the WARN is {@link TrunkWatch}'s). */
    private void trunkDown(String trunk) {
        Instant now = clock.instant();
        for (long id : dispatcher.campaignsOn(trunk)) {
            db.inTransaction(c -> {
                Optional<Campaign> locked = campaigns.lock(c, id);
                if (locked.isPresent() && locked.get().status().active()) {
                    outbox.append(c, id, TriggerEvent.AUTODIAL_TRUNK_DOWN, Map.of("autodialerId", id, "trunk", trunk),
                            now);
                }
                return null;
            });
        }
    }

    /** Nothing was started and nothing is in flight: finished, waiting for retries, or just waiting. */
    private void settle(Campaign campaign, Instant now) {
        long id = campaign.id();
        db.inTransaction(c -> {
            Optional<Campaign> locked = campaigns.lock(c, id);
            if (locked.isEmpty() || !locked.get().status().active()) {
                return null;
            }
            Map<NumberState, Long> stateCounts = counts.of(c, id);
            long pendingRetries = numbers.repeatPending(c, id);
            if (stateCounts.get(NumberState.NEW) == 0 && stateCounts.get(NumberState.DIALING) == 0) {
                if (pendingRetries == 0) {
                    finish(c, locked.get(), now);
                } else if (locked.get().status() != CampaignStatus.WAITING_REPEAT) {
                    transitions.apply(c, locked.get(), CampaignEvent.ONLY_REPEATS_LEFT, now);
                }
            }
            return null;
        });
    }

    private void endDatePassed(long id, Instant now) {
        db.inTransaction(c -> {
            Optional<Campaign> locked = campaigns.lock(c, id);
            if (locked.isEmpty()) {
                return null;
            }
            if (claims.pending(c, id)) {
                // Numbers accepted just now are still being written out; the expander says when
                // it is done, and this runs again then, so none of them is left NEW.
                return null;
            }
            long marked = numbers.closeRemaining(c, id, NumberState.AUTOCANCEL, now);
            counts.move(c, id, NumberState.NEW, NumberState.AUTOCANCEL, marked);
            CampaignStatus status = transitions.apply(c, locked.get(), CampaignEvent.END_DATE_PASSED, now);
            if (status == CampaignStatus.CANCELED && dispatcher.inFlight(id) == 0) {
                finish(c, campaigns.find(c, id).orElseThrow(), now);
            }
            return null;
        });
    }

    private void complete(long id, Instant now) {
        db.inTransaction(c -> {
            Optional<Campaign> locked = campaigns.lock(c, id);
            if (locked.isPresent() && locked.get().status() == CampaignStatus.CANCELED
                    && counts.of(c, id).get(NumberState.DIALING) == 0) {
                finish(c, locked.get(), now);
            }
            return null;
        });
    }

    private void finish(Connection c, Campaign campaign, Instant now) throws SQLException {
        transitions.apply(c, campaign, CampaignEvent.COMPLETED, now);
        if (DialPlan.of(campaign).removeAfterFinish()) {
            numbers.deleteAll(c, campaign.id());
            campaigns.delete(c, campaign.id());
        }
    }

    private void apply(long id, CampaignEvent event, Instant now) {
        db.inTransaction(c -> {
            Optional<Campaign> locked = campaigns.lock(c, id);
            return locked.isPresent() ? transitions.apply(c, locked.get(), event, now) : null;
        });
    }

    /** Stops starting calls; calls in flight are hung up by the telephony's close. */
    @Override
    public void close() {
        closed = true;
        threads.close();
    }
}
