package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.dtmf.DtmfEvent;
import org.outdial.media.rtp.RtpStats;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.CallProgress;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.call.LineCall;
import org.outdial.sip.call.Telephony;
import org.outdial.sip.call.TelephonyCounts;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.CallTimings;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.outcome.Party;
import org.outdial.testing.ManualClock;

/**
 * A telephony whose callees do what the test says, per number: answer and talk, or end with an
 * outcome. With {@link #holdCalls(boolean)} calls stay up until {@link #releaseAll()}, so a test
 * can count how many are in flight at once. Operator lines ({@link #dialLine}) answer, refuse or
 * ring out per line ({@link #whenLine}); a line with no behaviour is not registered (FAILED at
 * once). Bridges are recorded; once bridged, the operator hangs up after their talk (or the callee
 * does, {@link #calleeHangsUpWhenBridged}). Time moves on the test's clock: an operator answering
 * after 3 s advances it 3 s. Audio "plays" for a hundredth of its length in real time.
 */
final class FakeTelephony implements Telephony {

    /** What an operator's phone does with an offer. */
    record LineBehaviour(Outcome outcome, int sipCode, Duration answerAfter, Duration talk, boolean hangsUp,
                         boolean rings) {
        /** Answers after {@code after}, talks {@code talk} once bridged, then hangs up. */
        static LineBehaviour answers(Duration after, Duration talk) {
            return new LineBehaviour(Outcome.ANSWERED, 200, after, talk, true, true);
        }

        /** Answers after {@code after} and stays until the callee hangs up. */
        static LineBehaviour answersAndStays(Duration after) {
            return new LineBehaviour(Outcome.ANSWERED, 200, after, Duration.ZERO, false, true);
        }

        /** Rings until Outdial's ring timeout: the stack's CANCEL, 487. */
        static LineBehaviour ringsOut() {
            return new LineBehaviour(Outcome.NO_ANSWER, 487, Duration.ZERO, Duration.ZERO, false, true);
        }

        /** The operator presses decline: 603. */
        static LineBehaviour declines() {
            return new LineBehaviour(Outcome.REJECTED, 603, Duration.ofSeconds(2), Duration.ZERO, false, true);
        }

        /** Rings and never stops on its own: only Outdial's CANCEL ends it. */
        static LineBehaviour ringsForever() {
            return new LineBehaviour(Outcome.NO_ANSWER, 487, null, Duration.ZERO, false, true);
        }

        /** The phone is busy with another call: 486. */
        static LineBehaviour busy() {
            return new LineBehaviour(Outcome.BUSY, 486, Duration.ZERO, Duration.ZERO, false, false);
        }
    }

    /** Who was bridged to whom: the callee's number and the operator's line. */
    record Bridge(String callee, String line) {
    }

    /** What a callee (or the trunk on its way) does. */
    record Behaviour(Outcome outcome, int sipCode, int q850, Duration talk) {
        static Behaviour answers(Duration talk) {
            return new Behaviour(Outcome.ANSWERED, 200, 16, talk);
        }

        static Behaviour ends(Outcome outcome, int sipCode) {
            return new Behaviour(outcome, sipCode, 17, Duration.ZERO);
        }

        /** The trunk never answers the INVITE: sip-stack's NO_RESPONSE (Timer B), FAILED with Q.850 102. */
        static Behaviour noResponse() {
            return new Behaviour(Outcome.FAILED, 0, 102, Duration.ZERO);
        }

        /** Never answers and never ends, not even when hung up: a call whose outcome never comes. */
        static Behaviour silent() {
            return new Behaviour(null, 0, 0, Duration.ZERO);
        }

        /** {@code dial} itself throws, as a broken flow would. */
        static Behaviour throwsOnDial() {
            return new Behaviour(null, -1, 0, Duration.ZERO);
        }
    }

    private final ManualClock clock;
    private final Map<String, LineBehaviour> lineBehaviours = new ConcurrentHashMap<>();
    private final List<LineCall> lineCalls = new CopyOnWriteArrayList<>();
    private final List<Bridge> bridges = new CopyOnWriteArrayList<>();
    private final Map<String, FakeCall> callees = new ConcurrentHashMap<>();
    private final java.util.Set<String> calleeHangsUp = ConcurrentHashMap.newKeySet();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private volatile Behaviour otherwise = Behaviour.answers(Duration.ofSeconds(5));
    private final List<DialRequest> dialed = new CopyOnWriteArrayList<>();
    private final List<FakeCall> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger maxLive = new AtomicInteger();
    private final List<FakeCall> silent = new CopyOnWriteArrayList<>();
    private volatile boolean hold;
    private final List<String> plays = new CopyOnWriteArrayList<>();
    private final List<String> dtmf = new CopyOnWriteArrayList<>();
    private volatile Integer probeStatus;
    private final AtomicInteger probes = new AtomicInteger();

