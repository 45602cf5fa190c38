package org.outdial.testbed.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.outdial.testbed.carrier.SimulatedCarrier;
import org.outdial.testbed.phones.CallRecord;

/**
 * A real SMART run's figures, measured from the outside as the pacing simulator measures its own:
 * occupancy and talk from the operators' side (each simulated phone's call records: a talk from its
 * 200 OK for as long as it lasted, then the campaign's wrap-up, {@code markAsBusySeconds}, clipped
 * to the run's window), the dial-to-answer and answer-to-operator times from the carrier's and the
 * phones' clocks (one JVM, one clock), and the dials and abandonment from Outdial's own counts.
 *
 * @param window            the run's length: operators logged in all of it, dials only in it
 * @param operators         logged-in operators
 * @param occupancy         (talk + wrap-up) / logged-in time, percent
 * @param talkPerHour       talk minutes per operator-hour
 * @param waitSeconds       mean time from an operator being free (after the wrap-up) to the next answered offer
 * @param connections       offers the operators answered in the window
 * @param dials             calls dialed (the campaign's calls that started)
 * @param liveAnswered      of those, answered by a person
 * @param abandoned         of those, no operator on the line within the grace (the ledger's count:
 *                          ANSW_NF_OP, and a call an operator took after the grace)
 * @param dialToAnswer      the carrier's INVITE-to-200 OK of every answered call, ms, sorted
 * @param answerToOffer     the carrier's 200 OK to the operator phone's INVITE, ms, sorted (calls offered)
 * @param answerToOperator  the carrier's 200 OK to the operator phone's 200 OK, ms, sorted
 * @param meanTalk          the operators' mean talk
 * @param offersNotAnswered offers cancelled before the phone answered (the grace ended while it rang)
 * @param unconnected       answered callees no operator took (the carrier answered, no phone answered their call)
 * @param freeAtAnswer      of those, the ones with an operator free (not on a call, out of wrap-up) at the answer
 * @param freeWithinGrace   of those, the ones with an operator free at some moment within the grace after it:
 *                          the simulator, whose offers take no time, would have connected them
 * @param freeAfter         for those, ms from the answer to the first moment an operator was free, sorted
 * @param overtaken         of the unconnected, the ones that saw a callee answered after them offered an
 *                          operator while they waited (within the grace): not served oldest first
 * @param hangUpLag         the operator's hang-up (the phone's BYE) to Outdial's BYE to the callee, ms, sorted:
 *                          how late Outdial learns a talk ended, and so when the wrap-up starts
 * @param overhead          answer to the operator's INVITE for the calls taken with an operator free at the
 *                          answer: Outdial's own time on the way to an operator, ms, sorted
 */
