package org.outdial.engine.dialer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.outdial.engine.campaign.AutodialerMode;
import org.outdial.engine.campaign.AutodialerType;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.CampaignChanges;
import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.campaign.CampaignSettings;
import org.outdial.engine.campaign.CallingWindow;
import org.outdial.engine.campaign.StatusTransitions;
import org.outdial.engine.campaign.TaskEvent;
import org.outdial.engine.campaign.TaskStatus;
import org.outdial.engine.event.EventOutbox;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.BlockedNumbers;
import org.outdial.engine.number.NumberBatches;
import org.outdial.engine.number.NumberRepository;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.number.StateCounts;
import org.outdial.engine.pacing.Pacer;
import org.outdial.engine.pacing.PacingDecision;
import org.outdial.engine.pacing.PacingSettings;
import org.outdial.engine.pacing.PacingSnapshot;
import org.outdial.engine.pacing.TrunkCapacity;
import org.outdial.engine.storage.StorageException;
import org.outdial.engine.storage.Transactor;
import org.outdial.engine.window.CallingWindows;
import org.outdial.engine.window.CalleeTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the autodialers: on each tick (Quartz), window event and change (a call ended, numbers
 * added, unpaused) it looks at one autodialer, asks its pacer how many calls may start, claims
 * that many numbers and starts a call flow for each on a virtual thread. It moves the status
 * (IN_PROGRESS, WAITING, WAITING_REPEAT, FINISHED) as the work goes.
 *
 * <p>Evaluations run one at a time on one thread, so the in-memory view of calls in flight is
 * consistent; the claim itself locks the autodialer's row, so another node never claims the same
 * numbers. FIXED AUTODIAL autodialers dial; the other types and modes need operators, which come
 * later, and wait with a note in their status.
 */