    FakeTelephony(ManualClock clock) {
        this.clock = clock;
    }

    FakeTelephony whenLine(String line, LineBehaviour behaviour) {
        lineBehaviours.put(line, behaviour);
        return this;
    }

    /** Once bridged, the callee ends the talk (after the operator's talk time) instead of the operator. */
    FakeTelephony calleeHangsUpWhenBridged(String number) {
        calleeHangsUp.add(number);
        return this;
    }

    /** The callee {@code number} hangs up now (a BYE from the network). */
    void calleeHangsUp(String number) {
        FakeCall call = callees.get(number);
        if (call == null) {
            throw new AssertionError("no call to " + number);
        }
        call.end(Party.REMOTE);
    }

    /** The operator lines Outdial called, in order. */
    List<LineCall> lineCalls() {
        return lineCalls;
    }

    List<Bridge> bridges() {
        return bridges;
    }

    FakeTelephony when(String number, Behaviour behaviour) {
        behaviours.put(number, behaviour);
        return this;
    }

    FakeTelephony otherwise(Behaviour behaviour) {
        otherwise = behaviour;
        return this;
    }

    void holdCalls(boolean on) {
        hold = on;
    }

    /** Ends every held call with its behaviour. */
    void releaseAll() {
        for (FakeCall call : held) {
            held.remove(call);
            call.finish();
        }
    }

    int heldCount() {
        return held.size();
    }

    /** Calls that stay up until the test acts: held ones and silent ones not hung up yet. */
    int parkedCount() {
        return held.size() + silent.size();
    }

    /** What OPTIONS gets from now on: a status, or null for no answer at all. */
    void probeAnswers(Integer status) {
        probeStatus = status;
    }

    int probes() {
        return probes.get();
    }

    /** The audio played to callees, by description. */
    /** The digits sent, as "number:digits", in order. */
    List<String> dtmfSent() {
        return dtmf;
    }

    List<String> plays() {
        return plays;
    }

    List<DialRequest> dialed() {
        return dialed;
    }

    /** Calls (callees' and operators' legs) not ended yet. */
    int liveCalls() {
        return live.get();
    }

    int maxConcurrent() {
        return maxLive.get();
    }

    @Override
    public Call dial(DialRequest request) {
        dialed.add(request);
        Behaviour behaviour = behaviours.getOrDefault(request.number(), otherwise);
        if (behaviour.sipCode() == -1) {
            throw new IllegalStateException("a broken flow for " + request.number());
        }
        int now = live.incrementAndGet();
        maxLive.accumulateAndGet(now, Math::max);
        FakeCall call = new FakeCall(request, behaviour, null);
        callees.put(request.number(), call);
        if (behaviour.outcome() == null) {
            silent.add(call);
        } else if (hold) {
            held.add(call);
        } else {
            call.finish();
        }
        return call;
    }

    @Override
    public Call dialLine(LineCall request) {
        lineCalls.add(request);
        LineBehaviour line = lineBehaviours.get(request.line());
        DialRequest as = new DialRequest(LINES, request.line(), null, request.ringTimeout(), request.maxDuration());
        if (line == null) { // not registered: FAILED at once, never rang
            FakeCall call = new FakeCall(as, Behaviour.ends(Outcome.FAILED, 0), null);
            live.incrementAndGet();
            call.finish();
            return call;
        }
        live.incrementAndGet();
        FakeCall call = new FakeCall(as, new Behaviour(line.outcome(), line.sipCode(), 16, line.talk()), line);
        if (line.answerAfter() == null) {
            return call; // rings until hung up
        }
        if (line.outcome() == Outcome.NO_ANSWER) {
            clock.advance(request.ringTimeout());
        } else {
            clock.advance(line.answerAfter());
        }
        call.finish();
        return call;
    }

    @Override
    public java.util.Optional<org.outdial.sip.registrar.Registration> registration(String line) {
        return java.util.Optional.empty();
    }

    @Override
    public void onRegistration(org.outdial.sip.registrar.RegistrationListener listener) {
    }

    @Override
    public CompletableFuture<Integer> probe(String trunk) {
        probes.incrementAndGet();
        Integer status = probeStatus;
        return status == null ? CompletableFuture.failedFuture(new java.util.concurrent.TimeoutException("no answer"))
                : CompletableFuture.completedFuture(status);
    }

    @Override
    public TelephonyCounts counts() {
        throw new UnsupportedOperationException("not used by the dialer");
    }

    @Override
    public void close() {
        releaseAll();
    }