record SmartRunFigures(Duration window, int operators, double occupancy, double talkPerHour, double waitSeconds,
                       long connections, long dials, long liveAnswered, long abandoned, long[] dialToAnswer,
                       long[] answerToOffer, long[] answerToOperator, Duration meanTalk, long offersNotAnswered,
                       long unconnected, long freeAtAnswer, long freeWithinGrace, long[] freeAfter,
                       long overtaken, long[] hangUpLag, long[] overhead) {

    /** Abandoned over live-answered, percent. */
    double abandonedPercent() {
        return liveAnswered == 0 ? 0 : 100.0 * abandoned / liveAnswered;
    }

    double answerRate() {
        return dials == 0 ? 0 : (double) liveAnswered / dials;
    }

    double dialsPerHour() {
        return dials / (operators * window.toMillis() / 3_600_000.0);
    }

    /**
     * @param from      when the operators were logged in and the campaign got its numbers
     * @param window    how long the campaign ran before it was paused
     * @param operators the team
     * @param wrapUp    the campaign's {@code markAsBusySeconds} (every talk gets it: {@code markAsBusyMinSecondsTalk} 0)
     * @param phones    every call record of the operators' phones
     * @param heard     the carrier's answered calls
     * @param dials     the campaign's calls that started
     * @param live      of those, answered by a person
     * @param abandoned of those, ANSW_NF_OP
     * @param grace     pacing.abandonment.grace
     */
    static SmartRunFigures of(Instant from, Duration window, int operators, Duration wrapUp, List<CallRecord> phones,
                              List<SimulatedCarrier.HeardCall> heard, long dials, long live, long abandoned,
                              Duration grace) {
        long start = from.toEpochMilli();
        long end = start + window.toMillis();
        long wrap = wrapUp.toMillis();
        long busy = 0;
        long talk = 0;
        long waited = 0;
        long connections = 0;
        long talkSum = 0;
        long talks = 0;
        Map<String, List<CallRecord>> byPhone = phones.stream()
                .filter(c -> c.outcome() == CallRecord.Outcome.ANSWERED && c.answeredAt().isPresent())
                .collect(Collectors.groupingBy(CallRecord::phone));
        for (List<CallRecord> calls : byPhone.values()) {
            calls.sort(Comparator.comparing(c -> c.answeredAt().orElseThrow()));
            long freeSince = start;
            for (CallRecord c : calls) {
                long answered = c.answeredAt().orElseThrow().toEpochMilli();
                long ended = answered + c.talk().toMillis();
                talk += clip(answered, ended, start, end);
                busy += clip(answered, ended + wrap, start, end);
                if (answered >= start && answered < end) {
                    waited += Math.max(0, answered - freeSince);
                    connections++;
                    talkSum += c.talk().toMillis();
                    talks++;
                }
                freeSince = ended + wrap;
            }
        }
        double loggedIn = (double) operators * window.toMillis();
        double operatorHours = loggedIn / 3_600_000.0;

        Map<String, SimulatedCarrier.HeardCall> answeredByNumber = new HashMap<>();
        List<Long> toAnswer = new ArrayList<>();
        for (SimulatedCarrier.HeardCall h : heard) {
            if (h.answeredAt() != null) {
                answeredByNumber.put(h.number(), h);
                toAnswer.add(Duration.between(h.invitedAt(), h.answeredAt()).toMillis());
            }
        }
        List<Long> hangUpLag = new ArrayList<>();
        List<Long> toOffer = new ArrayList<>();
        List<Long> toOperator = new ArrayList<>();
        long notAnswered = 0;
        for (CallRecord c : phones) {
            if (c.outcome() == CallRecord.Outcome.NOT_ANSWERED) {
                notAnswered++;
            }
            SimulatedCarrier.HeardCall h = answeredByNumber.get(c.caller());
            if (h == null) {
                continue;
            }
            toOffer.add(Duration.between(h.answeredAt(), c.offeredAt()).toMillis());
            if (c.outcome() == CallRecord.Outcome.ANSWERED && c.endedBy() == CallRecord.EndedBy.PHONE) {
                hangUpLag.add(Duration.between(c.answeredAt().orElseThrow().plus(c.talk()), h.endedAt()).toMillis());
            }
            c.answeredAt().ifPresent(at -> toOperator.add(Duration.between(h.answeredAt(), at).toMillis()));
        }
        java.util.Set<String> taken = phones.stream().filter(c -> c.outcome() == CallRecord.Outcome.ANSWERED)
                .map(CallRecord::caller).collect(Collectors.toSet());
        Map<String, List<long[]>> busyByPhone = busyIntervals(phones, wrap);
        long unconnected = 0;
        long freeAtAnswer = 0;
        long freeWithinGrace = 0;
        long overtaken = 0;
        List<Long> freeAfter = new ArrayList<>();
        List<Long> overhead = new ArrayList<>();
        for (CallRecord c : phones) {
            SimulatedCarrier.HeardCall h = answeredByNumber.get(c.caller());
            if (h == null || c.outcome() != CallRecord.Outcome.ANSWERED) {
                continue;
            }
            // Its own offer starts after the answer, so it does not cover the answer's moment.
            long at = h.answeredAt().toEpochMilli();
            if (busyByPhone.size() < operators || busyByPhone.values().stream().anyMatch(b -> freeAt(b, at))) {
                overhead.add(Duration.between(h.answeredAt(), c.offeredAt()).toMillis());
            }
        }
        for (SimulatedCarrier.HeardCall h : answeredByNumber.values()) {
            long at = h.answeredAt().toEpochMilli();
            if (taken.contains(h.number()) || at < start || at >= end) {
                continue;
            }
            unconnected++;
            boolean freeNow = false;
            boolean freeSoon = false;
            long first = Long.MAX_VALUE;
            for (List<long[]> busyTimes : busyByPhone.values()) {
                freeNow |= freeAt(busyTimes, at);
                boolean soon = !covered(busyTimes, at, at + grace.toMillis());
                freeSoon |= soon;
                if (soon) {
                    first = Math.min(first, reach(busyTimes, at) - at);
                }
            }
            if (first != Long.MAX_VALUE) {
                freeAfter.add(first);
            }
            long graceEnd = at + grace.toMillis();
            boolean passed = false;
            for (CallRecord c : phones) {
                SimulatedCarrier.HeardCall younger = answeredByNumber.get(c.caller());
                long offered = c.offeredAt().toEpochMilli();
                passed |= younger != null && younger.answeredAt().toEpochMilli() > at && offered >= at
                        && offered < graceEnd;
            }
            overtaken += passed ? 1 : 0;
            freeAtAnswer += freeNow ? 1 : 0;
            freeWithinGrace += freeSoon ? 1 : 0;
        }
        // Phones never offered a call are free all the time.
        long idlePhones = operators - busyByPhone.size();
        if (idlePhones > 0) {
            freeAtAnswer = unconnected;
            freeWithinGrace = unconnected;
        }
        return new SmartRunFigures(window, operators, 100 * busy / loggedIn, talk / 60_000.0 / operatorHours,
                connections == 0 ? 0 : waited / 1000.0 / connections, connections, dials, live, abandoned,
                sorted(toAnswer), sorted(toOffer), sorted(toOperator),
                Duration.ofMillis(talks == 0 ? 0 : Math.round((double) talkSum / talks)), notAnswered, unconnected,
                freeAtAnswer, freeWithinGrace, sorted(freeAfter), overtaken, sorted(hangUpLag), sorted(overhead));
    }

    /** The first moment from {@code from} on that the sorted busy times do not cover. */
    private static long reach(List<long[]> busy, long from) {
        long reached = from;
        for (long[] i : busy) {
            if (i[0] > reached) {
                break;
            }
            reached = Math.max(reached, i[1]);
        }
        return reached;
    }

    /** Each phone's busy times, sorted: from an offer to its end, and for a talk its wrap-up after. */
    private static Map<String, List<long[]>> busyIntervals(List<CallRecord> phones, long wrap) {
        Map<String, List<long[]>> busy = new HashMap<>();
        for (CallRecord c : phones) {
            long offered = c.offeredAt().toEpochMilli();
            long to = c.answeredAt().map(a -> a.toEpochMilli() + c.talk().toMillis() + wrap).orElse(offered);
            busy.computeIfAbsent(c.phone(), p -> new ArrayList<>()).add(new long[] {offered, Math.max(offered, to)});
        }
        busy.values().forEach(l -> l.sort(Comparator.comparingLong(i -> i[0])));
        return busy;
    }

    private static boolean freeAt(List<long[]> busy, long t) {
        for (long[] i : busy) {
            if (i[0] <= t && t < i[1]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the sorted busy times cover all of [from, to). */
    private static boolean covered(List<long[]> busy, long from, long to) {
        long reached = from;
        for (long[] i : busy) {
            if (i[0] > reached) {
                break;
            }
            reached = Math.max(reached, i[1]);
            if (reached >= to) {
                return true;
            }
        }
        return reached >= to;
    }

    private static long clip(long from, long to, long start, long end) {
        return Math.max(0, Math.min(to, end) - Math.max(from, start));
    }

    private static long[] sorted(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sorted().toArray();
    }
}
