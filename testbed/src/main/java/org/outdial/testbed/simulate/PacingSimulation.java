package org.outdial.testbed.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.campaign.OperatorLines;
import org.outdial.engine.pacing.ModeSettings;
import org.outdial.engine.pacing.Outlook;
import org.outdial.engine.pacing.Pacer;
import org.outdial.engine.pacing.PacingSnapshot;
import org.outdial.testbed.simulate.EventQueue.Event;
import org.outdial.testbed.simulate.EventQueue.Kind;
import org.outdial.testbed.simulate.SimulatedCall.State;

/**
 * The pacing simulator (issue 11): one campaign with {@link Workload#operators()} operators logged
 * in for {@link Workload#hours()}, on a simulated clock (no real time, no threads), driven by a
 * {@link DialPolicy} that is asked how many numbers to dial at every event and at least once per
 * simulated second, with a real engine {@link PacingSnapshot} (settings, calls, trunk room, operator
 * room, statistics and a full {@link Outlook}).
 *
 * <p>The model:
 * <ul>
 *   <li>a dial is answered with probability {@code answerRate} after a uniform
 *       {@code dialToAnswerMin..Max}, else given up at {@code ringTimeout};</li>
 *   <li>an answered call is offered at once to the ready operator who has waited longest; with
 *       nobody ready it waits up to the grace ({@link Setup#grace()}, 2 s by default, FCC 47 CFR
 *       64.1200(a)(7)): an operator freeing within it takes it, else the call is ABANDONED (counted,
 *       hung up);</li>
 *   <li>an operator leaves an offer unanswered with probability {@code operatorNoAnswer}; the offer
 *       then rings {@link #OFFER_TIMEOUT} and the call tries the next ready operator within its grace;</li>
 *   <li>talk is exponential with mean {@code meanTalk}, then a fixed {@code wrapUp}, then the
 *       operator is ready again.</li>
 * </ul>
 * The trunk has ample room ({@code 1000 + 20 × operators} lines, no cps limit). Occupancy is talk
 * plus wrap-up over logged-in time, clipped at the end of the run. A run is deterministic for a
 * workload (its seed feeds a {@link SplittableRandom}); a 100-operator 8-hour cell takes about a second.
 *
 * <p>Use: {@code PacingSimulation.run(workload, policy, Setup.smart(0))}, or the shortcuts
 * {@link #free(Workload)}, {@link #smart(Workload, int)}; a baseline policy that does not read the
 * mode settings can use {@link #run(Workload, DialPolicy)}.
 */
public final class PacingSimulation {

    /** How long an operator's phone rings before an unanswered offer gives up. */
    public static final Duration OFFER_TIMEOUT = Duration.ofSeconds(1);
    /** Answered calls and talk times the Outlook's {@link Outlook.Measured} keeps (the most recent). */
    public static final int SAMPLES = 500;
    /** Where the simulated clock starts: a Monday morning, so "today" is one day for the whole run. */
    public static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

    private static final long SECOND = 1000;

    /**
     * What a run puts in the snapshot besides the workload: the mode settings the policy reads and the
     * abandonment cap it is held to.
     *
     * @param settings      the campaign's mode settings (FREE or SMART for the engine's pacers)
     * @param targetPercent the abandonment cap, percent (3.0: FCC 47 CFR 64.1200(a)(7))
     * @param grace         how long an answered callee waits for an operator before being abandoned
     * @param minTeam       teams smaller than this are paced progressively by SMART
     */
    public record Setup(ModeSettings settings, double targetPercent, Duration grace, int minTeam) {

        /** SMART's default smallest team that is paced predictively (docs/PACING.md, "SMART"). */
        public static final int DEFAULT_MIN_TEAM = 5;

        public Setup {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(grace, "grace");
            new Outlook.Abandonment(Outlook.Tally.NONE, Outlook.Tally.NONE, targetPercent, minTeam, grace); // validates
        }

        /** FREE with default options, 3 % and 2 s. */
        public static Setup free() {
            return new Setup(new ModeSettings.Free(LINES, PACING), 3.0, Duration.ofSeconds(2), DEFAULT_MIN_TEAM);
        }