    final class FakeCall implements Call {
        private final DialRequest request;
        private final Behaviour behaviour;
        private final CompletableFuture<Boolean> answered = new CompletableFuture<>();
        private final CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
        private final Instant start = clock.instant();
        private final LineBehaviour line;
        private volatile CompletableFuture<Void> playing = CompletableFuture.completedFuture(null);
        private final org.outdial.sip.call.DigitBuffer digits = new org.outdial.sip.call.DigitBuffer();

        FakeCall(DialRequest request, Behaviour behaviour, LineBehaviour line) {
            this.request = request;
            this.behaviour = behaviour;
            this.line = line;
        }

        void finish() {
            boolean answer = behaviour.outcome() == Outcome.ANSWERED;
            answered.complete(answer);
            if (!answer) {
                end(Party.REMOTE);
            }
        }

        synchronized void end(Party by) {
            if (outcome.isDone()) {
                return;
            }
            boolean answer = behaviour.outcome() == Outcome.ANSWERED;
            CallTimings timings;
            if (request.trunk().equals(LINES)) {
                boolean rang = line != null && line.rings();
                timings = new CallTimings(start, rang ? start : null, rang ? start : null,
                        answer ? start.plus(line.answerAfter()) : null, clock.instant());
                answered.complete(answer);
            } else {
                Instant answeredAt = answer ? start.plusSeconds(2) : null;
                Instant ended = answer ? answeredAt.plus(behaviour.talk()) : start.plusSeconds(3);
                timings = new CallTimings(start, start.plusMillis(100), start.plusMillis(200), answeredAt, ended);
            }
            live.decrementAndGet();
            playing.cancel(false); // as a real RTP session does when its call ends (OutboundAudio.cancel)
            outcome.complete(new CallOutcome(behaviour.outcome(), behaviour.sipCode(), behaviour.q850(), "fake", by,
                    timings));
        }

        @Override
        public String id() {
            return "fake-" + request.number();
        }

        @Override
        public DialRequest request() {
            return request;
        }

        @Override
        public List<CallProgress> progress() {
            return List.of();
        }

        @Override
        public void onProgress(Consumer<CallProgress> listener) {
        }

        @Override
        public CompletableFuture<Boolean> answered() {
            return answered;
        }

        @Override
        public CompletableFuture<Void> play(AudioSource audio) {
            plays.add(audio.description());
            if (outcome.isDone()) {
                return CompletableFuture.failedFuture(new IllegalStateException("call ended"));
            }
            if (audio.frameCount() == 0) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> play = new CompletableFuture<>();
            playing = play;
            CompletableFuture.delayedExecutor(Math.max(1, audio.duration().toMillis() / 100), TimeUnit.MILLISECONDS)
                    .execute(() -> play.complete(null));
            return play;
        }

        @Override
        public void stopPlayback() {
            playing.complete(null);
        }

        @Override
        public CompletableFuture<Void> sendDtmf(String digits) {
            dtmf.add(request.number() + ":" + digits);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onDtmf(Consumer<DtmfEvent> listener) {
        }

        @Override
        public java.util.Optional<Character> nextDigit(java.time.Duration within) throws InterruptedException {
            return outcome.isDone() ? java.util.Optional.empty() : digits.next(within);
        }

        /** The callee presses {@code keys}, as RFC 4733 events would deliver them. */
        void press(String keys) {
            keys.chars().forEach(c -> digits.add((char) c));
        }

        @Override
        public void onAudio(Consumer<short[]> listener) {
        }

        @Override
        public void onSentAudio(Consumer<short[]> listener) {
        }

        @Override
        public RtpStats mediaStats() {
            return RtpStats.EMPTY;
        }

        @Override
        public void bridge(Call other, AudioSource cue) {
            bridge(other); // the fake sends no audio: the cue is only what a real leg plays first
        }

        @Override
        public void bridge(Call other) {
            FakeCall leg = (FakeCall) other;
            if (outcome.isDone() || leg.outcome.isDone()) {
                throw new IllegalStateException("a bridged call has ended");
            }
            FakeCall callee = leg.line != null ? this : leg;
            FakeCall operator = leg.line != null ? leg : this;
            bridges.add(new Bridge(callee.request.number(), operator.request.number()));
            if (calleeHangsUp.contains(callee.request.number())) {
                clock.advance(operator.line.talk());
                callee.end(Party.REMOTE);
            } else if (operator.line.hangsUp()) {
                clock.advance(operator.line.talk());
                operator.end(Party.REMOTE);
            }
        }

        @Override
        public void unbridge() {
        }

        @Override
        public void hangup() {
            if (behaviour.outcome() == null) {
                silent.remove(this); // hung up, and still no outcome: it never comes
                return;
            }
            answered.complete(false);
            end(Party.LOCAL);
        }

        @Override
        public CompletableFuture<CallOutcome> outcome() {
            return outcome;
        }
    }
}
