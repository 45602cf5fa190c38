package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.dtmf.DtmfEvent;
import org.outdial.media.rtp.RtpStats;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.CallProgress;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.call.Telephony;
import org.outdial.sip.call.TelephonyCounts;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.CallTimings;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.outcome.Party;

/**
 * A telephony whose callees do what the test says, per number: answer and talk, or end with an
 * outcome. With {@link #holdCalls(boolean)} calls stay up until {@link #releaseAll()}, so a test
 * can count how many are in flight at once.
 */
final class FakeTelephony implements Telephony {

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

    private final InstantSource clock;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private volatile Behaviour otherwise = Behaviour.answers(Duration.ofSeconds(5));
    private final List<DialRequest> dialed = new CopyOnWriteArrayList<>();
    private final List<FakeCall> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger maxLive = new AtomicInteger();
    private final List<FakeCall> silent = new CopyOnWriteArrayList<>();
    private volatile boolean hold;
    private volatile Integer probeStatus;
    private final AtomicInteger probes = new AtomicInteger();

    FakeTelephony(InstantSource clock) {
        this.clock = clock;
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

    List<DialRequest> dialed() {
        return dialed;
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
        FakeCall call = new FakeCall(request, behaviour);
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
    public Call dialLine(org.outdial.sip.call.LineCall request) {
        throw new UnsupportedOperationException("operator lines: issue 10, branch issue10-flows");
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

        FakeCall(DialRequest request, Behaviour behaviour) {
            this.request = request;
            this.behaviour = behaviour;
        }

        void finish() {
            boolean answer = behaviour.outcome() == Outcome.ANSWERED;
            answered.complete(answer);
            if (!answer) {
                end(Party.REMOTE);
            }
        }

        private void end(Party by) {
            if (outcome.isDone()) {
                return;
            }
            boolean answer = behaviour.outcome() == Outcome.ANSWERED;
            Instant answeredAt = answer ? start.plusSeconds(2) : null;
            Instant ended = answer ? answeredAt.plus(behaviour.talk()) : start.plusSeconds(3);
            live.decrementAndGet();
            outcome.complete(new CallOutcome(behaviour.outcome(), behaviour.sipCode(), behaviour.q850(), "fake", by,
                    new CallTimings(start, start.plusMillis(100), start.plusMillis(200), answeredAt, ended)));
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
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void stopPlayback() {
        }

        @Override
        public CompletableFuture<Void> sendDtmf(String digits) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onDtmf(Consumer<DtmfEvent> listener) {
        }

        @Override
        public void onAudio(Consumer<short[]> listener) {
        }

        @Override
        public RtpStats mediaStats() {
            return RtpStats.EMPTY;
        }

        @Override
        public void bridge(Call other) {
            throw new UnsupportedOperationException("bridging: issue 10, branch issue10-flows");
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