        /** SMART at {@code smartSpeed} (-10..10) with default options, 3 % and 2 s. */
        public static Setup smart(int smartSpeed) {
            if (smartSpeed < -10 || smartSpeed > 10) {
                throw new IllegalArgumentException("smartSpeed must be -10..10, was " + smartSpeed);
            }
            return new Setup(new ModeSettings.Smart(LINES, PACING, smartSpeed), 3.0, Duration.ofSeconds(2),
                    DEFAULT_MIN_TEAM);
        }

        /** This setup with another minimum team. */
        public Setup withMinTeam(int team) {
            return new Setup(settings, targetPercent, grace, team);
        }
    }

    private static final OperatorLines LINES = new OperatorLines(1L, List.of());
    private static final ModeSettings.OperatorPacing PACING = new ModeSettings.OperatorPacing(null, null,
            Duration.ZERO, Duration.ZERO, false);

    private PacingSimulation() {
    }

    /** The engine's FREE pacer on {@code workload}. */
    public static SimulationResult free(Workload workload) {
        return run(workload, DialPolicy.of("FREE", Pacer.of(CampaignMode.FREE)), Setup.free());
    }

    /** The engine's SMART pacer at {@code smartSpeed} on {@code workload}. */
    public static SimulationResult smart(Workload workload, int smartSpeed) {
        return run(workload, DialPolicy.of("SMART " + smartSpeed, Pacer.of(CampaignMode.SMART)),
                Setup.smart(smartSpeed));
    }

    /** {@code policy} on {@code workload} with FREE settings in the snapshot: for baselines that do not read them. */
    public static SimulationResult run(Workload workload, DialPolicy policy) {
        return run(workload, policy, Setup.free());
    }

    /** {@code policy} on {@code workload}, its snapshots carrying {@code setup}. */
    public static SimulationResult run(Workload workload, DialPolicy policy, Setup setup) {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(setup, "setup");
        return new Run(workload, policy, setup).run();
    }

    /** One run's state. */
    private static final class Run {

        private final Workload w;
        private final DialPolicy policy;
        private final Setup setup;
        private final SplittableRandom random;
        private final EventQueue queue = new EventQueue();
        private final long end;
        private final long grace;
        private final int maxCalls;

        private final List<SimulatedOperator> operators = new ArrayList<>();
        /** Ready operators, longest idle first. */
        private final ArrayDeque<SimulatedOperator> ready = new ArrayDeque<>();
        /** Answered calls waiting for an operator, in answer order (ended ones are skipped lazily). */
        private final ArrayDeque<SimulatedCall> waiting = new ArrayDeque<>();
        /** Calls without an operator: ringing or waiting (the Outlook's calls). */
        private final LinkedHashSet<SimulatedCall> withoutOperator = new LinkedHashSet<>();
        private final Samples dialToAnswer = new Samples(SAMPLES);
        private final Samples talks = new Samples(SAMPLES);

        private int inFlight;
        private int withCalls;
        private long lastCallEndedAt = -1;
        private boolean lastCallAnswered;
        private long ended;
        private long endedAnswered;
        private long outcomes;
        private long outcomesAnswered;
        private long offers;
        private long offersAnswered;
        private long dials;
        private long liveAnswered;
        private long abandoned;
        private long busyMs;
        private long talkMs;
        private long waitMs;
        private long connections;

        Run(Workload w, DialPolicy policy, Setup setup) {
            this.w = w;
            this.policy = policy;
            this.setup = setup;
            this.random = new SplittableRandom(w.seed());
            this.end = Math.round(w.hours() * 3600 * SECOND);
            this.grace = setup.grace().toMillis();
            this.maxCalls = 1000 + 20 * w.operators();
            for (int i = 0; i < w.operators(); i++) {
                SimulatedOperator operator = new SimulatedOperator(0);
                operators.add(operator);
                ready.addLast(operator);
            }
        }

