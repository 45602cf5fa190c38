package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.outdial.engine.pacing.Outlook;

/**
 * Each campaign's calls in flight as their flows report them ({@link LiveCall}), a sample of its
 * last {@value #SAMPLE} outcomes (an answer when it comes, a non-answer when the call ends), and
 * of its last {@value #SAMPLE} ended calls (talks and offers): what SMART's outlook reads of the
 * calls (docs/PACING.md, "What SMART sees"). An answer is counted at the answer, not at the end
 * of its talk: counted at the end, a campaign's first minute saw its fast non-answers (ended at
 * the ring timeout) long before its answers (ended after a talk), read too low an answer rate,
 * and dialed too many ({@code ./outdial bench smart-run}). Calls in flight are the {@link Dispatcher}'s to admit and count; this only
 * follows how far each has come. Thread-safe; a read costs O(calls in flight) and, once per ended
 * call, O({@value #SAMPLE}).
 */
public final class LiveCalls {

    /** Ended calls kept per campaign: recent enough to follow a list that warms up, enough for a distribution. */
    public static final int SAMPLE = 500;

    /** One ended call, as the sample keeps it. */
    private record Ended(Duration talk, int offers, int offersAnswered) {
    }

    /** One dial's outcome: answered (with its dial-to-answer) or not. */
    private record Outcome(boolean answered, Duration dialToAnswer) {
    }

    private static final class Campaign {
        final Set<LiveCall> inFlight = new LinkedHashSet<>();
        final ArrayDeque<Outcome> outcomes = new ArrayDeque<>(SAMPLE);
        final ArrayDeque<Ended> ended = new ArrayDeque<>(SAMPLE);
        /** The sample as lists, rebuilt at the first read after a call ended. */
        Sample cached;
    }

    /** The ended calls' figures, as {@link Outlook.Measured} takes them. */
    private record Sample(long dialed, long answered, List<Duration> dialToAnswer, List<Duration> talk, long offers,
                          long offersAnswered) {
    }

    private final Map<Long, Campaign> campaigns = new HashMap<>();

    /** A call of the campaign started. */
    public synchronized void started(long campaignId, LiveCall call) {
        campaigns.computeIfAbsent(campaignId, id -> new Campaign()).inFlight.add(call);
        call.onAnswered(answered -> answered(campaignId, answered));
    }

    /** The call was answered: its outcome joins the sample now. */
    private synchronized void answered(long campaignId, LiveCall call) {
        Campaign c = campaigns.get(campaignId);
        if (c != null && c.inFlight.contains(call) && call.wasDialed() && !call.outcomeSampled) {
            sampleOutcome(c, call);
        }
    }

    private static void sampleOutcome(Campaign c, LiveCall call) {
        call.outcomeSampled = true;
        Instant answered = call.answeredAt();
        Duration dialToAnswer = answered == null ? null : Duration.between(call.dialedAt(), answered);
        if (c.outcomes.size() == SAMPLE) {
            c.outcomes.removeFirst();
        }
        c.outcomes.addLast(new Outcome(answered != null, dialToAnswer == null || dialToAnswer.isNegative() ? null
                : dialToAnswer));
        c.cached = null;
    }

    /** The call ended (it is recorded): out of the calls in flight, into the sample. */
    public synchronized void ended(long campaignId, LiveCall call) {
        Campaign c = campaigns.get(campaignId);
        if (c == null || !c.inFlight.remove(call) || !call.wasDialed()) {
            return; // not followed, or never dialed (an audio error): nothing to learn from
        }
        if (!call.outcomeSampled) {
            sampleOutcome(c, call); // not answered (or its answer came before it was followed)
        }
        if (c.ended.size() == SAMPLE) {
            c.ended.removeFirst();
        }
        c.ended.addLast(new Ended(call.talk(), call.offers(), call.offersAnswered()));
        c.cached = null;
    }

    /** The calls in flight of every campaign whose callee number or operator line is {@code digits}. */
    public synchronized List<LiveCall> involving(String digits) {
        List<LiveCall> found = new ArrayList<>();
        for (Campaign c : campaigns.values()) {
            c.inFlight.stream().filter(call -> call.involves(digits)).forEach(found::add);
        }
        return found;
    }

    /**
     * The campaign's calls in flight that no operator holds: dialing, ringing, or answered and waiting.
     * A call whose wait is over ({@link LiveCall#waitOver}: talked, abandoned, given up) is not one,
     * though it is in flight until it is recorded.
     */
    public synchronized List<Outlook.Call> withoutOperator(long campaignId) {
        Campaign c = campaigns.get(campaignId);
        if (c == null) {
            return List.of();
        }
        List<Outlook.Call> calls = new ArrayList<>(c.inFlight.size());
        for (LiveCall call : c.inFlight) {
            if (!call.withOperator() && !call.isWaitOver()) {
                Instant dialed = call.dialedAt();
                Instant answered = call.answeredAt();
                // Clocks read on two threads: an answer is never before its dial.
                calls.add(new Outlook.Call(dialed, answered != null && answered.isBefore(dialed) ? dialed : answered));
            }
        }
        return calls;
    }

    /** What the campaign's recent calls measured, with the campaign's wrap-up and the dialer's ring timeout. */
    public synchronized Outlook.Measured measured(long campaignId, Duration wrapUp, Duration ringTimeout) {
        Campaign c = campaigns.get(campaignId);
        if (c == null || (c.ended.isEmpty() && c.outcomes.isEmpty())) {
            return new Outlook.Measured(0, 0, List.of(), List.of(), wrapUp, ringTimeout, 0, 0);
        }
        if (c.cached == null) {
            c.cached = sample(c.outcomes, c.ended);
        }
        Sample s = c.cached;
        return new Outlook.Measured(s.dialed, s.answered, s.dialToAnswer, s.talk, wrapUp, ringTimeout, s.offers,
                s.offersAnswered);
    }

    /** Forgets a campaign with nothing in flight (it is gone). */
    public synchronized void forget(long campaignId) {
        Campaign c = campaigns.get(campaignId);
        if (c != null && c.inFlight.isEmpty()) {
            campaigns.remove(campaignId);
        }
    }

    private static Sample sample(ArrayDeque<Outcome> outcomes, ArrayDeque<Ended> ended) {
        long answered = 0;
        long offers = 0;
        long offersAnswered = 0;
        List<Duration> dialToAnswer = new ArrayList<>(outcomes.size());
        List<Duration> talk = new ArrayList<>(ended.size());
        for (Outcome o : outcomes) {
            answered += o.answered ? 1 : 0;
            if (o.dialToAnswer != null) {
                dialToAnswer.add(o.dialToAnswer);
            }
        }
        for (Ended e : ended) {
            offers += e.offers;
            offersAnswered += e.offersAnswered;
            if (e.talk != null) {
                talk.add(e.talk);
            }
        }
        // Copied once here; Measured's List.copyOf of an unmodifiable list is the same list.
        return new Sample(outcomes.size(), answered, List.copyOf(dialToAnswer), List.copyOf(talk), offers,
                offersAnswered);
    }
}
