package org.outdial.engine.operator;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.outdial.engine.operator.OperatorState.Event;
import org.outdial.engine.pacing.ModeSettings.OperatorPacing;
import org.outdial.engine.pacing.Outlook;
import org.outdial.sip.registrar.Registration;
import org.outdial.sip.registrar.RegistrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of operators' availability (STYLE.md 10): every line's {@link OperatorState}, who
 * holds which claim, and the presence /phones/inner reports. In memory, guarded by one lock held
 * for a few map operations; listeners are told after it is released.
 *
 * <p>Facts come from three places: the registrar ({@link RegistrationListener}: registered or not),
 * the work status ({@link #setWorkStatus}, fed by {@link Operators#onWorkStatus}), and the call flows
 * ({@link OperatorClaims}). Time-bound states (wrap-up, busy elsewhere) end by themselves: every
 * read and claim treats one whose end has passed as over, so no timer is needed for correctness.
 * To tell {@link #onReady} listeners when one ends, the wiring registers {@link #onChangeDue} and
 * calls {@link #tick} at the instant it is given (or at least at every pacing tick).
 */
public final class OperatorBoard implements OperatorClaims, LinePresence, RegistrationListener {

    private static final Logger log = LoggerFactory.getLogger(OperatorBoard.class);

    /**
     * How long a line that answered an offer with 486 Busy Here is left alone: Outdial cannot see
     * the phone's own calls (no dialog-event subscription), so it backs off for about a short call.
     */
    public static final Duration DEFAULT_BUSY_ELSEWHERE = Duration.ofSeconds(30);

    /** Told when Outdial paused an operator after {@code pauseOperatorNoAnswerLimit} unanswered offers. */
    @FunctionalInterface
    public interface PauseListener {
        /**
         * @param lastOffer        the offer that reached the limit (its campaign is the one to tell: AUTODIAL_USER_PAUSED)
         * @param unansweredInARow how many offers in a row went unanswered
         */
        void paused(Claim lastOffer, int unansweredInARow);
    }

    private final Object lock = new Object();
    private final InstantSource clock;
    private final Duration busyElsewhereFor;
    private final Map<String, OperatorLine> lines = new HashMap<>();
    private final Map<String, WorkStatus> workStatuses;
    private final List<Runnable> readyListeners = new CopyOnWriteArrayList<>();
    private final List<PauseListener> pauseListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Instant>> changeDueListeners = new CopyOnWriteArrayList<>();

    /**
     * @param clock            read only for what arrives without a time: registrations and presence queries
     * @param workStatuses     the stored work status of each line ({@link Operators#workStatuses()});
     *                         a line not in it is at WORK
     * @param busyElsewhereFor how long a line that said 486 to an offer is not offered another
     */
    public OperatorBoard(InstantSource clock, Map<String, WorkStatus> workStatuses, Duration busyElsewhereFor) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.workStatuses = new HashMap<>(Objects.requireNonNull(workStatuses, "workStatuses"));
        this.busyElsewhereFor = Objects.requireNonNull(busyElsewhereFor, "busyElsewhereFor");
        if (busyElsewhereFor.isNegative()) {
            throw new IllegalArgumentException("busyElsewhereFor must be >= 0, was " + busyElsewhereFor);
        }
    }

    public OperatorBoard(InstantSource clock, Map<String, WorkStatus> workStatuses) {
        this(clock, workStatuses, DEFAULT_BUSY_ELSEWHERE);
    }

    /**
     * The board of the stored lines: starts from their work statuses, follows every change made
     * through {@link Operators#setWorkStatus}, and stores the pauses it makes itself (PAUS, so that
     * the operator stays paused across a restart until they set WORK).
     */
    public static OperatorBoard of(Operators operators, InstantSource clock) {
        OperatorBoard board = new OperatorBoard(clock, operators.workStatuses());
        operators.onWorkStatus(board::setWorkStatus);
        board.onPaused((offer, inARow) -> {
            try {
                operators.setWorkStatus(offer.line(), WorkStatus.PAUS, null);
            } catch (RuntimeException e) {
                // The line was removed meanwhile, or the database is down: the pause holds in memory.
                log.warn("Operator line {}: automatic pause not stored: {}", offer.line(), e.getMessage());
            }
        });
        return board;
    }

    // ---- listeners

    @Override
    public void onReady(Runnable listener) {
        readyListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Called (outside the board's lock, must not block long) when an operator is paused for unanswered offers. */
    public void onPaused(PauseListener listener) {
        pauseListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Called with the end of every wrap-up and busy-elsewhere time as it starts: schedule
     * {@link #tick} then, so {@link #onReady} listeners hear of the operator at once.
     */
    public void onChangeDue(Consumer<Instant> listener) {
        changeDueListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    // ---- claims

    /**
     * {@inheritDoc}
     *
     * <p>Ready lines first, the longest idle first (ties by number). A claim without FREE/SMART
     * options ({@code pacing == null}: an AUTODIAL campaign's TRANSFER_TO_GROUP) may also take a
     * line in a wrap-up left by a campaign with {@code reservedSipsBusyOnlyForAutodials}: that wrap-up
     * keeps the line from autodialer calls only (docs/DIALER.md, "Operators").
     */
    @Override
    public Optional<Claim> claim(long campaignId, List<String> candidates, OperatorPacing pacing, Instant now) {
        Objects.requireNonNull(now, "now");
        Claim claim;
        synchronized (lock) {
            OperatorLine best = null;
            for (String number : new LinkedHashSet<>(candidates)) {
                OperatorLine line = lines.get(number);
                if (line == null) {
                    continue;
                }
                line.expire(now);
                if (line.claimable(pacing) && (best == null || line.before(best))) {
                    best = line;
                }
            }
            if (best == null) {
                return Optional.empty();
            }
            best.idleBeforeClaim = best.idleSince;
            best.apply(Event.OFFER, now);
            claim = new Claim(best.number, campaignId, pacing, now);
            best.claim = claim;
        }
        return Optional.of(claim);
    }

    @Override
    public int ready(Collection<String> candidates, Instant now) {
        synchronized (lock) {
            int ready = 0;
            for (String number : new LinkedHashSet<>(candidates)) {
                OperatorLine line = lines.get(number);
                if (line != null) {
                    line.expire(now);
                    if (line.state == OperatorState.READY) {
                        ready++;
                    }
                }
            }
            return ready;
        }
    }

    @Override
    public int claimedBy(long campaignId) {
        synchronized (lock) {
            int held = 0;
            for (OperatorLine line : lines.values()) {
                if (line.claim != null && line.claim.campaignId() == campaignId) {
                    held++;
                }
            }
            return held;
        }
    }

    /**
     * Since when the operator of a held claim had been ready when it was claimed: what the seed's
     * history calls the operator's wait for the call ({@code secondsOperatorWaitCall}).
     */
    public Instant readySince(Claim claim) {
        synchronized (lock) {
            return holder(claim).idleBeforeClaim;
        }
    }

    @Override
    public void answered(Claim claim, Instant now) {
        synchronized (lock) {
            OperatorLine line = holder(claim);
            line.apply(Event.ANSWER, now);
            line.unansweredInARow = 0;
        }
    }

    @Override
    public void refused(Claim claim, Refusal why, Instant now) {
        Objects.requireNonNull(why, "why");
        boolean ready;
        int paused = 0;
        Instant due = null;
        synchronized (lock) {
            OperatorLine line = holder(claim);
            switch (why) {
                case NO_ANSWER, DECLINED -> {
                    line.unansweredInARow++;
                    line.apply(Event.NOT_TAKEN, now);
                    Integer limit = claim.pacing() == null ? null : claim.pacing().pauseOperatorNoAnswerLimit();
                    if (limit != null && line.unansweredInARow >= limit) {
                        // Seed 004 pauseOperatorNoAnswerLimit: "calls in a row not answered by the operator, after which he will be paused".
                        paused = line.unansweredInARow;
                        line.unansweredInARow = 0;
                        line.work = WorkStatus.PAUS;
                        workStatuses.put(line.number, WorkStatus.PAUS);
                        line.apply(Event.STOP, now);
                    }
                }
                case BUSY -> {
                    line.apply(Event.BUSY, now);
                    if (line.state == OperatorState.BUSY_ELSEWHERE) {
                        line.until = now.plus(busyElsewhereFor);
                        due = line.until;
                    }
                }
                case UNREACHABLE -> {
                    // The registrar still lists it; its next REGISTER (or its keep-alive failing) settles which it is.
                    line.registered = false;
                    line.apply(Event.UNREACHABLE, now);
                }
            }
            line.claim = null; // after the transitions: one that throws leaves the claim as it was
            ready = line.state == OperatorState.READY;
        }
        if (paused > 0) {
            log.info("Operator line {} paused after {} offers in a row not answered", claim.line(), paused);
            for (PauseListener listener : pauseListeners) {
                listener.paused(claim, paused);
            }
        }
        changeDue(due);
        if (ready) {
            fireReady();
        }
    }

    @Override
    public void released(Claim claim, Instant now) {
        boolean ready;
        synchronized (lock) {
            OperatorLine line = holder(claim);
            line.apply(Event.NOT_TAKEN, now);
            line.claim = null;
            if (line.state == OperatorState.READY) {
                line.idleSince = line.idleBeforeClaim; // not the operator's doing: keeps their place in the queue
            }
            ready = line.state == OperatorState.READY;
        }
        if (ready) {
            fireReady();
        }
    }

    @Override
    public void talkEnded(Claim claim, Duration talk, Instant now) {
        Objects.requireNonNull(talk, "talk");
        boolean claimable;
        Instant due = null;
        synchronized (lock) {
            OperatorLine line = holder(claim);
            line.talks++;
            line.talked = line.talked.plus(talk);
            Optional<Instant> wrapUpEnd = wrapUpEndsAt(claim.pacing(), talk, now);
            line.apply(wrapUpEnd.isPresent() ? Event.TALK_ENDED_WRAP_UP : Event.TALK_ENDED, now);
            line.claim = null;
            if (line.state == OperatorState.WRAP_UP) {
                line.until = wrapUpEnd.orElseThrow();
                line.busyOnlyForAutodials = claim.pacing().reservedSipsBusyOnlyForAutodials();
                due = line.until;
            }
            // A reserved wrap-up may take an incoming scenario's call at once: its waiters should look.
            claimable = line.state == OperatorState.READY
                    || (line.state == OperatorState.WRAP_UP && line.busyOnlyForAutodials);
        }
        changeDue(due);
        if (claimable) {
            fireReady();
        }
    }

    /**
     * When a wrap-up after a talk of {@code talk} ending at {@code endedAt} ends, or empty when
     * none applies. Seed 004: the line is "marked busy" for {@code markAsBusySeconds} "after a
     * successful call" of at least {@code markAsBusyMinSecondsTalk}; a campaign without those
     * options, or with {@code markAsBusySeconds} 0, has no wrap-up.
     */
    public static Optional<Instant> wrapUpEndsAt(OperatorPacing pacing, Duration talk, Instant endedAt) {
        if (pacing == null || pacing.markAsBusy().isZero() || talk.compareTo(pacing.markAsBusyMinTalk()) < 0) {
            return Optional.empty();
        }
        return Optional.of(endedAt.plus(pacing.markAsBusy()));
    }

    // ---- registrations and work status

    @Override
    public void online(Registration registration) {
        boolean becameReady;
        synchronized (lock) {
            OperatorLine line = line(registration.line());
            line.registered = true;
            becameReady = line.apply(Event.REGISTERED, clock.instant());
        }
        if (becameReady) {
            fireReady();
        }
    }

    @Override
    public void offline(String number, OfflineReason reason) {
        synchronized (lock) {
            OperatorLine line = lines.get(number);
            if (line != null) {
                line.registered = false;
                line.apply(Event.UNREGISTERED, clock.instant());
            }
        }
    }

    /**
     * The line's work status changed (stored already: {@link Operators#setWorkStatus}). WORK makes a
     * paused operator ready again, and forgets the offers they had not answered.
     */
    public void setWorkStatus(String number, WorkStatus status) {
        Objects.requireNonNull(status, "status");
        boolean becameReady;
        synchronized (lock) {
            workStatuses.put(number, status);
            OperatorLine line = lines.get(number);
            if (line == null) {
                return;
            }
            line.work = status;
            if (status.working()) {
                line.unansweredInARow = 0;
            }
            becameReady = line.apply(status.working() ? Event.WORK : Event.STOP, clock.instant());
        }
        if (becameReady) {
            fireReady();
        }
    }

    // ---- reading

    /** UniTalk's /phones/inner status; a line the board has never heard of is offline. */
    @Override
    public Status statusOf(String number) {
        return stateOf(number, clock.instant()).presence();
    }

    public OperatorState stateOf(String number, Instant now) {
        synchronized (lock) {
            OperatorLine line = lines.get(number);
            if (line == null) {
                return OperatorState.OFFLINE;
            }
            line.expire(now);
            return line.state;
        }
    }

    @Override
    public List<Outlook.Operator> outlook(Collection<String> candidates, Instant now) {
        List<Outlook.Operator> team = new ArrayList<>(candidates.size());
        synchronized (lock) {
            for (String number : new LinkedHashSet<>(candidates)) {
                OperatorLine line = lines.get(number);
                if (line == null) {
                    continue;
                }
                line.expire(now);
                Outlook.Activity activity = switch (line.state) {
                    case READY -> Outlook.Activity.READY;
                    case OFFERED -> Outlook.Activity.OFFERED;
                    case TALKING -> Outlook.Activity.TALKING;
                    case WRAP_UP -> Outlook.Activity.WRAP_UP;
                    // Not at work, or busy with a call Outdial did not give: not part of the team now.
                    case OFFLINE, PAUSED, BUSY_ELSEWHERE -> null;
                };
                if (activity != null) {
                    Instant since = activity == Outlook.Activity.READY ? line.idleSince : line.since;
                    team.add(new Outlook.Operator(activity, since,
                            activity == Outlook.Activity.WRAP_UP ? line.until : null));
                }
            }
        }
        return team;
    }

    /**
     * One line as the supervisor's board shows it.
     *
     * @param since when it entered its state (the epoch for a line never heard of since the start)
     * @param talks talks it ended since the process started
     * @param talk  their talk time together
     */
    public record LineView(String number, OperatorState state, Instant since, int talks, Duration talk) {
    }

    /** Every line the board knows (stored or registered), by number: the dashboard's operators board. */
    public List<LineView> lines(Instant now) {
        TreeSet<String> numbers;
        List<LineView> views = new ArrayList<>();
        synchronized (lock) {
            numbers = new TreeSet<>(lines.keySet());
            numbers.addAll(workStatuses.keySet());
            for (String number : numbers) {
                OperatorLine line = lines.get(number);
                if (line == null) {
                    views.add(new LineView(number, OperatorState.OFFLINE, Instant.EPOCH, 0, Duration.ZERO));
                    continue;
                }
                line.expire(now);
                views.add(new LineView(number, line.state, line.since, line.talks, line.talked));
            }
        }
        return views;
    }

    /** How many of {@code candidates} are in each state: the demo's progress line. */
    public Map<OperatorState, Integer> counts(Collection<String> candidates, Instant now) {
        Map<OperatorState, Integer> counts = new EnumMap<>(OperatorState.class);
        for (OperatorState state : OperatorState.values()) {
            counts.put(state, 0);
        }
        synchronized (lock) {
            for (String number : new LinkedHashSet<>(candidates)) {
                OperatorLine line = lines.get(number);
                OperatorState state = OperatorState.OFFLINE;
                if (line != null) {
                    line.expire(now);
                    state = line.state;
                }
                counts.merge(state, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The earliest end of a wrap-up or busy-elsewhere time still running, if any. */
    public Optional<Instant> nextChangeAt() {
        synchronized (lock) {
            Instant next = null;
            for (OperatorLine line : lines.values()) {
                if (line.timed() && (next == null || line.until.isBefore(next))) {
                    next = line.until;
                }
            }
            return Optional.ofNullable(next);
        }
    }

    /** Ends every wrap-up and busy-elsewhere time over at {@code now}; tells {@link #onReady} when one ended. */
    public void tick(Instant now) {
        boolean anyReady = false;
        synchronized (lock) {
            for (OperatorLine line : lines.values()) {
                anyReady |= line.expire(now);
            }
        }
        if (anyReady) {
            fireReady();
        }
    }

    // ---- internals, under the lock

    private OperatorLine line(String number) {
        return lines.computeIfAbsent(number, n -> new OperatorLine(n, workStatuses.getOrDefault(n, WorkStatus.WORK)));
    }

    private OperatorLine holder(Claim claim) {
        Objects.requireNonNull(claim, "claim");
        OperatorLine line = lines.get(claim.line());
        if (line == null || !claim.equals(line.claim)) {
            throw new IllegalStateException("line " + claim.line() + " does not hold " + claim
                    + (line == null ? "" : " (it holds " + line.claim + ")"));
        }
        return line;
    }

    private void changeDue(Instant at) {
        if (at != null) {
            for (Consumer<Instant> listener : changeDueListeners) {
                listener.accept(at);
            }
        }
    }

    private void fireReady() {
        for (Runnable listener : readyListeners) {
            listener.run();
        }
    }

    /** Lines and their states, for logs. */
    @Override
    public String toString() {
        List<String> shown = new ArrayList<>();
        synchronized (lock) {
            for (OperatorLine line : lines.values()) {
                shown.add(line.number + "=" + line.state);
            }
        }
        return "OperatorBoard" + shown;
    }
}