        SimulationResult run() {
            queue.at(0, Kind.TICK, null, null);
            while (!queue.isEmpty() && queue.nextAt() < end) {
                long now = queue.nextAt();
                while (!queue.isEmpty() && queue.nextAt() == now) {
                    handle(queue.poll(), now);
                }
                decide(now);
            }
            double loggedIn = (double) w.operators() * end;
            double operatorHours = loggedIn / 3_600_000.0;
            return new SimulationResult(policy.name(), w, busyMs / loggedIn, talkMs / 60_000.0 / operatorHours,
                    connections == 0 ? 0 : waitMs / 1000.0 / connections,
                    liveAnswered == 0 ? 0 : 100.0 * abandoned / liveAnswered, dials / operatorHours,
                    dials, liveAnswered, abandoned);
        }

        private void handle(Event e, long now) {
            switch (e.kind()) {
                case TICK -> queue.at(now + SECOND, Kind.TICK, null, null);
                case ANSWER -> answered(e.call(), now);
                case RING_TIMEOUT -> notAnswered(e.call(), now);
                case GRACE_END -> graceEnded(e.call(), now);
                case OFFER_TIMEOUT -> offerNotAnswered(e.call(), e.operator(), now);
                case TALK_END -> talkEnded(e.operator(), now);
                case WRAP_END -> wrapEnded(e.operator(), now);
            }
        }

        private void decide(long now) {
            int freeLines = Math.max(0, maxCalls - inFlight);
            int calls = Math.min(freeLines, policy.callsToStart(snapshot(now, freeLines), START.plusMillis(now)));
            for (int i = 0; i < calls; i++) {
                dial(now);
            }
        }

        private void dial(long now) {
            SimulatedCall call = new SimulatedCall(now);
            dials++;
            inFlight++;
            withoutOperator.add(call);
            if (random.nextDouble() < w.answerRate()) {
                long min = w.dialToAnswerMin().toMillis();
                long max = w.dialToAnswerMax().toMillis();
                queue.at(now + min + (max > min ? random.nextLong(max - min + 1) : 0), Kind.ANSWER, call, null);
            } else {
                queue.at(now + w.ringTimeout().toMillis(), Kind.RING_TIMEOUT, call, null);
            }
        }

        private void answered(SimulatedCall call, long now) {
            call.answeredAt = now;
            call.state = State.WAITING;
            liveAnswered++;
            outcomes++;
            outcomesAnswered++;
            dialToAnswer.add(now - call.dialedAt);
            queue.at(now + grace, Kind.GRACE_END, call, null);
            SimulatedOperator operator = ready.pollFirst();
            if (operator == null) {
                waiting.addLast(call);
            } else {
                offer(call, operator, now);
            }
        }

        private void notAnswered(SimulatedCall call, long now) {
            outcomes++;
            end(call, false, now);
        }

        private void graceEnded(SimulatedCall call, long now) {
            if (call.state == State.WAITING || call.state == State.OFFERED) {
                // FCC 47 CFR 64.1200(a)(7): no operator on the line within 2 s of the greeting.
                abandoned++;
                end(call, true, now);
            }
        }

        /** Rings {@code operator} with {@code call}: answered at once, or not within {@link #OFFER_TIMEOUT}. */
        private void offer(SimulatedCall call, SimulatedOperator operator, long now) {
            offers++;
            withoutOperator.remove(call);
            withCalls++;
            if (w.operatorNoAnswer() > 0 && random.nextDouble() < w.operatorNoAnswer()) {
                call.state = State.OFFERED;
                operator.activity = Outlook.Activity.OFFERED;
                operator.since = now;
                queue.at(now + OFFER_TIMEOUT.toMillis(), Kind.OFFER_TIMEOUT, call, operator);
                return;
            }
            offersAnswered++;
            call.state = State.CONNECTED;
            operator.activity = Outlook.Activity.TALKING;
            operator.since = now;
            waitMs += now - operator.freeSince;
            connections++;
            long talk = Math.max(1, Math.round(-w.meanTalk().toMillis() * Math.log(1 - random.nextDouble())));
            long wrap = w.wrapUp().toMillis();
            talkMs += clip(now, now + talk);
            busyMs += clip(now, now + talk + wrap);
            queue.at(now + talk, Kind.TALK_END, call, operator);
        }

        private void offerNotAnswered(SimulatedCall call, SimulatedOperator operator, long now) {
            withCalls--;
            if (call.state == State.OFFERED) {
                call.state = State.WAITING;
                withoutOperator.add(call);
                SimulatedOperator next = ready.pollFirst();
                if (next == null) {
                    waiting.addFirst(call);
                } else {
                    offer(call, next, now);
                }
            }
            free(operator, now, false);
        }