public final class Dialer implements CampaignChanges, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dialer.class);

    /** Seed 004: "if the campaign contains more than 1,000,000 numbers, repeat calls will only start once all unprocessed numbers are finished". */
    static final long EARLY_RETRY_LIMIT = 1_000_000;

    /** What the dialer keeps in memory per autodialer: its calls in flight and the last call's end. */
    private static final class Run {
        final AtomicInteger inFlight = new AtomicInteger();
        volatile Instant lastCallEndedAt;
        volatile boolean lastCallAnswered;
    }

    private final Transactor db;
    private final InstantSource clock;
    private final CampaignRepository campaigns;
    private final NumberRepository numbers;
    private final StateCounts counts;
    private final StatusTransitions transitions;
    private final EventOutbox outbox;
    private final NumberClaims claims;
    private final NumberBatches batches;
    private final CallRecorder recorder;
    private final AutodialFlow flow;
    private final Map<String, TrunkCapacity> trunks;
    private final BlockedNumbers blocked;
    private final WindowAlarms alarms;

    private final Map<Long, Run> runs = new ConcurrentHashMap<>();
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService loop;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    public Dialer(Transactor db, InstantSource clock, CampaignRepository campaigns, NumberRepository numbers,
                  StateCounts counts, StatusTransitions transitions, EventOutbox outbox, CallRecorder recorder,
                  AutodialFlow flow, Map<String, TrunkCapacity> trunks, BlockedNumbers blocked, WindowAlarms alarms) {
        this.db = db;
        this.clock = clock;
        this.campaigns = campaigns;
        this.numbers = numbers;
        this.counts = counts;
        this.transitions = transitions;
        this.outbox = outbox;
        this.claims = new NumberClaims(counts);
        this.batches = new NumberBatches();
        this.recorder = recorder;
        this.flow = flow;
        this.trunks = Map.copyOf(trunks);
        this.blocked = blocked;
        this.alarms = alarms;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "outdial-dialer");
            t.setDaemon(true);
            return t;
        });
        // close() drops the looks scheduled for later and lets the running one finish.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.loop = executor;
    }

    /** The periodic pacing tick: looks at every autodialer that may have work. */
    public void tick() {
        List<Campaign> live = db.read(c -> campaigns.listByStatus(c, List.of(TaskStatus.WAITING, TaskStatus.IN_PROGRESS,
                TaskStatus.WAITING_REPEAT, TaskStatus.WAITING_OPERATORS, TaskStatus.CANCELED, TaskStatus.PAUSED)));
        live.forEach(campaign -> changed(campaign.id()));
    }

    /** An autodialer changed (or its window opened or closed): look at it soon, once. */
    @Override
    public void changed(long autodialerId) {
        if (!closed && queued.add(autodialerId)) {
            loop.execute(() -> {
                queued.remove(autodialerId);
                try {
                    evaluate(autodialerId);
                } catch (RuntimeException e) {
                    log.error("Autodialer {}: evaluation failed", autodialerId, e);
                }
            });
        }
    }

    /** Calls in flight for one autodialer (for tests and ops). */
    public int inFlight(long autodialerId) {
        Run run = runs.get(autodialerId);
        return run == null ? 0 : run.inFlight.get();
    }

    /** Calls in flight over all autodialers. */
    public int inFlight() {
        return runs.values().stream().mapToInt(r -> r.inFlight.get()).sum();
    }

    private void evaluate(long id) {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        Optional<Campaign> found = db.read(c -> campaigns.find(c, id));
        if (found.isEmpty()) {
            Run gone = runs.get(id);
            if (gone != null && gone.inFlight.get() == 0) {
                runs.remove(id);
            }
            return;
        }
        Campaign campaign = found.get();
        Run run = runs.computeIfAbsent(id, k -> new Run());
        TaskStatus status = campaign.status();
        if (status == TaskStatus.CANCELED) {
            if (run.inFlight.get() == 0) {
                complete(id, now);
            }
            return;
        }
        CampaignSettings settings = campaign.settings();
        CallingWindow window = settings.window();
        if ((status.active() || status == TaskStatus.PAUSED) && CallingWindows.ended(window, now)) {
            endDatePassed(id, run, now);
            return;
        }
        if (!status.active() || !dials(campaign)) {
            return; // paused, finished, or a type/mode that needs operators (not dialed by this version)
        }
        if (!CallingWindows.isOpen(window, now)) {
            if (status != TaskStatus.WAITING) {
                apply(id, TaskEvent.WINDOW_CLOSED, now);
            }
            CallingWindows.nextOpening(window, now).ifPresent(at -> alarms.at(id, at));
            return;
        }
        CallingWindows.nextClosing(window, now).ifPresent(at -> alarms.at(id, at));
        String trunkName = flow.trunkFor(campaign);
        TrunkCapacity trunk = trunks.get(trunkName);
        if (trunk == null) {
            log.warn("Autodialer {}: trunk '{}' is not configured; not dialing", id, trunkName);
            return;
        }
        PacingDecision decision = Pacer.of(campaign.mode()).decide(new PacingSnapshot(
                new PacingSettings.Fixed(settings.threadCount(), settings.callDelay(), settings.callDelayOnlyAnswered()),
                new PacingSnapshot.CampaignCalls(run.inFlight.get(), run.lastCallEndedAt, run.lastCallAnswered),
                new PacingSnapshot.TrunkRoom(trunk.freeLines(), trunk.callsAllowedNow(now)), 0,
                PacingSnapshot.CallStatistics.NONE), now);
        if (decision.wakeAt() != null) {
            long delay = Math.max(1, decision.wakeAt().toEpochMilli() - now.toEpochMilli());
            loop.schedule(() -> changed(id), delay, TimeUnit.MILLISECONDS);
        }
        int lines = 0;
        while (lines < decision.callsToStart() && trunk.tryAcquire(now)) {
            lines++;
        }
        NumberClaims.Claimed claimed = lines == 0 ? new NumberClaims.Claimed(List.of(), List.of(), 0)
                : claim(campaign, lines, now);
        for (int unused = lines - claimed.toCall().size(); unused > 0; unused--) {
            trunk.release();
        }
        for (AutodialNumber number : claimed.toCall()) {
            start(campaign, run, trunk, number);
        }
        if (claimed.toCall().isEmpty() && run.inFlight.get() == 0) {
            settle(campaign, now);
        }
    }

    /** Whether this version dials the autodialer: AUTODIAL in FIXED mode; the rest need operators. */
    public static boolean dials(Campaign campaign) {
        return campaign.type() == AutodialerType.AUTODIAL && campaign.mode() == AutodialerMode.FIXED;
    }

    private NumberClaims.Claimed claim(Campaign campaign, int wanted, Instant now) {
        long id = campaign.id();
        CampaignSettings settings = campaign.settings();
        return db.inTransaction(c -> {
            Optional<Campaign> locked = campaigns.lock(c, id);
            if (locked.isEmpty() || !locked.get().status().active() || batches.pending(c, id)) {
                // Pending: numbers just accepted are being written out (perhaps high-priority ones,
                // which must go first); the expander says when they are all rows.
                return new NumberClaims.Claimed(List.of(), List.of(), 0);
            }
            EnumMap<NumberState, Long> stateCounts = counts.of(c, id);
            long total = stateCounts.values().stream().mapToLong(Long::longValue).sum();
            boolean retries = settings.repeatCallsSettings() != null
                    && ((settings.repeatCallsSettings().earlyStart() && total <= EARLY_RETRY_LIMIT)
                    || stateCounts.get(NumberState.NEW) == 0);
            NumberClaims.Claimed claimed = claims.claim(c, id, wanted, now, retries, n -> screen(c, settings, n, now));
            for (AutodialNumber n : claimed.blocked()) {
                outbox.append(c, id, TriggerEvent.AUTODIAL_NUMBER_BLOCKED,
                        Map.of("autodialerId", id, "phone", n.phone(), "state", NumberState.BLOCKED.name()), now);
            }
            if (!claimed.toCall().isEmpty()) {
                transitions.apply(c, locked.get(), TaskEvent.DIALING_STARTED, now);
            }
            return claimed;
        });
    }

    private NumberClaims.Verdict screen(Connection c, CampaignSettings settings, AutodialNumber n, Instant now) {
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
        if (settings.window().calleeLocalTime()) {
            CalleeTime.Decision decision = CalleeTime.check(settings.window(), n.phone(), now);
            if (!decision.allowed()) {
                // The note names the zone used and, for numbers whose prefix spans several, all of them.
                log.info("Number {} deferred to {}: callee's local time outside the window ({})", n.phone(),
                        decision.notBefore(), decision.note());
                return new NumberClaims.Verdict.Defer(decision.notBefore());
            }
        }
        return NumberClaims.call();
    }

    private void start(Campaign campaign, Run run, TrunkCapacity trunk, AutodialNumber number) {
        run.inFlight.incrementAndGet();
        calls.execute(() -> {
            boolean answered = false;
            try {
                CallResult result = flow.run(campaign, number);
                answered = result.secondsTalk() != null;
                db.inTransactionRetrying(3, c -> recorder.record(c, result, campaign.settings().repeatCallsSettings()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // The number stays DIALING and is resolved at the next start (crash recovery).
                log.error("Autodialer {}: call to {} could not be recorded", campaign.id(), number.phone(), e);
            } finally {
                trunk.release();
                run.lastCallEndedAt = clock.instant();
                run.lastCallAnswered = answered;
                run.inFlight.decrementAndGet();
                changed(campaign.id());
            }
        });
    }

    /** Nothing was started and nothing is in flight: finished, waiting for retries, or just waiting. */
    private void settle(Campaign campaign, Instant now) {
        long id = campaign.id();
        db.inTransaction(c -> {
            Optional<Campaign> locked = campaigns.lock(c, id);
            if (locked.isEmpty() || !locked.get().status().active()) {
                return null;
            }
            EnumMap<NumberState, Long> stateCounts = counts.of(c, id);
            long pendingRetries = numbers.repeatPending(c, id);
            if (stateCounts.get(NumberState.NEW) == 0 && stateCounts.get(NumberState.DIALING) == 0) {
                if (pendingRetries == 0) {
                    finish(c, locked.get(), now);
                } else if (locked.get().status() != TaskStatus.WAITING_REPEAT) {
                    transitions.apply(c, locked.get(), TaskEvent.ONLY_REPEATS_LEFT, now);
                }
            }
            return null;
        });
    }

    private void endDatePassed(long id, Run run, Instant now) {
        db.inTransaction(c -> {
            Optional<Campaign> locked = campaigns.lock(c, id);
            if (locked.isEmpty()) {
                return null;
            }
            if (batches.pending(c, id)) {
                // Numbers accepted just now are still being written out; the expander says when
                // it is done, and this runs again then, so none of them is left NEW.
                return null;
            }
            long marked = numbers.closeRemaining(c, id, NumberState.AUTOCANCEL, now);
            counts.move(c, id, NumberState.NEW, NumberState.AUTOCANCEL, marked);
            TaskStatus status = transitions.apply(c, locked.get(), TaskEvent.END_DATE_PASSED, now);
            if (status == TaskStatus.CANCELED && run.inFlight.get() == 0) {
                finish(c, campaigns.find(c, id).orElseThrow(), now);
            }
            return null;
        });
    }

    private void complete(long id, Instant now) {
        db.inTransaction(c -> {
            Optional<Campaign> locked = campaigns.lock(c, id);
            if (locked.isPresent() && locked.get().status() == TaskStatus.CANCELED
                    && counts.of(c, id).get(NumberState.DIALING) == 0) {
                finish(c, locked.get(), now);
            }
            return null;
        });
    }

    private void finish(Connection c, Campaign campaign, Instant now) throws SQLException {
        transitions.apply(c, campaign, TaskEvent.COMPLETED, now);
        if (campaign.settings().removeAfterFinish()) {
            numbers.deleteAll(c, campaign.id());
            campaigns.delete(c, campaign.id());
        }
    }

    private void apply(long id, TaskEvent event, Instant now) {
        db.inTransaction(c -> {
            Optional<Campaign> locked = campaigns.lock(c, id);
            return locked.isPresent() ? transitions.apply(c, locked.get(), event, now) : null;
        });
    }

    /** Stops starting calls; calls in flight are hung up by the telephony's close. */
    @Override
    public void close() {
        closed = true;
        // Not shutdownNow: an interrupt that lands while the loop's claim writes the database
        // file closes the file channel, and H2 closes the database with it (see Transactions).
        loop.shutdown();
        calls.shutdown();
        try {
            if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
                loop.shutdownNow();
            }
            if (!calls.awaitTermination(5, TimeUnit.SECONDS)) {
                calls.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