        private void talkEnded(SimulatedOperator operator, long now) {
            withCalls--;
            talks.add(now - operator.since);
            operator.activity = Outlook.Activity.WRAP_UP;
            operator.since = now;
            operator.freeAt = now + w.wrapUp().toMillis();
            inFlight--;
            ended++;
            endedAnswered++;
            lastCallEndedAt = now;
            lastCallAnswered = true;
            queue.at(operator.freeAt, Kind.WRAP_END, null, operator);
        }

        private void wrapEnded(SimulatedOperator operator, long now) {
            free(operator, now, true);
        }

        /** {@code operator} is ready: takes the oldest waiting call, or joins the ready queue. */
        private void free(SimulatedOperator operator, long now, boolean afterCall) {
            operator.activity = Outlook.Activity.READY;
            operator.since = now;
            operator.freeAt = -1;
            if (afterCall) {
                operator.freeSince = now;
            }
            SimulatedCall call;
            while ((call = waiting.pollFirst()) != null) {
                if (call.state == State.WAITING) {
                    offer(call, operator, now);
                    return;
                }
            }
            ready.addLast(operator);
        }

        private void end(SimulatedCall call, boolean answered, long now) {
            call.state = State.ENDED; // an offered call's operator is freed by its own offer timeout
            withoutOperator.remove(call);
            inFlight--;
            ended++;
            if (answered) {
                endedAnswered++;
            }
            lastCallEndedAt = now;
            lastCallAnswered = answered;
        }

        private long clip(long from, long to) {
            return Math.max(0, Math.min(to, end) - Math.min(from, end));
        }

        private PacingSnapshot snapshot(long now, int freeLines) {
            List<Outlook.Operator> team = new ArrayList<>(operators.size());
            for (SimulatedOperator o : operators) {
                team.add(new Outlook.Operator(o.activity, START.plusMillis(o.since),
                        o.activity == Outlook.Activity.WRAP_UP ? START.plusMillis(o.freeAt) : null));
            }
            List<Outlook.Call> calls = new ArrayList<>(withoutOperator.size());
            for (SimulatedCall c : withoutOperator) {
                calls.add(new Outlook.Call(START.plusMillis(c.dialedAt),
                        c.answeredAt < 0 ? null : START.plusMillis(c.answeredAt)));
            }
            Outlook.Measured measured = new Outlook.Measured(outcomes, outcomesAnswered, dialToAnswer.list(),
                    talks.list(), w.wrapUp(), w.ringTimeout(), offers, offersAnswered);
            // The run is one day inside the 30-day window: both tallies are the run's.
            Outlook.Tally tally = new Outlook.Tally(liveAnswered, abandoned);
            Outlook.Abandonment cap = new Outlook.Abandonment(tally, tally, setup.targetPercent(), setup.minTeam(),
                    setup.grace());
            return new PacingSnapshot(setup.settings(),
                    new PacingSnapshot.CampaignCalls(inFlight, lastCallEndedAt < 0 ? null : START.plusMillis(lastCallEndedAt),
                            lastCallAnswered),
                    new PacingSnapshot.TrunkRoom(freeLines, freeLines),
                    new PacingSnapshot.OperatorRoom(ready.size(), withCalls, 0),
                    new PacingSnapshot.CallStatistics(ended, endedAnswered, abandoned),
                    new Outlook(team, calls, measured, cap));
        }
    }

    /** The most recent durations of one kind, as the immutable list the Outlook holds (rebuilt only when it changed). */
    private static final class Samples {

        private final int capacity;
        private final ArrayDeque<Duration> recent = new ArrayDeque<>();
        private List<Duration> list = List.of();
        private boolean changed;

        Samples(int capacity) {
            this.capacity = capacity;
        }

        void add(long millis) {
            if (recent.size() == capacity) {
                recent.pollFirst();
            }
            recent.addLast(Duration.ofMillis(millis));
            changed = true;
        }

        List<Duration> list() {
            if (changed) {
                list = List.copyOf(recent);
                changed = false;
            }
            return list;
        }
    }
}
